using Multinet.Shared.Domain;

namespace Multinet.Agent.Dataplane.Vpp;

internal sealed partial class VppDataplane
{
    private readonly Lock _statsLock = new();
    private VppStatsSegment? _stats;

    /// <summary>VPP's stats socket: <c>stats.sock</c> beside the API socket, as VPP's defaults (/run/vpp/api.sock, /run/vpp/stats.sock) place it.</summary>
    internal string StatsSocketPath => Path.Combine(Path.GetDirectoryName(socketPath) ?? "/run/vpp", "stats.sock");

    /// <summary>Interface counters by sw_if_index; empty, with the reason, when the stats segment cannot be read (tried again next time).</summary>
    private (IReadOnlyDictionary<uint, InterfaceCounters> Counters, string? Error) ReadCounters()
    {
        lock (_statsLock)
        {
            try
            {
                _stats ??= VppStatsSegment.Connect(StatsSocketPath);
                return (_stats.ReadInterfaceCounters(), null);
            }
            catch (IOException ex)
            {
                ForgetStats();
                return (new Dictionary<uint, InterfaceCounters>(), ex.Message);
            }
        }
    }

    /// <summary>Drops the mapped segment: a restarted VPP has a new one.</summary>
    private void ForgetStats()
    {
        lock (_statsLock)
        {
            _stats?.Dispose();
            _stats = null;
        }
    }
}
