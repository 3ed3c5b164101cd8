using System.Text;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Http;
using Multinet.Shared.Crds;

namespace Multinet.UnitTests.TestSupport;

/// <summary>One open watch on <see cref="FakeKubernetesApi"/>: the test streams events into it and ends it.</summary>
internal sealed class FakeWatch(HttpResponse response, string? resourceVersion, bool allowBookmarks)
{
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The resourceVersion the client asked to resume from.</summary>
    public string? ResourceVersion { get; } = resourceVersion;

    public bool AllowBookmarks { get; } = allowBookmarks;

    public Task Ended => _ended.Task;

    public Task SendAsync(string type, V3Network network) => WriteLineAsync(type, KubernetesJson.Serialize(network));

    public Task SendBookmarkAsync(string resourceVersion) => WriteLineAsync("BOOKMARK", KubernetesJson.Serialize(new V3Network
    {
        Metadata = new V1ObjectMeta { ResourceVersion = resourceVersion },
    }));

    /// <summary>What an API server sends when the requested resourceVersion is older than it keeps.</summary>
    public Task SendGoneAsync() => WriteLineAsync("ERROR",
        $$"""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: {{ResourceVersion}}","reason":"Expired","code":410}""");

    /// <summary>Ends the stream cleanly, as the API server does when a watch times out.</summary>
    public void End() => _ended.TrySetResult();

    private async Task WriteLineAsync(string type, string json)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes($$"""{"type":"{{type}}","object":{{json}}}""" + "\n"));
        await response.Body.FlushAsync();
    }
}
