using System.Globalization;
using System.Text.RegularExpressions;
using Multinet.TestSupport;

namespace Multinet.AgentKillDrill;

/// <summary>What the drill expects VPP to hold: the Networks (name → VNI), the peers' underlay addresses and the pods' memif sockets.</summary>
internal sealed record Expected(IReadOnlyDictionary<string, uint> Networks, string Self, IReadOnlyList<string> Peers, IReadOnlySet<string> MemifSockets);

/// <summary>VPP's state read with vppctl (independent of the agent's own API client), counted against <see cref="Expected"/>.</summary>
internal sealed partial record VppCensus(
    IReadOnlyList<(uint Id, string Name)> Tables,
    IReadOnlyList<(string Src, string Dst, uint Vni)> Tunnels,
    IReadOnlyList<string> Interfaces,
    IReadOnlyList<string> MemifSockets)
{
    public static async Task<VppCensus> ReadAsync(string vppctl, string cliSocket, CancellationToken cancellationToken)
    {
        async Task<string> Cli(string command) => (await ChildProcess.RunAsync(vppctl, ["-s", cliSocket, command], cancellationToken)).Output;
        var tables = TableLine().Matches(await Cli("show ip table"))
            .Select(m => (uint.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Value.Trim())).ToList();
        var tunnels = TunnelLine().Matches(await Cli("show vxlan tunnel"))
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value, uint.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture))).ToList();
        var interfaces = (await Cli("show interface")).Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(w => w.Length > 2 && uint.TryParse(w[1], out _)).Select(w => w[0]).ToList();
        var sockets = SocketLine().Matches(await Cli("show memif")).Select(m => m.Groups[1].Value.Trim()).ToList();
        return new(tables, tunnels, interfaces, sockets);
    }

    /// <summary>Tables named for a Network that is gone, or for a Network under an id that is not its VNI.</summary>
    public int StaleVrfs(Expected expected) =>
        Tables.Count(t => t.Name.StartsWith("multinet:", StringComparison.Ordinal) && expected.Networks.GetValueOrDefault(t.Name["multinet:".Length..]) != t.Id);

    public int MissingVrfs(Expected expected) => expected.Networks.Count(n => !Tables.Contains((n.Value, "multinet:" + n.Key)));

    /// <summary>Tunnels beyond the first with the same (src, dst, vni).</summary>
    public int DuplicateTunnels => Tunnels.GroupBy(t => t).Sum(g => g.Count() - 1);

    /// <summary>Tunnels to no current (peer, VNI), and expected ones absent.</summary>
    public (int Stray, int Missing) TunnelDiff(Expected expected)
    {
        var wanted = expected.Networks.Values.SelectMany(vni => expected.Peers.Select(peer => (expected.Self, peer, vni))).ToHashSet();
        var present = Tunnels.ToHashSet();
        return (present.Count(t => !wanted.Contains(t)), wanted.Count(t => !present.Contains(t)));
    }

    /// <summary>
    /// Interfaces the agent makes beyond what the Networks and pods need: a loopback per VRF, a memif per pod, a tunnel per
    /// (peer, VNI) (duplicates counted once here, once in <see cref="DuplicateTunnels"/>); <paramref name="baseline"/> is what VPP held
    /// before any agent ran.
    /// </summary>
    public int LeakedInterfaces(Expected expected, VppCensus baseline)
    {
        int Count(string prefix, VppCensus census) => census.Interfaces.Count(i => i.StartsWith(prefix, StringComparison.Ordinal));
        var loops = Count("loop", this) - Count("loop", baseline) - expected.Networks.Count;
        var memifs = Count("memif", this) - Count("memif", baseline) - expected.MemifSockets.Count;
        var tunnels = Count("vxlan_tunnel", this) - Tunnels.Distinct().Count() + TunnelDiff(expected).Stray;
        return Math.Max(0, loops) + Math.Max(0, memifs) + Math.Max(0, tunnels);
    }

    /// <summary>Memif socket files registered for no current pod.</summary>
    public int LeakedSockets(Expected expected, VppCensus baseline) =>
        MemifSockets.Count(s => !expected.MemifSockets.Contains(s) && !baseline.MemifSockets.Contains(s));

    public bool Converged(Expected expected, VppCensus baseline)
    {
        int Count(string prefix, VppCensus census) => census.Interfaces.Count(i => i.StartsWith(prefix, StringComparison.Ordinal));
        return StaleVrfs(expected) == 0 && MissingVrfs(expected) == 0 && DuplicateTunnels == 0 && TunnelDiff(expected) == (0, 0)
            && Count("loop", this) - Count("loop", baseline) == expected.Networks.Count
            && Count("memif", this) - Count("memif", baseline) == expected.MemifSockets.Count
            && expected.MemifSockets.All(MemifSockets.Contains) && LeakedSockets(expected, baseline) == 0;
    }

    [GeneratedRegex(@"table_id:(\d+) ([^\r\n]*)")]
    private static partial Regex TableLine();

    [GeneratedRegex(@"src (\S+) dst (\S+) .*?vni (\d+) ")]
    private static partial Regex TunnelLine();

    [GeneratedRegex(@"^\s*\d+\S*\s+.*?(/\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex SocketLine();
}
