using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text;

namespace Multinet.UnitTests.KubeApi;

/// <summary>Raw HTTP helpers for the embedded API: send a JSON body with a media type, read the answer as JSON.</summary>
internal static class KubeHttpTestExtensions
{
    public static async Task<(int Code, JsonObject Body, HttpResponseMessage Response)> SendJsonAsync(this HttpClient http, HttpMethod method, string path,
        string? body, CancellationToken cancellationToken, string mediaType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new(mediaType);
        }

        var response = await http.SendAsync(request, cancellationToken);
        var json = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken) ?? [];
        return ((int)response.StatusCode, json, response);
    }

    public static string? Cause(this JsonObject status, int index, string field) =>
        status["details"]?["causes"]?[index]?[field]?.GetValue<string>();
}
