using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text;
using Multinet.KubeApi.Schema;

namespace Multinet.KubeApi.Resources;

/// <summary>
/// apiextensions.k8s.io/v1 CustomResourceDefinitions, read-only: one per custom kind we serve, the CRD file of deploy/
/// that defines it (see <see cref="CrdManifests"/>), else one computed from its descriptor, so <c>kubectl get crd</c>
/// and <c>kubectl explain</c>-style tooling see what a real cluster would show.
/// </summary>
internal static class CustomResourceDefinitions
{
    private const string Created = "2026-01-01T00:00:00Z";

    /// <summary>The CRDs of the custom kinds among <paramref name="served"/>.</summary>
    public static ResourceDescriptor For(IReadOnlyList<ResourceDescriptor> served) => new()
    {
        Group = "apiextensions.k8s.io",
        Version = "v1",
        Plural = "customresourcedefinitions",
        Singular = "customresourcedefinition",
        Kind = "CustomResourceDefinition",
        Namespaced = false,
        ShortNames = ["crd", "crds"],
        Synthesized = () => served.Where(r => r.IsCustomResource).Select(Build).OrderBy(c => c["metadata"]!["name"]!.GetValue<string>(), StringComparer.Ordinal),
        Columns = [new("Created At", "metadata.creationTimestamp", "date")],
    };

    public static JsonObject Build(ResourceDescriptor resource)
    {
        var name = $"{resource.Plural}.{resource.Group}";
        if (CrdManifests.Find(resource.Group, resource.Plural) is { } manifest)
        {
            return Served(name, (JsonObject)manifest.Definition["spec"]!.DeepClone(), resource.Version);
        }

        var names = new JsonObject
        {
            ["plural"] = resource.Plural,
            ["singular"] = resource.Singular,
            ["kind"] = resource.Kind,
            ["listKind"] = resource.ListKind,
            ["shortNames"] = new JsonArray(resource.ShortNames.Select(s => (JsonNode)s).ToArray()),
        };
        var version = new JsonObject
        {
            ["name"] = resource.Version,
            ["served"] = true,
            ["storage"] = true,
            ["schema"] = new JsonObject
            {
                ["openAPIV3Schema"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
            },
        };
        if (resource.HasStatusSubresource)
        {
            version["subresources"] = new JsonObject { ["status"] = new JsonObject() };
        }

        return Served(name, new JsonObject
        {
            ["group"] = resource.Group,
            ["names"] = names,
            ["scope"] = resource.Namespaced ? "Namespaced" : "Cluster",
            ["versions"] = new JsonArray(version),
        }, resource.Version);
    }

    /// <summary>The CRD object as the server shows it: <paramref name="spec"/> with server metadata and an Established status.</summary>
    private static JsonObject Served(string name, JsonObject spec, string storedVersion)
    {
        return new JsonObject
        {
            ["apiVersion"] = "apiextensions.k8s.io/v1",
            ["kind"] = "CustomResourceDefinition",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["uid"] = new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 16)).ToString(),
                ["resourceVersion"] = "1",
                ["generation"] = 1,
                ["creationTimestamp"] = Created,
            },
            ["spec"] = spec,
            ["status"] = new JsonObject
            {
                ["acceptedNames"] = spec["names"]!.DeepClone(),
                ["storedVersions"] = new JsonArray(storedVersion),
                ["conditions"] = new JsonArray(new JsonObject
                {
                    ["type"] = "Established",
                    ["status"] = "True",
                    ["reason"] = "InitialNamesAccepted",
                    ["lastTransitionTime"] = Created,
                }),
            },
        };
    }
}
