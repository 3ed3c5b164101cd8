using System.Text.Json.Nodes;

namespace Multinet.KubeApi.Resources;

/// <summary>The built-in Kubernetes kinds the console, the agents and kubectl touch besides namespaces.</summary>
internal static class CoreResources
{
    public static ResourceDescriptor Nodes { get; } = new()
    {
        Group = "",
        Version = "v1",
        Plural = "nodes",
        Singular = "node",
        Kind = "Node",
        Namespaced = false,
        HasStatusSubresource = true,
        ShortNames = ["no"],
    };

    /// <summary>ServiceAccounts: stored as given (no token Secrets); tokens come from their token subresource (TokenRequest).</summary>
    public static ResourceDescriptor ServiceAccounts { get; } = new()
    {
        Group = "",
        Version = "v1",
        Plural = "serviceaccounts",
        Singular = "serviceaccount",
        Kind = "ServiceAccount",
        Namespaced = true,
        ShortNames = ["sa"],
    };

    /// <summary>TokenReview: answered by the token handler, never stored.</summary>
    public static ResourceDescriptor TokenReviews { get; } = new()
    {
        Group = "authentication.k8s.io",
        Version = "v1",
        Plural = "tokenreviews",
        Singular = "tokenreview",
        Kind = "TokenReview",
        Namespaced = false,
        CreateOnly = true,
    };

    public static ResourceDescriptor Pods { get; } = new()
    {
        Group = "",
        Version = "v1",
        Plural = "pods",
        Singular = "pod",
        Kind = "Pod",
        Namespaced = true,
        HasStatusSubresource = true,
        ShortNames = ["po"],
        Columns =
        [
            new("Status", "status.phase", "string") { Compute = PodStatusCell },
            new("Node", "spec.nodeName", "string"),
        ],
    };

    /// <summary>The pod's STATUS as kube-apiserver prints it: a waiting container's reason (ContainerCreating, ...), else the phase.</summary>
    private static JsonNode? PodStatusCell(JsonObject pod)
    {
        if (pod["status"]?["containerStatuses"] is JsonArray containers)
        {
            foreach (var container in containers)
            {
                if (container?["state"]?["waiting"]?["reason"] is JsonValue reason && reason.TryGetValue<string>(out var text) && text.Length > 0)
                {
                    return text;
                }
            }
        }

        return pod["status"]?["phase"]?.DeepClone();
    }

    public static ResourceDescriptor Services { get; } = new()
    {
        Group = "",
        Version = "v1",
        Plural = "services",
        Singular = "service",
        Kind = "Service",
        Namespaced = true,
        HasStatusSubresource = true,
        ShortNames = ["svc"],
        AssignOnCreate = ServiceClusterIps.Assign,
        Columns =
        [
            new("Type", "spec.type", "string"),
            new("Cluster-IP", "spec.clusterIP", "string"),
        ],
    };

    public static ResourceDescriptor Events { get; } = new()
    {
        Group = "",
        Version = "v1",
        Plural = "events",
        Singular = "event",
        Kind = "Event",
        Namespaced = true,
        ShortNames = ["ev"],
        Columns =
        [
            new("Type", "type", "string"),
            new("Reason", "reason", "string"),
            new("Message", "message", "string"),
        ],
    };

    public static ResourceDescriptor EndpointSlices { get; } = new()
    {
        Group = "discovery.k8s.io",
        Version = "v1",
        Plural = "endpointslices",
        Singular = "endpointslice",
        Kind = "EndpointSlice",
        Namespaced = true,
        Columns = [new("Address Type", "addressType", "string")],
    };

    public static ResourceDescriptor Leases { get; } = new()
    {
        Group = "coordination.k8s.io",
        Version = "v1",
        Plural = "leases",
        Singular = "lease",
        Kind = "Lease",
        Namespaced = true,
        Columns = [new("Holder", "spec.holderIdentity", "string")],
    };
}
