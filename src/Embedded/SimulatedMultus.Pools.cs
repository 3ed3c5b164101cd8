using System.Globalization;
using System.Net;
using System.Numerics;
using System.Text.Json;
using k8s.Autorest;
using k8s.Models;
using k8s;
using Multinet.Shared.Crds;
using Multinet.Shared.Ipam;

namespace Multinet.Embedded;

/// <summary>The Whereabouts half: IPPools in kube-system as the durable record of every allocation.</summary>
internal sealed partial class SimulatedMultus
{
    /// <summary>The label naming the Network a pool's range belongs to.</summary>
    public const string NetworkLabel = "multinet.projectcalico.org/network";

    /// <summary>The pool of a Network's (or a NAD's own) range; a new one is named as Whereabouts would, unless another network holds that name.</summary>
    private AddressPool PoolFor(string? network, IPNetwork range)
    {
        var key = AddressPool.Key(network, range);
        if (!_pools.TryGetValue(key, out var pool))
        {
            var name = WhereaboutsPoolNames.ForRange(range.ToString());
            if (_pools.Values.Any(p => p.Name == name))
            {
                // Overlapping networks share a range but never addresses: the second gets Whereabouts' named-network pool.
                name = WhereaboutsPoolNames.ForRange(range.ToString(), network ?? "nad");
            }

            pool = new AddressPool(name, network, range);
            _pools[key] = pool;
        }

        return pool;
    }

    /// <summary>Reads every IPPool back, so no address already handed out is handed out again.</summary>
    private async Task LoadPoolsAsync(CancellationToken cancellationToken)
    {
        var list = (JsonElement)await client.CustomObjects.ListNamespacedCustomObjectAsync(CniConstants.IpPoolGroup, CniConstants.IpPoolVersion, PoolNamespace,
            CniConstants.IpPoolPlural, cancellationToken: cancellationToken);
        foreach (var item in list.GetProperty("items").EnumerateArray())
        {
            var name = Metadata(item, "name") ?? "";
            var network = item.GetProperty("metadata").TryGetProperty("labels", out var labels) && labels.TryGetProperty(NetworkLabel, out var l)
                ? l.GetString()
                : null;
            if (!item.TryGetProperty("spec", out var spec) || !spec.TryGetProperty("range", out var r)
                || !AddressAllocator.TryParseRange(r.GetString(), out var range, out _))
            {
                continue;
            }

            var key = AddressPool.Key(network, range);
            var pool = _pools.TryGetValue(key, out var known) ? known : _pools[key] = new AddressPool(name, network, range);
            if (spec.TryGetProperty("allocations", out var allocations) && allocations.ValueKind == JsonValueKind.Object)
            {
                foreach (var allocation in allocations.EnumerateObject())
                {
                    if (BigInteger.TryParse(allocation.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
                        && allocation.Value.ValueKind == JsonValueKind.Object)
                    {
                        pool.Allocations.TryAdd(offset, new PoolAllocation(String(allocation.Value, "id"), String(allocation.Value, "podref"),
                            String(allocation.Value, "ifname")));
                    }
                }
            }
        }
    }

    private static string String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";

    /// <summary>
    /// After a (re-)list of pods: allocations of pods that no longer exist are freed, and addresses pods report in their
    /// network-status that no pool holds (an IPPool lost or edited) are recorded again.
    /// </summary>
    private async Task RebuildFromPodsAsync(CancellationToken cancellationToken)
    {
        var live = _pods.Values.Select(p => p.Metadata.Uid).ToHashSet(StringComparer.Ordinal);
        var changes = new Dictionary<AddressPool, Dictionary<BigInteger, PoolAllocation?>>();
        foreach (var pool in _pools.Values)
        {
            foreach (var (offset, _) in pool.Allocations.Where(a => !live.Contains(a.Value.Id)).ToList())
            {
                pool.Allocations.Remove(offset);
                Changes(changes, pool)[offset] = null;
            }
        }

        foreach (var pod in _pods.Values)
        {
            var annotations = pod.Metadata.Annotations;
            foreach (var entry in NetworkStatusEntry.Parse(annotations?.TryGetValue(CniConstants.NetworkStatusAnnotation, out var s) == true ? s : null))
            {
                if (entry.Default == true || !_nadConfigs.TryGetValue(entry.Name, out var configText)
                    || NadIpamConfig.Parse(configText).Config is not { } config)
                {
                    continue;
                }

                var rangeText = config.NetworkName is { } network ? _networkRanges.GetValueOrDefault(network) : config.IpamRange;
                if (!AddressAllocator.TryParseRange(rangeText, out var range, out _))
                {
                    continue;
                }

                var pool = PoolFor(config.NetworkName, range);
                foreach (var ip in entry.Ips ?? [])
                {
                    if (IPAddress.TryParse(ip, out var address) && range.Contains(address)
                        && AddressAllocator.OffsetOf(range, address) is var offset && !pool.Allocations.ContainsKey(offset))
                    {
                        var allocation = new PoolAllocation(pod.Metadata.Uid, Key(pod), entry.Interface ?? "");
                        pool.Allocations[offset] = allocation;
                        Changes(changes, pool)[offset] = allocation;
                    }
                }
            }
        }

        foreach (var (pool, change) in changes)
        {
            await WritePoolAsync(pool, change, cancellationToken);
        }
    }

    private static Dictionary<BigInteger, PoolAllocation?> Changes(Dictionary<AddressPool, Dictionary<BigInteger, PoolAllocation?>> changes, AddressPool pool) =>
        changes.TryGetValue(pool, out var change) ? change : changes[pool] = [];

    /// <summary>A deleted pod's addresses go back to their pools; its pod IP back to its node.</summary>
    private async Task ReleaseAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        var uid = pod.Metadata.Uid ?? Key(pod);
        _podIps.Remove(uid);
        _reported.RemoveWhere(r => r.StartsWith(uid + "|", StringComparison.Ordinal));
        foreach (var pool in _pools.Values)
        {
            var freed = pool.Allocations.Where(a => a.Value.Id == uid).Select(a => a.Key).ToList();
            if (freed.Count == 0)
            {
                continue;
            }

            foreach (var offset in freed)
            {
                pool.Allocations.Remove(offset);
            }

            await WritePoolAsync(pool, freed.ToDictionary(o => o, _ => (PoolAllocation?)null), cancellationToken);
            LogReleased(freed.Count, pool.Name, Key(pod));
        }
    }

