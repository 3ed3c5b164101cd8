using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Multinet.Web.KubeApi.Hosting;

/// <summary>
/// The API's own HTTPS endpoint on loopback (port <see cref="KubeApiOptions.Port"/>, 0 = any free port), with the
/// self-signed <see cref="Certificate"/> the kubeconfig trusts.
/// </summary>
internal sealed class ApiListener(X509Certificate2 certificate, int port)
{
    private ListenOptions? _listen;

    public X509Certificate2 Certificate { get; } = certificate;

    /// <summary>The port actually bound, once Kestrel has started (Kestrel writes the bound endpoint back).</summary>
    public int? BoundPort => _listen?.IPEndPoint is { Port: > 0 } endpoint ? endpoint.Port : null;

    public void Configure(KestrelServerOptions kestrel) => kestrel.Listen(IPAddress.Loopback, port, listen =>
    {
        listen.Protocols = HttpProtocols.Http1AndHttp2;
        listen.UseHttps(Certificate);
        _listen = listen;
    });
}
