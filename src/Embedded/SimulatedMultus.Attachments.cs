using k8s.Models;
using k8s;
using Multinet.Shared.Annotations;
using Multinet.Shared.Crds;
using Multinet.Shared.Ipam;

namespace Multinet.Embedded;

/// <summary>The Multus half: which NADs a pod asks for, an address for each, the network-status annotation and failure events.</summary>
internal sealed partial class SimulatedMultus
{
    public const string ReasonAddFailed = "AddedInterfaceFailed";
    public const string ReasonNoAddress = "NoAddressAvailable";

    /// <summary>One attachment that could not be made: the event's reason and message.</summary>
    private sealed record AttachFailure(string Reason, string Message);

    /// <summary>
    /// The pod's network-status (the default network first, then every requested attachment that could be made) and
    /// the failures, each also reported as an event; a failed attachment allocates nothing.
    /// </summary>
    private async Task<(string Status, IReadOnlyList<AttachFailure> Failures)> AttachAsync(V1Pod pod, string nodeName, string podIp,
        CancellationToken cancellationToken)
    {
        var annotations = pod.Metadata.Annotations ?? new Dictionary<string, string>();
        var uid = pod.Metadata.Uid ?? Key(pod);
        var failures = new List<AttachFailure>();
        var existing = NetworkStatusEntry.Parse(annotations.TryGetValue(CniConstants.NetworkStatusAnnotation, out var s) ? s : null);
        var entries = new List<NetworkStatusEntry>
        {
            new()
            {
                Name = NetworkStatusEntry.DefaultNetworkName, Interface = "eth0", Ips = [podIp],
                Mac = MacAddresses.Derive($"{uid}/eth0"), Default = true, Dns = NetworkStatusEntry.EmptyDns,
            },
        };

        var (selections, errors) = NetworkSelectionParser.Parse(annotations.TryGetValue(NetworkSelectionParser.AnnotationKey, out var n) ? n : null);
        var attached = selections.Select(x => x.QualifiedName(pod.Metadata.NamespaceProperty)).ToHashSet(StringComparer.Ordinal);
        foreach (var error in errors.Concat(KubeOvnAnnotations.Unattached(pod.Metadata.Annotations?.AsReadOnly(), attached)))
        {
            var message = error.Field.Contains(NetworkSelectionParser.AnnotationKey, StringComparison.Ordinal)
                ? $"{NetworkSelectionParser.AnnotationKey} cannot be read: {error}"
                : error.ToString();
            failures.Add(new(ReasonAddFailed, message));
            await ReportAsync(pod, nodeName, ReasonAddFailed, message, cancellationToken);
        }

        for (var i = 0; i < selections.Length; i++)
        {
            var selection = selections[i];
            var nadKey = selection.QualifiedName(pod.Metadata.NamespaceProperty);
            var iface = selection.Interface ?? $"net{i + 1}";
            if (existing.FirstOrDefault(e => e.Name == nadKey && e.Interface == iface) is { } done)
            {
                entries.Add(done);
                continue;
            }

            var (entry, reason, message) = await AttachOneAsync(pod, selection, nadKey, iface, cancellationToken);
            if (entry is not null)
            {
                entries.Add(entry);
            }
            else
            {
                var text = $"Add {iface} [{Key(pod)}]: error adding container to network \"{nadKey}\": {message}";
                failures.Add(new(reason!, text));
                await ReportAsync(pod, nodeName, reason!, text, cancellationToken);
            }
        }

        return (NetworkStatusEntry.Serialize(entries), failures);
    }

    private async Task<(NetworkStatusEntry? Entry, string? Reason, string? Message)> AttachOneAsync(
        V1Pod pod, NetworkSelection selection, string nadKey, string iface, CancellationToken cancellationToken)
    {
        if (!_nadConfigs.TryGetValue(nadKey, out var configText))
        {
            return (null, ReasonAddFailed, $"NetworkAttachmentDefinition {nadKey} not found.");
        }

        var (config, configError) = NadIpamConfig.Parse(configText);
        if (config is null)
        {
            return (null, ReasonAddFailed, $"NetworkAttachmentDefinition {nadKey} has an invalid configuration: {configError}");
        }

        string? rangeText;
        if (config.NetworkName is { } network)
        {
            if (!_networkRanges.TryGetValue(network, out rangeText))
            {
                return (null, ReasonAddFailed, $"Network \"{network}\" (dataplane_options.network_name of {nadKey}) not found.");
            }
        }
        else if (config.IpamRange is not null)
        {
            rangeText = config.IpamRange;
        }
        else
        {
            // Not an addressed network of ours (e.g. a macvlan without IPAM): attached without addresses, as Multus does.
            return (Entry(pod, selection, nadKey, iface, []), null, null);
        }

        if (!AddressAllocator.TryParseRange(rangeText, out var range, out var rangeError))
        {
            return (null, ReasonAddFailed, $"the range of {(config.NetworkName is { } nw ? $"Network \"{nw}\"" : nadKey)} is unusable: {rangeError}");
        }

