using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Multinet.Shared.Crds;

namespace Multinet.UnitTests.TestSupport;

/// <summary>
/// A Kubernetes API server reduced to cluster-scoped Networks, on a free loopback port: list answers with the current
/// objects and list resourceVersion; every watch is handed to the test as a <see cref="FakeWatch"/> that decides which
/// events to stream (chunked JSON lines) and when the stream ends, exactly as an API server does.
/// </summary>
internal sealed class FakeKubernetesApi : IAsyncDisposable
{
    public const string NetworksPath = "/apis/" + CrdConstants.NetworkGroup + "/" + CrdConstants.NetworkVersion + "/" + CrdConstants.NetworkPlural;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, V3Network> _networks = new(StringComparer.Ordinal);
    private readonly Channel<FakeWatch> _watches = Channel.CreateUnbounded<FakeWatch>();
    private readonly Channel<string?> _lists = Channel.CreateUnbounded<string?>();
    private readonly WebApplication _app;
    private string _resourceVersion = "1";
    private volatile int _failWith; // 0: answer normally

    private FakeKubernetesApi(WebApplication app) => _app = app;

    public string Address { get; private set; } = "";

    /// <summary>Each watch request, in arrival order.</summary>
    public ChannelReader<FakeWatch> Watches => _watches.Reader;

    /// <summary>The resourceVersion query (null when absent) of each list request, in arrival order.</summary>
    public ChannelReader<string?> Lists => _lists.Reader;

    /// <summary>The Impersonate-User and Impersonate-Group headers (empty when absent) of each list request, in arrival order.</summary>
    public ConcurrentQueue<(string User, string Group)> ListIdentities { get; } = new();

    public static async Task<FakeKubernetesApi> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var api = new FakeKubernetesApi(app);
        app.MapGet(NetworksPath, api.HandleAsync);
        await app.StartAsync(cancellationToken);
        api.Address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return api;
    }

    /// <summary>Replaces the stored Networks and the list resourceVersion, as writes to etcd would.</summary>
    public void SetState(string resourceVersion, params V3Network[] networks)
    {
        lock (_lock)
        {
            _resourceVersion = resourceVersion;
            _networks.Clear();
            foreach (var network in networks)
            {
                _networks[network.Metadata.Name] = network;
            }
        }
    }

    /// <summary>Answers every request with <paramref name="status"/> from now on (as an overloaded or failing server), or normally again when null.</summary>
    public void FailWith(HttpStatusCode? status) => _failWith = (int?)status ?? 0;

    /// <summary>Writes a kubeconfig pointing at this server and returns its path.</summary>
    public string WriteKubeconfig()
    {
        var path = Path.Combine(Path.GetTempPath(), $"multinet-fake-{Guid.NewGuid():N}.kubeconfig");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: fake
              cluster:
                server: {Address}
            contexts:
            - name: fake
              context:
                cluster: fake
                user: fake
            current-context: fake
            users:
            - name: fake
              user:
                token: fake-token
            """);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(grace.Token);
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (_failWith is var status and not 0)
        {
            context.Response.StatusCode = status;
            return;
        }

        var query = context.Request.Query;
        var resourceVersion = query.TryGetValue("resourceVersion", out var rv) ? rv.ToString() : null;
        if (query.TryGetValue("watch", out var watch) && watch == "true")
        {
            var session = new FakeWatch(context.Response, resourceVersion, query["allowWatchBookmarks"] == "true");
            context.Response.ContentType = "application/json";
            await context.Response.StartAsync(context.RequestAborted);
            _watches.Writer.TryWrite(session);
            await session.Ended.WaitAsync(context.RequestAborted);
            return;
        }

        ListIdentities.Enqueue((context.Request.Headers["Impersonate-User"].ToString(), context.Request.Headers["Impersonate-Group"].ToString()));
        _lists.Writer.TryWrite(resourceVersion);
        V3NetworkList list;
        lock (_lock)
        {
            list = new V3NetworkList { Metadata = new() { ResourceVersion = _resourceVersion }, Items = [.. _networks.Values] };
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(KubernetesJson.Serialize(list), context.RequestAborted);
    }
}
