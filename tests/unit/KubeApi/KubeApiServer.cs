using System.Net.Http.Headers;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using System.Net;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Multinet.KubeApi;

namespace Multinet.UnitTests.KubeApi;

/// <summary>
/// The Kubernetes-compatible API hosted alone, as <see cref="KubeApiServiceCollectionExtensions.AddKubeApi"/> serves it,
/// on real loopback sockets (Kestrel, a free port) with a temporary data directory, and clients for it: KubernetesClient
/// built from the kubeconfig it writes, and raw HTTP with and without the token.
/// </summary>
public class KubeApiServer : IAsyncLifetime
{
    private static int s_nextVni = 1000;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly bool _ownsDataDir;
    private IAsyncDisposable? _host;
    private IServiceProvider? _services;

    public KubeApiServer() : this(new Dictionary<string, string?>())
    {
    }

    protected KubeApiServer(IReadOnlyDictionary<string, string?> settings, string? dataDir = null)
    {
        DataDir = dataDir ?? Directory.CreateTempSubdirectory("multinet-kubeapi-").FullName;
        _ownsDataDir = dataDir is null;
        _settings = settings;
    }

    public string DataDir { get; }

    /// <summary>The plain HTTP endpoint, e.g. http://127.0.0.1:41234: bound on port 0 (the kernel picks a free port as it binds), known once started.</summary>
    public string HttpUrl { get; protected set; } = "";

    public EmbeddedApiInfo Info { get; private set; } = null!;

    public IKubernetes Client { get; private set; } = null!;

    public IServiceProvider Services => _services ?? throw new InvalidOperationException("The server has not started.");

    protected IReadOnlyDictionary<string, string?> Settings => _settings;

    /// <summary>Plain HTTP to the console's UI port, with the bearer token.</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>Plain HTTP without any token.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    /// <summary>A VNI no other test uses, so tests sharing a server never collide on uniqueness.</summary>
    public static long NextVni() => Interlocked.Increment(ref s_nextVni);

    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    public async ValueTask InitializeAsync()
    {
        (_host, _services) = await StartHostAsync();
        Info = await Services.GetRequiredService<IEmbeddedApiEndpoint>()
            .WhenReadyAsync(new CancellationTokenSource(TimeSpan.FromSeconds(120)).Token); // reached only when the server fails to start
        Client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Info.KubeconfigPath));
        Http = new HttpClient { BaseAddress = new Uri(HttpUrl + "/k8s/") };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Info.Token);
        Anonymous = new HttpClient { BaseAddress = new Uri(HttpUrl + "/k8s/") };
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        Http?.Dispose();
        Anonymous?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_ownsDataDir)
        {
            Directory.Delete(DataDir, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Starts the host and sets <see cref="HttpUrl"/> to the port it bound: here the API alone, with the services
    /// <see cref="AddServer"/> adds.
    /// </summary>
    protected virtual async Task<(IAsyncDisposable Host, IServiceProvider Services)> StartHostAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        // The API's own TLS endpoint is a Kestrel Listen, which overrides --urls: the plain HTTP one is listed beside it.
        // Kestrel writes the port it bound back into the listen options.
        ListenOptions? http = null;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => http = listen));
        builder.Configuration.AddInMemoryCollection(_settings);
        AddServer(builder);
        var app = builder.Build();
        await app.StartAsync(TestContext.Current.CancellationToken);
        HttpUrl = $"http://{http!.IPEndPoint}";
        return (app, app.Services);
    }

    /// <summary>What the host serves: the API alone; the embedded cluster's tests add the whole embedded cluster.</summary>
    protected virtual void AddServer(WebApplicationBuilder builder) => builder.AddKubeApi(DataDir, excludedUrl: null);
}
