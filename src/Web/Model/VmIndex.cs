using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Multinet.Shared.Cluster;
using Multinet.Shared.Crds;
using Multinet.Web.State;

namespace Multinet.Web.Model;

/// <summary>
/// Which pods are virt-launcher pods of which VMI, and which guest interface is behind each of their interfaces:
/// built once per <see cref="ClusterObjects"/> (weakly cached), so every page that lists pods can name the VM instead.
/// </summary>
public sealed class VmIndex
{
    private static readonly ConditionalWeakTable<ClusterObjects, VmIndex> s_cache = [];
    private readonly ImmutableDictionary<string, ClusterVmi> _byLauncher;
    private readonly ImmutableDictionary<string, string> _launcherOf;
    private readonly ImmutableDictionary<string, (ClusterVmi Vmi, VmiInterfaceView Interface)> _byAddress;

    private VmIndex(ClusterObjects objects)
    {
        var byUid = objects.Vmis.Values.Where(v => v.Uid is not null).ToDictionary(v => v.Uid!, StringComparer.Ordinal);
        var byLauncher = ImmutableDictionary.CreateBuilder<string, ClusterVmi>(StringComparer.Ordinal);
        var launcherOf = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var pod in objects.Pods.Values)
        {
            if (pod.Labels.TryGetValue(KubeVirtConstants.AppLabel, out var app) && app == KubeVirtConstants.LauncherLabelValue
                && pod.Labels.TryGetValue(KubeVirtConstants.CreatedByLabel, out var uid) && byUid.TryGetValue(uid, out var vmi))
            {
                byLauncher[pod.Key] = vmi;
                launcherOf[vmi.Key] = pod.Key;
            }
        }

        var byAddress = ImmutableDictionary.CreateBuilder<string, (ClusterVmi, VmiInterfaceView)>(StringComparer.OrdinalIgnoreCase);
        foreach (var vmi in objects.Vmis.Values)
        {
            foreach (var iface in vmi.Interfaces)
            {
                foreach (var ip in iface.Ips)
                {
                    byAddress[ip] = (vmi, iface);
                }
            }
        }

        _byAddress = byAddress.ToImmutable();
        _byLauncher = byLauncher.ToImmutable();
        _launcherOf = launcherOf.ToImmutable();
    }

    public static VmIndex Of(ClusterObjects objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        return s_cache.GetValue(objects, static o => new VmIndex(o));
    }

    /// <summary>The VMI a launcher pod (<c>namespace/name</c>) runs, or null for any other pod.</summary>
    public ClusterVmi? VmiOf(string podKey) => _byLauncher.GetValueOrDefault(podKey);

    /// <summary>The launcher pod (<c>namespace/name</c>) of a VMI, or null while it has none.</summary>
    public string? LauncherOf(string vmiKey) => _launcherOf.GetValueOrDefault(vmiKey);

    /// <summary>The VMI and guest interface holding an address (<c>ip</c> or <c>ip:port</c>), or null.</summary>
    public (ClusterVmi Vmi, VmiInterfaceView Interface)? ByAddress(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var ip = System.Net.IPAddress.TryParse(address, out var parsed) ? parsed.ToString()
            : System.Net.IPEndPoint.TryParse(address, out var endpoint) ? endpoint.Address.ToString() : address;
        return _byAddress.TryGetValue(ip, out var found) ? found : null;
    }

    /// <summary>The guest interface behind a launcher pod's interface (eth0 is the pod network's), or null.</summary>
    public VmiInterfaceView? GuestInterface(string podKey, string podInterface) =>
        VmiOf(podKey) is { } vmi
            ? vmi.Interfaces.FirstOrDefault(i => i.PodInterfaceName == podInterface || (podInterface == "eth0" && i.OnPodNetwork))
            : null;
}
