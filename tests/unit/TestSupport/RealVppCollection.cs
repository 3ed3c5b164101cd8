namespace Multinet.UnitTests.TestSupport;

/// <summary>
/// Tests against the one running VPP that <c>MULTINET_VPP_API_SOCKET</c> names: they plan, dump and reconcile the same
/// VPP (a reconcile removes what its plan does not want), so they run one after another, never beside each other.
/// </summary>
[CollectionDefinition(nameof(RealVppCollection))]
public sealed class RealVppCollection;
