using System.Net;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;

namespace Multinet.KubeApi.Hosting;

/// <summary>
/// Once the server listens, writes a kubeconfig for the embedded API into the data directory (server = the console's
/// bound HTTP address + the API path, never the HTTP/2-only gRPC endpoint) and completes <see cref="IEmbeddedApiEndpoint"/>.
/// </summary>
internal sealed class KubeconfigWriter(
    IServer server,
    IHostApplicationLifetime lifetime,
    ApiTokenProvider tokens,
    ApiListener listener,
    IOptions<KubeApiOptions> options,
    ILogger<KubeconfigWriter> logger) : IHostedService, IEmbeddedApiEndpoint
{
    public const string PathBase = "/k8s";
    public const string Name = "multinet";

    private readonly TaskCompletionSource<EmbeddedApiInfo> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenRegistration _registration;

    public Task<EmbeddedApiInfo> WhenReadyAsync(CancellationToken cancellationToken) => _ready.Task.WaitAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = lifetime.ApplicationStarted.Register(Write);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _registration.Dispose();
        _ready.TrySetCanceled(CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Picks the API's base address: http before https, loopback before others, skipping the excluded (gRPC) port.</summary>
    internal static Uri? ChooseServer(IEnumerable<string> addresses, string? excludedUrl)
    {
        var excludedPort = Uri.TryCreate(excludedUrl, UriKind.Absolute, out var excluded) ? excluded.Port : -1;
        var best = addresses
            .Select(a => Uri.TryCreate(a.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri) ? uri : null)
            .OfType<Uri>()
            .Where(uri => uri.Port != excludedPort)
            .OrderBy(uri => uri.Scheme == Uri.UriSchemeHttp ? 0 : 1)
            .ThenBy(uri => uri.IsLoopback || IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip) ? 0 : 1)
            .FirstOrDefault();
        return best is null ? null : new Uri(best.GetLeftPart(UriPartial.Authority) + PathBase);
    }

    internal static string Render(Uri server, string token, string? certificateAuthorityPem) => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: {Name}
          cluster:
            server: "{server}"{(certificateAuthorityPem is null ? "" : $"\n    certificate-authority-data: {Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(certificateAuthorityPem))}")}
        contexts:
        - name: {Name}
          context:
            cluster: {Name}
            user: {Name}
        current-context: {Name}
        preferences: {"{}"}
        users:
        - name: {Name}
          user:
            token: "{token}"

        """;

    private void Write()
    {
        try
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var tlsPort = listener.BoundPort;
            var serverUrl = tlsPort is { } port ? new Uri($"https://{listener.AdvertisedHost}:{port}{PathBase}") : ChooseServer(addresses, options.Value.ExcludedUrl);
            if (serverUrl is null)
            {
                logger.LogWarning("No HTTP address found among {Addresses}; the embedded API kubeconfig is not written", string.Join(", ", addresses));
                _ready.TrySetException(new InvalidOperationException("The server has no HTTP address for the embedded API."));
                return;
            }

            var path = options.Value.DataPath("kubeconfig");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, Render(serverUrl, tokens.Token, tlsPort is null ? null : ApiCertificate.ToPem(listener.Certificate)));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            logger.LogInformation("Embedded Kubernetes API at {ServerUrl}; kubeconfig written to {KubeconfigPath}", serverUrl, path);
            _ready.TrySetResult(new EmbeddedApiInfo(path, serverUrl, tokens.Token));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogError(ex, "Could not write the embedded API kubeconfig");
            _ready.TrySetException(ex);
        }
    }
}
