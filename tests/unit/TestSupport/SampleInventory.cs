using Multinet.Shared.Domain;

namespace Multinet.UnitTests.TestSupport;

/// <summary>A node inventory with one item of every kind, as an agent on node-1 would report it.</summary>
internal static class SampleInventory
{
    public static readonly DateTime AppliedAt = new(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);

    public static TunnelStatus Tunnel(string network, string peer, bool up = true, ulong rxPackets = 10) =>
        new(network, peer, 56, "192.168.1.1", PeerAddress(peer), 0, up)
        {
            SwIfIndex = 7,
            RxPackets = rxPackets,
            TxPackets = 20,
            RxBytes = 1000,
            TxBytes = 2000,
        };

    public static MemifStatus Memif(string pod, string network = "blue", ulong rxPackets = 100, ulong rxBytes = 10_000, bool up = true) =>
        new("default", pod, "memif1", network, $"/run/vpp/memif-{pod}.sock", "master", "ethernet")
        {
            SwIfIndex = 9,
            RxQueues = 2,
            TxQueues = 2,
            LinkUp = up,
            Address = "172.19.0.5/32",
            RxPackets = rxPackets,
            TxPackets = 50,
            RxBytes = rxBytes,
            TxBytes = 5_000,
            Drops = 3,
            Mac = "02:fe:00:00:00:09",
        };

    public static NodeInventory Full() => new()
    {
        Vrfs = [new VrfStatus("blue", 56, VrfState.Applied, null, 2, AppliedAt) { RouteCount = 4 }],
        Tunnels = [Tunnel("blue", "node-2"), Tunnel("blue", "node-3", up: false)],
        Memifs = [Memif("pod-a")],
        Taps = [new TapStatus("default", "pod-b", "eth1", "blue", "172.19.0.6/32") { SwIfIndex = 10, HostInterface = "tap3", LinkUp = true, RxPackets = 4, TxPackets = 5, Mac = "02:fe:00:00:00:0a" }],
        Routes = [new RouteStatus("blue", "172.19.0.5/32", "default/pod-a/memif1"), new RouteStatus("blue", "172.19.1.0/24", "node-2")],
        Services = [new ServiceEntryStatus("default", "web", "blue", "172.19.255.1", 80, "TCP") { Backends = ["172.19.0.5:8080", "172.19.0.6:8080"] }],
        Policies = [new PolicyBindingStatus("default", "pod-a", "memif1", "blue") { Policies = ["default/allow-web"], Rules = AllowWebRules }],
        Errors = [new ObjectError("tunnel blue/node-3", "blue", "peer address unknown")],
        LastApply = new ApplyStats(AppliedAt, 12.5, 9, 1),
    };

    /// <summary>The three rules of <c>default/allow-web</c> on pod-a's memif1, in enforcement order.</summary>
    public static readonly System.Collections.Immutable.ImmutableArray<PolicyRuleStatus> AllowWebRules =
    [
        new("default/allow-web", "ingress", "Allow", "TCP") { Nets = ["10.0.0.0/8"], Ports = ["80", "8000:8080"] },
        new("default/allow-web", "ingress", "Deny", null),
        new("default/allow-web", "egress", "Allow", "UDP") { Nets = ["fd00::/64", "192.168.1.1"], Ports = ["dns"] },
    ];

    private static string PeerAddress(string peer) => peer switch
    {
        "node-1" => "192.168.1.1",
        "node-2" => "192.168.1.2",
        "node-3" => "192.168.1.3",
        _ => "192.168.1.9",
    };
}
