using System.Collections.Frozen;
using Multinet.Kube.Yaml;

namespace Multinet.KubeApi.Schema;

/// <summary>
/// The CustomResourceDefinitions of deploy/ (the product's own in deploy/base/crds, the other projects' in
/// deploy/prerequisites), embedded into this assembly: the embedded API serves them and enforces their schemas, so a
/// real cluster and the embedded mode check a Network by the same file.
/// </summary>
internal static class CrdManifests
{
    /// <summary>The logical name prefix of the embedded files (see Web.csproj).</summary>
    public const string ResourcePrefix = "crds/";

    private static readonly Lazy<FrozenDictionary<string, CrdManifest>> s_all = new(Load);

    /// <summary>Every embedded CRD, by its name (plural.group).</summary>
    public static IReadOnlyDictionary<string, CrdManifest> All => s_all.Value;

    /// <summary>The CRD that defines <paramref name="plural"/>.<paramref name="group"/>, or null.</summary>
    public static CrdManifest? Find(string group, string plural) => All.GetValueOrDefault($"{plural}.{group}");

    private static FrozenDictionary<string, CrdManifest> Load()
    {
        var assembly = typeof(CrdManifests).Assembly;
        var manifests = new Dictionary<string, CrdManifest>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            foreach (var document in YamlText.ParseDocuments(reader.ReadToEnd()))
            {
                var manifest = CrdManifest.From(document, resource[ResourcePrefix.Length..]);
                manifests.Add(manifest.Name, manifest);
            }
        }

        return manifests.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
