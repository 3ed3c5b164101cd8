using Multinet.Shared.Domain;

namespace Multinet.Agent.Dataplane;

public sealed partial class SimulatedDataplane
{
    /// <summary>
    /// The traffic generator: every interface that is admin-up with its link up receives and sends packets at a steady
    /// rate that depends only on its sw_if_index (100..550 packets/s in, 90% of that out; 128-byte frames in, 256 out), so
    /// equal histories give equal counters. A memif waiting for its pod's application connects on this tick (link up)
    /// and carries traffic from the next one.
    /// </summary>
    public void Elapse(TimeSpan elapsed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(elapsed, TimeSpan.Zero);
        lock (_lock)
        {
            foreach (var iface in _interfaces.Values)
            {
                if (iface.AwaitingPeer)
                {
                    iface.AwaitingPeer = false;
                    iface.LinkUp = true;
                    continue;
                }

                if (!iface.AdminUp || !iface.LinkUp)
                {
                    continue;
                }

                var rate = 100UL + (iface.SwIfIndex % 10 * 50);
                var rx = (ulong)(rate * (decimal)elapsed.Ticks / TimeSpan.TicksPerSecond);
                var tx = rx - (rx / 10);
                iface.Counters = new InterfaceCounters(iface.Counters.RxPackets + rx, iface.Counters.TxPackets + tx,
                    iface.Counters.RxBytes + (rx * 128), iface.Counters.TxBytes + (tx * 256), iface.Counters.Drops);
            }
        }
    }

    /// <summary>One VPP interface: a tunnel or a pod interface, the table it is bound to, its state and counters.</summary>
    private sealed class SimulatedInterface(uint swIfIndex, string name)
    {
        public uint SwIfIndex { get; } = swIfIndex;

        /// <summary>VPP's interface name, e.g. "vxlan_tunnel0", "memif1/0", "tap0".</summary>
        public string Name { get; } = name;

        public TunnelSpec? Tunnel { get; init; }

        public PodInterfaceSpec? Pod { get; set; }

        /// <summary>A pod interface's MAC: the one the plan asked for, else a locally administered 02:fe:… one, as VPP gives.</summary>
        public string? Mac { get; init; }

        public (uint TableId, bool IsIpv6)? Table { get; set; }

        public bool AdminUp { get; set; }

        public bool LinkUp { get; set; }

        /// <summary>A memif whose pod application has not connected yet.</summary>
        public bool AwaitingPeer { get; set; }

        public InterfaceCounters Counters { get; set; }
    }
}