        var (request, requestErrors) = KubeOvnAnnotations.Read(pod.Metadata.Annotations?.AsReadOnly(), selection.Name,
            selection.Namespace ?? pod.Metadata.NamespaceProperty);
        if (AttachProblems(config, range, nadKey, requestErrors) is { } problem)
        {
            return (null, ReasonAddFailed, problem);
        }

        var excluded = Excluded(config, range);
        selection = selection with { Mac = selection.Mac ?? request.Mac };

        var pool = PoolFor(config.NetworkName, range);
        var uid = pod.Metadata.Uid ?? Key(pod);
        var mine = pool.Allocations.FirstOrDefault(a => a.Value.Id == uid && a.Value.IfName == iface);
        if (mine.Value is not null)
        {
            return (Entry(pod, selection, nadKey, iface, [AddressAllocator.AddressAt(range, mine.Key).ToString()]), null, null);
        }

        var requested = StaticRequest(selection, request, range);
        var poolOfFamily = request.IpPool.Where(a => a.AddressFamily == range.BaseAddress.AddressFamily).ToList();
        var result = requested is null && !request.IpPool.IsEmpty
            ? IpPoolAllocator.Allocate(range, pool.Taken, poolOfFamily.Count > 0 ? poolOfFamily : request.IpPool, excluded)
            : AddressAllocator.Allocate(range, pool.Taken, requested, excluded);
        if (!result.Succeeded)
        {
            return (null, result.Failure is IpamFailure.Exhausted or IpamFailure.Taken or IpamFailure.Excluded ? ReasonNoAddress : ReasonAddFailed, result.Error);
        }

        var allocation = new PoolAllocation(uid, Key(pod), iface);
        pool.Allocations[result.Offset] = allocation;
        try
        {
            await WritePoolAsync(pool, new Dictionary<System.Numerics.BigInteger, PoolAllocation?> { [result.Offset] = allocation }, cancellationToken);
        }
        catch
        {
            pool.Allocations.Remove(result.Offset);
            throw;
        }

        LogAllocated(result.Address!.ToString(), pool.Name, Key(pod), iface);
        return (Entry(pod, selection, nadKey, iface, [result.Address!.ToString()]), null, null);
    }

    /// <summary>
    /// The static address asked for: the JSON form's <c>ips</c>, else Kube-OVN's <c>&lt;nad&gt;.&lt;ns&gt;.kubernetes.io/ip_address</c>
    /// annotation; of several (dual stack), the one of the range's family; null when none was asked for.
    /// </summary>
    private static string? StaticRequest(NetworkSelection selection, KubeOvnRequest request, System.Net.IPNetwork range)
    {
        var list = selection.Ips.IsEmpty ? [.. request.IpAddresses.Select(a => a.ToString())] : selection.Ips.ToList();
        return list.FirstOrDefault(ip => System.Net.IPAddress.TryParse(ip.Split('/')[0], out var a)
            && a.AddressFamily == range.BaseAddress.AddressFamily) ?? list.FirstOrDefault();
    }

    private static NetworkStatusEntry Entry(V1Pod pod, NetworkSelection selection, string nadKey, string iface, IReadOnlyList<string> ips) => new()
    {
        Name = nadKey,
        Interface = iface,
        Ips = ips,
        Mac = selection.Mac ?? MacAddresses.Derive($"{pod.Metadata.Uid ?? nadKey}/{iface}"),
        Dns = NetworkStatusEntry.EmptyDns,
    };

    /// <summary>A Warning event on the pod, as kubelet records Multus' failures; the same failure is reported once.</summary>
    private async Task ReportAsync(V1Pod pod, string nodeName, string reason, string message, CancellationToken cancellationToken)
    {
        if (!_reported.Add($"{pod.Metadata.Uid}|{reason}|{message}"))
        {
            return;
        }

        LogAttachFailed(Key(pod), reason, message);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var ev = new Corev1Event
        {
            Metadata = new V1ObjectMeta { GenerateName = pod.Metadata.Name + ".", NamespaceProperty = pod.Metadata.NamespaceProperty },
            InvolvedObject = new V1ObjectReference
            {
                ApiVersion = "v1", Kind = "Pod", Name = pod.Metadata.Name, NamespaceProperty = pod.Metadata.NamespaceProperty,
                Uid = pod.Metadata.Uid, ResourceVersion = pod.Metadata.ResourceVersion,
            },
            Reason = reason,
            Message = message,
            Type = "Warning",
            Count = 1,
            FirstTimestamp = now,
            LastTimestamp = now,
            Source = new V1EventSource { Component = "multus", Host = nodeName },
            ReportingComponent = "multus",
            ReportingInstance = nodeName,
        };
        try
        {
            await client.CoreV1.CreateNamespacedEventAsync(ev, pod.Metadata.NamespaceProperty, cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _reported.Remove($"{pod.Metadata.Uid}|{reason}|{message}");
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Simulated Multus: {Address} from pool {Pool} to {Pod} {Interface}.")]
    private partial void LogAllocated(string address, string pool, string pod, string @interface);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulated Multus: pod {Pod}: {Reason}: {Message}")]
    private partial void LogAttachFailed(string pod, string reason, string message);
}
