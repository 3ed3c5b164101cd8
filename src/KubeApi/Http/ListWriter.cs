using System.Text.Json;
using Multinet.KubeApi.Resources;
using Multinet.KubeApi.Storage;

namespace Multinet.KubeApi.Http;

/// <summary>
/// Writes a list (or the Table kubectl asks for) straight to the response as it goes: each stored object's JSON is copied
/// from the store's bytes, nothing builds the whole document first, and the body is flushed every few tens of KiB.
/// </summary>
internal static class ListWriter
{
    private const int FlushThreshold = 64 * 1024;

    private static readonly JsonWriterOptions s_options = new() { Encoder = KubeHttp.Output.Encoder, SkipValidation = true };

    /// <summary>Writes <paramref name="items"/> as the resource's list, or as a Table when <paramref name="tableAt"/> (now) is given.</summary>
    public static async Task WriteAsync(HttpContext context, ResourceDescriptor resource, IReadOnlyList<MemoryObject> items, string resourceVersion,
        string? next, long? remaining, DateTimeOffset? tableAt, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = KubeHttp.JsonMediaType;
        var body = context.Response.BodyWriter;
        await using var json = new Utf8JsonWriter(body, s_options);
        json.WriteStartObject();
        json.WriteString("kind", tableAt is null ? resource.ListKind : "Table");
        json.WriteString("apiVersion", tableAt is null ? resource.ApiVersion : "meta.k8s.io/v1");
        json.WriteStartObject("metadata");
        json.WriteString("resourceVersion", resourceVersion);
        if (next is not null)
        {
            json.WriteString("continue", next);
            json.WriteNumber("remainingItemCount", remaining ?? 0);
        }

        json.WriteEndObject();
        if (tableAt is { } now)
        {
            json.WritePropertyName("columnDefinitions");
            TableConverter.Columns(resource).WriteTo(json);
            json.WriteStartArray("rows");
        }
        else
        {
            json.WriteStartArray("items");
        }

        foreach (var item in items)
        {
            if (tableAt is { } at)
            {
                TableConverter.WriteRow(json, resource, item.Read(), at);
            }
            else
            {
                json.WriteRawValue(item.Json, skipInputValidation: true);
            }

            if (json.BytesPending >= FlushThreshold)
            {
                await json.FlushAsync(cancellationToken);
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }
}
