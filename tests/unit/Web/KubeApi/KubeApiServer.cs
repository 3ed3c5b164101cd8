using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using k8s;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Multinet.Web.KubeApi;

namespace Multinet.UnitTests.Web.KubeApi;

/// <summary>
/// The console (WebApplicationFactory keyed on a type of the Web assembly: Program is ambiguous with the Agent's) on real loopback sockets (Kestrel, free ports) in embedded mode with a temporary data directory,
/// and clients for its API: KubernetesClient built from the kubeconfig it writes, and raw HTTP with and without the token.
/// </summary>
public class KubeApiServer : IAsyncLifetime
{
    private static int s_nextVni = 1000;
    private readonly WebApplicationFactory<EmbeddedApiInfo> _factory;
    private readonly bool _ownsDataDir;

    public KubeApiServer() : this(new Dictionary<string, string?>())
    {
    }

    protected KubeApiServer(IReadOnlyDictionary<string, string?> settings, string? dataDir = null)
    {
        DataDir = dataDir ?? Directory.CreateTempSubdirectory("multinet-kubeapi-").FullName;
        _ownsDataDir = dataDir is null;
        HttpUrl = $"http://127.0.0.1:{FreePort()}";
        _factory = new WebApplicationFactory<EmbeddedApiInfo>().WithWebHostBuilder(web =>
        {
            // Production: the Development default maps static web assets from src/Web/wwwroot, which this repository keeps at its root.
            web.UseEnvironment("Production");
            web.UseSetting("urls", HttpUrl);
            web.UseSetting("Multinet:GrpcUrl", $"http://127.0.0.1:{FreePort()}");
            web.UseSetting("Multinet:DataDir", DataDir);
            web.UseSetting("Multinet:SimulatedNodes", "0");
            web.UseSetting("Multinet:SeedDemo", "false");
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }
        });
        _factory.UseKestrel();
    }

    public string DataDir { get; }

    public string HttpUrl { get; }

    public EmbeddedApiInfo Info { get; private set; } = null!;

    public IKubernetes Client { get; private set; } = null!;

    public IServiceProvider Services => _factory.Services;

    /// <summary>Plain HTTP to the console's UI port, with the bearer token.</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>Plain HTTP without any token.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    /// <summary>A VNI no other test uses, so tests sharing a server never collide on uniqueness.</summary>
    public static long NextVni() => Interlocked.Increment(ref s_nextVni);

    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    public async ValueTask InitializeAsync()
    {
        _factory.StartServer();
        Info = await _factory.Services.GetRequiredService<IEmbeddedApiEndpoint>()
            .WhenReadyAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
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
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_ownsDataDir)
        {
            Directory.Delete(DataDir, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
