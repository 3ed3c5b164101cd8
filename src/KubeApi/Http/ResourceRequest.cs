using Multinet.KubeApi.Resources;

namespace Multinet.KubeApi.Http;

/// <summary>A request for a resource: a collection (Name null), an object, or an object's subresource.</summary>
internal sealed record ResourceRequest(ResourceDescriptor Resource, string? Namespace, string? Name, string? Subresource)
{
    /// <summary>
    /// Parses the segments after "api/v1" or "apis/group/version": <c>plural[/name[/sub]]</c> or
    /// <c>namespaces/ns/plural[/name[/sub]]</c> for namespaced kinds.
    /// </summary>
    public static ResourceRequest? Parse(ResourceRegistry registry, string group, string version, ReadOnlySpan<string> rest)
    {
        if (rest.Length >= 3 && rest[0] == "namespaces" && registry.Find(group, version, rest[2]) is { Namespaced: true } namespaced)
        {
            return rest.Length <= 5 ? new(namespaced, rest[1], At(rest, 3), At(rest, 4)) : null;
        }

        if (rest.Length is < 1 or > 3 || registry.Find(group, version, rest[0]) is not { } resource)
        {
            return null;
        }

        // A namespaced kind addressed without a namespace is only a list across all namespaces.
        return resource.Namespaced && rest.Length > 1 ? null : new(resource, null, At(rest, 1), At(rest, 2));
    }

    /// <summary>The namespace objects are stored under: empty for cluster-scoped kinds.</summary>
    public string StorageNamespace => Resource.Namespaced ? Namespace ?? "" : "";

    private static string? At(ReadOnlySpan<string> rest, int index) => index < rest.Length ? rest[index] : null;
}
