namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary>
/// <c>tap_create_v3</c> with the fields the agent sets: host interface name and namespace, tag; the rest take the
/// definition's defaults (id ~0, random MAC, 1 rx/tx queue, 256-entry rings). The reply carries sw_if_index.
/// </summary>
internal sealed record TapCreateV3(string HostIfName, string? HostNamespace, string Tag) : IVppRequest
{
    public string MessageName => "tap_create_v3";

    public IReadOnlyDictionary<string, object?> ToFields() => new Dictionary<string, object?>
    {
        ["host_if_name_set"] = true,
        ["host_if_name"] = HostIfName,
        ["host_namespace_set"] = HostNamespace is not null,
        ["host_namespace"] = HostNamespace ?? string.Empty,
        ["tag"] = Tag,
    };
}
