namespace Multinet.Shared.Threading;

/// <summary>Delays between retries: exponential with a cap, plus jitter so many clients do not retry in step.</summary>
public static class Backoff
{
    /// <summary><c>min(2^(attempt-1) × base, max)</c> plus up to a quarter of that as jitter.</summary>
    public static TimeSpan Exponential(int attempt, TimeSpan max, TimeSpan? initial = null)
    {
        var first = initial ?? TimeSpan.FromMilliseconds(250);
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var delay = TimeSpan.FromTicks(Math.Min(first.Ticks * (1L << Math.Min(exponent, 20)), max.Ticks));
        var jitter = TimeSpan.FromTicks((long)(delay.Ticks * 0.25 * Random.Shared.NextDouble()));
        return delay + jitter;
    }
}
