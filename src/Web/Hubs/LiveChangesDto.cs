using Multinet.Web.State;

namespace Multinet.Web.Hubs;

/// <summary>One coalesced batch on the hub: the changes and the version they reach; <c>Resync</c> asks the client to fetch the snapshot.</summary>
public sealed record LiveChangesDto(long Version, IReadOnlyList<LiveChange> Changes, bool Resync);
