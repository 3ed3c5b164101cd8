using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using System.Text.Json;
using System.Text;
using Multinet.Shared.Validation;

namespace Multinet.KubeApi.Http;

/// <summary>Request and response plumbing shared by the handlers.</summary>
internal static class KubeHttp
{
    public const string JsonMediaType = "application/json";

    /// <summary>Output JSON as kube-apiserver writes it: quotes and non-ASCII text unescaped.</summary>
    public static JsonSerializerOptions Output { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteJsonAsync(HttpContext context, int statusCode, JsonNode body, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = JsonMediaType;
        await context.Response.WriteAsync(body.ToJsonString(Output), cancellationToken);
    }

    /// <summary>Validator warnings become <c>Warning: 299 - "..."</c> headers, which kubectl and client-go print.</summary>
    public static void AddWarnings(HttpContext context, IEnumerable<FieldViolation> warnings)
    {
        foreach (var warning in warnings)
        {
            var text = warning.ToString().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
            context.Response.Headers.Append("Warning", $"299 - \"{ToAscii(text)}\"");
        }
    }

    /// <summary>Reads the body as one JSON object; malformed JSON is a 400 BadRequest like kube-apiserver's.</summary>
    public static async Task<JsonObject> ReadObjectAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var contentType = context.Request.ContentType ?? JsonMediaType;
        if (contentType.StartsWith(KubeProtobuf.MediaType, StringComparison.OrdinalIgnoreCase))
        {
            // Typed client-go clients (kubectl create namespace) send built-in kinds as protobuf.
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, cancellationToken);
            return KubeProtobuf.Decode(buffer.ToArray());
        }

        if (!contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            throw KubeStatus.UnsupportedMediaType(contentType);
        }

        return ParseJson(await ReadTextAsync(context, cancellationToken)) as JsonObject
            ?? throw KubeStatus.BadRequest("the body of the request must be a JSON object");
    }

    public static async Task<string> ReadTextAsync(HttpContext context, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    /// <summary>Parses a JSON body; malformed JSON is a 400 BadRequest like kube-apiserver's.</summary>
    public static JsonNode? ParseJson(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException ex)
        {
            throw KubeStatus.BadRequest($"json parse error: {ex.Message}");
        }
    }

    public static string? Query(HttpContext context, string name) =>
        context.Request.Query.TryGetValue(name, out var value) ? value.ToString() : null;

    public static bool QueryFlag(HttpContext context, string name) =>
        Query(context, name) is "true" or "1" or "True";

    /// <summary>The fieldManager query parameter, or (as kube-apiserver does) the client's User-Agent product name.</summary>
    public static string FieldManager(HttpContext context) =>
        Query(context, "fieldManager") is { Length: > 0 } manager
            ? manager
            : context.Request.Headers.UserAgent.ToString().Split('/')[0] is { Length: > 0 } agent ? agent : "unknown";

    public static bool IsDryRun(HttpContext context) => Query(context, "dryRun") is { Length: > 0 } value && value.Contains("All", StringComparison.Ordinal);

    public static string? MetadataString(JsonObject obj, string field) =>
        obj["metadata"] is JsonObject metadata && metadata[field] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject metadata)
        {
            return metadata;
        }

        var created = new JsonObject();
        obj["metadata"] = created;
        return created;
    }

    private static string ToAscii(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c is >= ' ' and <= '~' ? c : '?');
        }

        return builder.ToString();
    }
}
