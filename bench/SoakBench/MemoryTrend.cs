namespace Multinet.SoakBench;

/// <summary>
/// The working set's trend over the judged minutes: a least-squares line through every sample after the warm-up. The
/// working set of a collected heap is a sawtooth (the old generation fills with garbage until its next collection, 100 to
/// 200 MiB at this scale), so one sample against another says where on the tooth each fell; a leak lifts the whole line.
/// </summary>
internal sealed record MemoryTrend(double SlopeMibPerMinute, double Growth)
{
    /// <summary>The line through <paramref name="samples"/>: its slope, and its rise from the first sample's time to the last as a fraction of its value at the first (0.05 = 5 %).</summary>
    public static MemoryTrend Of(IReadOnlyList<(TimeSpan At, double Mib)> samples)
    {
        if (samples.Count < 2)
        {
            return new MemoryTrend(0, 0);
        }

        var meanX = samples.Average(s => s.At.TotalMinutes);
        var meanY = samples.Average(s => s.Mib);
        var variance = samples.Sum(s => Math.Pow(s.At.TotalMinutes - meanX, 2));
        var slope = variance == 0 ? 0 : samples.Sum(s => (s.At.TotalMinutes - meanX) * (s.Mib - meanY)) / variance;
        var start = meanY + (slope * (samples[0].At.TotalMinutes - meanX));
        return new MemoryTrend(slope, slope * (samples[^1].At.TotalMinutes - samples[0].At.TotalMinutes) / start);
    }
}
