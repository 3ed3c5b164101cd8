using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Text.Json;
using k8s;
using Multinet.Shared.Crds;
using Multinet.Shared.Validation;
using Multinet.KubeApi.Schema;

namespace Multinet.KubeApi.Resources;

/// <summary>The descriptors served: namespaces and networks here, the other kinds in CoreResources, CniResources and CustomResourceDefinitions.</summary>
internal static class BuiltInResources
{
    public static ResourceDescriptor Namespaces { get; } = new()
    {
        Group = "",
        Version = "v1",
        Plural = "namespaces",
        Singular = "namespace",
        Kind = "Namespace",
        Namespaced = false,
        HasStatusSubresource = true,
        ShortNames = ["ns"],
        Undeletable = new HashSet<string>(["default", "kube-system", "kube-public"], StringComparer.Ordinal),
        OnCreate = static ns =>
        {
            // As kube-apiserver does: every namespace carries its name as a label, and starts Active.
            if (ns["metadata"] is JsonObject { } metadata && metadata["name"]?.GetValue<string>() is { } name)
            {
                var labels = metadata["labels"] as JsonObject ?? [];
                labels["kubernetes.io/metadata.name"] = name;
                metadata["labels"] = labels;
            }

            ns["status"] = new JsonObject { ["phase"] = "Active" };
        },
        Validate = static (candidate, _) =>
        {
            var name = candidate["metadata"]?["name"]?.GetValue<string>();
            var message = NetworkValidator.CheckDns1123Label(name);
            return message is null
                ? ValidationResult.Valid
                : new([new(NetworkValidator.NameField, string.IsNullOrEmpty(name) ? FieldReasons.Required : FieldReasons.Invalid, message)], []);
        },
    };

    public static ResourceDescriptor Networks { get; } = new()
    {
        Group = CrdConstants.NetworkGroup,
        Version = CrdConstants.NetworkVersion,
        Plural = CrdConstants.NetworkPlural,
        Singular = CrdConstants.NetworkSingular,
        Kind = CrdConstants.NetworkKind,
        Namespaced = false,
        HasStatusSubresource = true,
        IsCustomResource = true,
        ShortNames = ["net"],
        Validate = CrdValidation.Then(CrdConstants.NetworkGroup, CrdConstants.NetworkPlural, ValidateNetwork),
        Columns = CrdValidation.Columns(CrdConstants.NetworkGroup, CrdConstants.NetworkPlural),
    };

    public static IReadOnlyList<ResourceDescriptor> All { get; } = Serving(kubeVirt: true);

    /// <summary>Every kind, KubeVirt's only when <paramref name="kubeVirt"/> (a cluster without KubeVirt answers 404 for them).</summary>
    public static IReadOnlyList<ResourceDescriptor> Serving(bool kubeVirt)
    {
        List<ResourceDescriptor> kinds =
        [
            Namespaces, CoreResources.Nodes, CoreResources.Pods, CoreResources.ServiceAccounts, CoreResources.TokenReviews,
            CoreResources.Services, CoreResources.Events,
            CoreResources.EndpointSlices, CoreResources.Leases, Networks, CniResources.NetworkAttachmentDefinitions,
            CniResources.CalicoNetworkPolicies, CniResources.IpPools, AppsResources.Deployments, AppsResources.ReplicaSets,
        ];
        if (kubeVirt)
        {
            kinds.AddRange([KubeVirtResources.VirtualMachineInstances, KubeVirtResources.VirtualMachines]);
        }

        kinds.Add(CustomResourceDefinitions.For([.. kinds]));
        return kinds;
    }

    private static readonly ConditionalWeakTable<JsonObject, V3Network> s_stored = [];

    private static ValidationResult ValidateNetwork(JsonObject candidate, IReadOnlyList<JsonObject> existing)
    {
        if (!TryRead(candidate, out var network, out var typeError))
        {
            return new([typeError], []);
        }

        var others = new List<V3Network>(existing.Count);
        foreach (var item in existing)
        {
            // Stored objects are shared and never modified, so each is deserialized once, not on every write.
            if (s_stored.TryGetValue(item, out var cached))
            {
                others.Add(cached);
            }
            else if (TryRead(item, out var other, out _))
            {
                s_stored.AddOrUpdate(item, other);
                others.Add(other);
            }
        }

        return NetworkValidator.Validate(network, others);
    }

    /// <summary>Reads the typed Network; a field of the wrong JSON type becomes a FieldValueTypeInvalid violation.</summary>
    private static bool TryRead(JsonObject json, out V3Network network, out FieldViolation error)
    {
        try
        {
            network = KubernetesJson.Deserialize<V3Network>(json.ToJsonString());
            error = null!;
            return true;
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "<root>";
            network = null!;
            error = new(field, "FieldValueTypeInvalid", $"Invalid value: {Describe(json, field)}: {field} in body must be of type {ExpectedType(ex.Message)}");
            return false;
        }
    }

    /// <summary>The JSON type kube-apiserver would name, from System.Text.Json's "could not be converted to T" message.</summary>
    private static string ExpectedType(string message) => message switch
    {
        _ when message.Contains("Int64", StringComparison.Ordinal) || message.Contains("Int32", StringComparison.Ordinal) => "integer",
        _ when message.Contains("Boolean", StringComparison.Ordinal) => "boolean",
        _ when message.Contains("System.String", StringComparison.Ordinal) => "string",
        _ when message.Contains("List", StringComparison.Ordinal) || message.Contains("[]", StringComparison.Ordinal) => "array",
        _ => "object",
    };

    private static string Describe(JsonObject json, string field)
    {
        JsonNode? node = json;
        foreach (var part in field.Split('.'))
        {
            node = node is JsonObject obj ? obj[part] : null;
        }

        return node is null ? "null" : $"\"{node.GetValueKind().ToString().ToLowerInvariant()}\"";
    }
}
