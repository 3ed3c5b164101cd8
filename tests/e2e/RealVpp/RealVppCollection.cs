namespace Multinet.E2ETests.RealVpp;

/// <summary>
/// The tests that start real VPPs: their pods' memif sockets are the planner's fixed paths under /run/vpp/memif, which two
/// VPPs cannot both listen on, so these tests run one after another, never beside each other.
/// </summary>
[CollectionDefinition(nameof(RealVppCollection))]
public sealed class RealVppCollection;
