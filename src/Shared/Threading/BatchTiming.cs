namespace Multinet.Shared.Threading;

/// <summary>
/// How a <see cref="Coalescer{T}"/> gathers items: at most one batch per <see cref="Interval"/> while items keep coming, a
/// burst's batch once no item came for <see cref="Settle"/>, and, for items <see cref="IsUrgent"/> says a reader waits to
/// see, once no other urgent item came for <see cref="UrgentSettle"/> (routine items arriving meanwhile do not hold it back).
/// </summary>
public sealed record BatchTiming<T>(TimeSpan Interval, TimeSpan Settle)
{
    /// <summary>Which items end the gathering early; null: none.</summary>
    public Func<T, bool>? IsUrgent { get; init; }

    /// <summary>How long an urgent item waits for other urgent ones (agents reporting the same change a moment apart) to join its batch.</summary>
    public TimeSpan UrgentSettle { get; init; }
}