    /// <summary>Merges allocation changes (null: freed) into the IPPool, creating it on first use.</summary>
    private async Task WritePoolAsync(AddressPool pool, IReadOnlyDictionary<BigInteger, PoolAllocation?> changes, CancellationToken cancellationToken)
    {
        var allocations = changes.ToDictionary(c => c.Key.ToString(CultureInfo.InvariantCulture), c => Allocation(c.Value));
        var patch = new { spec = new { allocations } };
        try
        {
            await client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(KubernetesJson.Serialize(patch), V1Patch.PatchType.MergePatch),
                CniConstants.IpPoolGroup, CniConstants.IpPoolVersion, PoolNamespace, CniConstants.IpPoolPlural, pool.Name, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
        {
            var body = new
            {
                apiVersion = $"{CniConstants.IpPoolGroup}/{CniConstants.IpPoolVersion}",
                kind = "IPPool",
                metadata = new
                {
                    name = pool.Name,
                    @namespace = PoolNamespace,
                    labels = pool.Network is null ? null : new Dictionary<string, string> { [NetworkLabel] = pool.Network },
                },
                spec = new
                {
                    range = pool.Range.ToString(),
                    allocations = pool.Allocations.ToDictionary(a => a.Key.ToString(CultureInfo.InvariantCulture), a => Allocation(a.Value)),
                },
            };
            await client.CustomObjects.CreateNamespacedCustomObjectAsync(body, CniConstants.IpPoolGroup, CniConstants.IpPoolVersion, PoolNamespace, CniConstants.IpPoolPlural,
                cancellationToken: cancellationToken);
        }
    }

    private static object? Allocation(PoolAllocation? allocation) =>
        allocation is null ? null : new { id = allocation.Id, podref = allocation.PodRef, ifname = allocation.IfName };

    [LoggerMessage(Level = LogLevel.Debug, Message = "Simulated Multus: freed {Count} addresses of pool {Pool} held by {Pod}.")]
    private partial void LogReleased(int count, string pool, string pod);
}
