namespace Multinet.Web.State;

/// <summary>The state at the moment of subscribing, and every later change in coalesced batches; both taken under one lock.</summary>
public sealed record LiveSubscription(LiveSnapshot Snapshot, IAsyncEnumerable<LiveBatch> Batches);
