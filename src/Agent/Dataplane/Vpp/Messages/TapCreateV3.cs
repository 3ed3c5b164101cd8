namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary>
/// <c>tap_create_v3</c> with the fields the agent sets: host interface name and namespace, tag; the rest take the
/// definition's defaults (id ~0, a random VPP-side MAC, 1 rx/tx queue, 256-entry rings). The reply carries sw_if_index.
/// </summary>
internal sealed record TapCreateV3(string HostIfName, string? HostNamespace, string Tag) : IVppRequest
{
    /// <summary>The MAC of the host (pod) side of the tap, the pod's interface; null lets the kernel pick one. VPP's side is always random.</summary>
    public byte[]? HostMacAddress { get; init; }

    public ushort RxQueues { get; init; } = 1;

    public ushort TxQueues { get; init; } = 1;

    public string MessageName => "tap_create_v3";

    public IReadOnlyDictionary<string, object?> ToFields() => new Dictionary<string, object?>
    {
        ["use_random_mac"] = true,
        ["mac_address"] = new byte[6],
        ["num_rx_queues"] = RxQueues,
        ["num_tx_queues"] = TxQueues,
        ["host_mac_addr_set"] = HostMacAddress is not null,
        ["host_mac_addr"] = HostMacAddress ?? new byte[6],
        ["host_if_name_set"] = true,
        ["host_if_name"] = HostIfName,
        ["host_namespace_set"] = HostNamespace is not null,
        ["host_namespace"] = HostNamespace ?? string.Empty,
        ["tag"] = Tag,
    };
}
