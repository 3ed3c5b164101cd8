using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Multinet.KubeApi.Hosting;

/// <summary>
/// The API's own HTTPS endpoint (loopback unless configured otherwise) (port <see cref="KubeApiOptions.Port"/>, 0 = any free port), with the
/// self-signed <see cref="Certificate"/> the kubeconfig trusts.
/// </summary>
internal sealed class ApiListener(X509Certificate2 certificate, IPAddress address, int port, string advertisedHost)
{
    private ListenOptions? _listen;

    public X509Certificate2 Certificate { get; } = certificate;

    /// <summary>The host clients are told to use in the kubeconfig.</summary>
    public string AdvertisedHost { get; } = advertisedHost;

    /// <summary>The port actually bound, once Kestrel has started (Kestrel writes the bound endpoint back).</summary>
    public int? BoundPort => _listen?.IPEndPoint is { Port: > 0 } endpoint ? endpoint.Port : null;

    public void Configure(KestrelServerOptions kestrel) => kestrel.Listen(address, port, listen =>
    {
        listen.Protocols = HttpProtocols.Http1AndHttp2;
        listen.UseHttps(Certificate);
        _listen = listen;
    });
}
