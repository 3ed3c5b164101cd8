namespace Multinet.Web.State;

/// <summary>
/// A coalesced batch of changes with the snapshot after them. <see cref="Overflowed"/> means the subscriber
/// fell behind and some changes were dropped: it must rebuild from <see cref="Snapshot"/>.
/// </summary>
public sealed record LiveBatch(LiveSnapshot Snapshot, IReadOnlyList<LiveChange> Changes, bool Overflowed);
