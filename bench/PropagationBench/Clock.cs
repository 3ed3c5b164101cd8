namespace Multinet.PropagationBench;

/// <summary>This machine's wall clock as Unix milliseconds: the browser's Date.now() and the agents' timestamps use the same clock.</summary>
internal static class Clock
{
    public static double UnixMs() => UnixMs(DateTime.UtcNow);

    public static double UnixMs(DateTime utc) => (utc.ToUniversalTime() - DateTime.UnixEpoch).TotalMilliseconds;
}
