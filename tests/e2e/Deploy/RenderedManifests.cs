using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Multinet.E2ETests.Infrastructure;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Multinet.E2ETests.Deploy;

/// <summary>What <c>kubectl kustomize</c> renders from a directory of deploy/, as JSON objects.</summary>
public sealed class RenderedManifests(IReadOnlyList<JsonObject> objects)
{
    public IReadOnlyList<JsonObject> Objects { get; } = objects;

    /// <summary>Renders <paramref name="directory"/> (relative to the repository root) with the given kubectl; fails on any kubectl error.</summary>
    public static async Task<RenderedManifests> RenderAsync(string kubectl, string directory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(kubectl) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("kustomize");
        start.ArgumentList.Add(Path.Combine(WebProcess.RepositoryRoot, directory));
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        Assert.True(process.ExitCode == 0, $"{kubectl} kustomize {directory} failed: {await stderr}");
        var stream = new YamlStream();
        stream.Load(new StringReader(await stdout));
        return new RenderedManifests([.. stream.Documents.Select(d => (JsonObject)Convert(d.RootNode)!)]);
    }

    public IEnumerable<JsonObject> OfKind(string kind) => Objects.Where(o => (string?)o["kind"] == kind);

    public JsonObject Single(string kind, string name) => Assert.Single(OfKind(kind), o => (string?)o["metadata"]?["name"] == name);

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, Convert(c.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(Convert)]),
        YamlScalarNode { Style: ScalarStyle.Plain } scalar => Plain(scalar.Value),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => null,
    };

    private static JsonNode? Plain(string? value) => value switch
    {
        null or "" or "null" or "~" => null,
        "true" => JsonValue.Create(true),
        "false" => JsonValue.Create(false),
        _ when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
        _ => JsonValue.Create(value),
    };
}
