using System.Collections.Immutable;
using Multinet.Shared.Domain;

namespace Multinet.Web.State;

/// <summary>A node as the console knows it: its agent's connection and the inventory it last reported.</summary>
public sealed record NodeView
{
    public required string Name { get; init; }

    public bool Connected { get; init; }

    public DateTime? LastSeen { get; init; }

    /// <summary>Connected, but silent for longer than a few heartbeats: what it last reported may no longer hold.</summary>
    public bool Stale { get; init; }

    public string Dataplane { get; init; } = "";

    public string AgentVersion { get; init; } = "";

    /// <summary>Everything the agent last reported about its dataplane.</summary>
    public NodeInventory Inventory { get; init; } = NodeInventory.Empty;

    /// <summary>The VRFs of <see cref="Inventory"/>.</summary>
    public ImmutableArray<VrfStatus> Vrfs
    {
        get => Inventory.Vrfs;
        init => Inventory = Inventory with { Vrfs = value };
    }

    /// <summary>
    /// The two latest counter samples per memif (by <see cref="MemifStatus.Key"/>): one taken at each report, so rates
    /// are the counter change over the time between the last two reports. Only memifs in the inventory have samples.
    /// </summary>
    public ImmutableDictionary<string, MemifSamples> MemifSamples { get; init; } = ImmutableDictionary<string, MemifSamples>.Empty;

    public int TunnelsUp => Inventory.Tunnels.Count(t => t.Up);

    public int MemifsUp => Inventory.Memifs.Count(m => m.LinkUp);

    /// <summary>The memif's packet and byte rates, or null until two samples exist.</summary>
    public CounterRate? MemifRate(string key) =>
        MemifSamples.TryGetValue(key, out var samples) ? samples.Rate : null;
}

/// <summary>A memif's counters as received at <see cref="At"/>.</summary>
public readonly record struct CounterSample(DateTime At, ulong RxPackets, ulong TxPackets, ulong RxBytes, ulong TxBytes)
{
    public static CounterSample Of(MemifStatus memif, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(memif);
        return new(at, memif.RxPackets, memif.TxPackets, memif.RxBytes, memif.TxBytes);
    }
}

/// <summary>Per-second rates between two samples.</summary>
public readonly record struct CounterRate(double RxPacketsPerSecond, double TxPacketsPerSecond, double RxBytesPerSecond, double TxBytesPerSecond);

/// <summary>The latest sample of a memif's counters and the one before it.</summary>
public sealed record MemifSamples(CounterSample Latest, CounterSample? Previous)
{
    /// <summary>The rate between the two samples; null with one sample or no time between them. A counter that went back (reset) counts as 0.</summary>
    public CounterRate? Rate
    {
        get
        {
            if (Previous is not { } before)
            {
                return null;
            }

            var seconds = (Latest.At - before.At).TotalSeconds;
            if (seconds <= 0)
            {
                return null;
            }

            return new CounterRate(
                PerSecond(before.RxPackets, Latest.RxPackets, seconds), PerSecond(before.TxPackets, Latest.TxPackets, seconds),
                PerSecond(before.RxBytes, Latest.RxBytes, seconds), PerSecond(before.TxBytes, Latest.TxBytes, seconds));
        }
    }

    /// <summary>How many rates <see cref="RxPpsHistory"/> keeps: about half a minute at one report a second.</summary>
    public const int HistoryLength = 30;

    /// <summary>The received packets per second between consecutive reports, oldest first, at most <see cref="HistoryLength"/>.</summary>
    public ImmutableArray<double> RxPpsHistory { get; init; } = [];

    /// <summary>The samples after a new report at <paramref name="at"/>; the rate since the last one joins the bounded history.</summary>
    public MemifSamples Next(MemifStatus memif, DateTime at)
    {
        var next = new MemifSamples(CounterSample.Of(memif, at), Latest);
        return next.Rate is { } rate
            ? next with { RxPpsHistory = [.. RxPpsHistory.Skip(Math.Max(0, RxPpsHistory.Length - HistoryLength + 1)), rate.RxPacketsPerSecond] }
            : next with { RxPpsHistory = RxPpsHistory };
    }

    private static double PerSecond(ulong before, ulong after, double seconds) => after >= before ? (after - before) / seconds : 0;
}
