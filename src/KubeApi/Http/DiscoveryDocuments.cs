using System.Text.Json.Nodes;
using Multinet.KubeApi.Resources;

namespace Multinet.KubeApi.Http;

/// <summary>
/// The legacy discovery documents (/version, /api, /apis, /api/v1, /apis/group[/version]). They are always answered
/// as plain application/json, so clients that ask for aggregated discovery fall back to these.
/// </summary>
internal static class DiscoveryDocuments
{
    private static readonly string[] s_verbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
    private static readonly string[] s_readVerbs = ["get", "list", "watch"];
    private static readonly string[] s_statusVerbs = ["get", "patch", "update"];
    private static readonly string[] s_createVerbs = ["create"];

    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "33",
        ["gitVersion"] = "v1.33.0-multinet",
        ["gitCommit"] = "",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2026-01-01T00:00:00Z",
        ["goVersion"] = "go1.24",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    public static JsonObject ApiVersions(ResourceRegistry registry) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray(registry.GroupVersions().Where(gv => gv.Group.Length == 0).Select(gv => (JsonNode)gv.Version).ToArray()),
        ["serverAddressByClientCIDRs"] = new JsonArray(),
    };

    public static JsonObject GroupList(ResourceRegistry registry) => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray(registry.GroupVersions().Where(gv => gv.Group.Length > 0).Select(gv => gv.Group).Distinct()
            .Select(group => (JsonNode)Group(registry, group)!).ToArray()),
    };

    /// <summary>The APIGroup document, or null when the group is not served.</summary>
    public static JsonObject? Group(ResourceRegistry registry, string group)
    {
        var versions = registry.GroupVersions().Where(gv => gv.Group == group).Select(gv => gv.Version).ToList();
        if (versions.Count == 0)
        {
            return null;
        }

        JsonObject Version(string version) => new() { ["groupVersion"] = $"{group}/{version}", ["version"] = version };
        return new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = group,
            ["versions"] = new JsonArray(versions.Select(v => (JsonNode)Version(v)).ToArray()),
            ["preferredVersion"] = Version(versions[0]),
        };
    }

    /// <summary>The APIResourceList of one group version, or null when it is not served.</summary>
    public static JsonObject? ResourceList(ResourceRegistry registry, string group, string version)
    {
        var resources = registry.InGroupVersion(group, version).ToList();
        if (resources.Count == 0)
        {
            return null;
        }

        var entries = new JsonArray();
        foreach (var resource in resources)
        {
            entries.Add(new JsonObject
            {
                ["name"] = resource.Plural,
                ["singularName"] = resource.Singular,
                ["namespaced"] = resource.Namespaced,
                ["kind"] = resource.Kind,
                ["verbs"] = new JsonArray((resource.CreateOnly ? s_createVerbs : resource.Synthesized is null ? s_verbs : s_readVerbs).Select(v => (JsonNode)v).ToArray()),
                ["shortNames"] = new JsonArray(resource.ShortNames.Select(s => (JsonNode)s).ToArray()),
                ["storageVersionHash"] = "",
            });
            if (resource.HasStatusSubresource)
            {
                entries.Add(new JsonObject
                {
                    ["name"] = resource.Plural + "/status",
                    ["singularName"] = "",
                    ["namespaced"] = resource.Namespaced,
                    ["kind"] = resource.Kind,
                    ["verbs"] = new JsonArray(s_statusVerbs.Select(v => (JsonNode)v).ToArray()),
                });
            }

            if (resource.HasScaleSubresource)
            {
                entries.Add(new JsonObject
                {
                    ["name"] = resource.Plural + "/" + ScaleSubresource.Name,
                    ["singularName"] = "",
                    ["namespaced"] = resource.Namespaced,
                    ["group"] = "autoscaling",
                    ["version"] = "v1",
                    ["kind"] = "Scale",
                    ["verbs"] = new JsonArray(s_statusVerbs.Select(v => (JsonNode)v).ToArray()),
                });
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = resources[0].ApiVersion,
            ["resources"] = entries,
        };
    }
}
