using System.Text.Json.Nodes;

namespace Multinet.KubeApi.Schema;

/// <summary>One CustomResourceDefinition file: the object as written, and the openAPIV3Schema of its stored version.</summary>
internal sealed record CrdManifest(string Name, string File, JsonObject Definition, StructuralSchema Schema)
{
    public static CrdManifest From(JsonObject definition, string file)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var name = definition["metadata"]?["name"]?.GetValue<string>()
            ?? throw new InvalidOperationException($"{file}: a CustomResourceDefinition without metadata.name.");
        var version = (definition["spec"]?["versions"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(v => v["storage"]?.GetValue<bool>() == true)
            ?? throw new InvalidOperationException($"{file}: {name} has no storage version.");
        var schema = version["schema"]?["openAPIV3Schema"] as JsonObject
            ?? throw new InvalidOperationException($"{file}: {name} has no openAPIV3Schema.");
        return new CrdManifest(name, file, definition, new StructuralSchema(schema, $"{file}: {name}"));
    }
}
