using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Multinet.Web.Configuration;

/// <summary>
/// Binds the UI endpoints from <c>--urls</c> (HTTP/1.1, and HTTP/2 where TLS allows it) and a separate HTTP/2-only endpoint for
/// the agents' gRPC streams. Both are set here because any explicit Kestrel binding replaces <c>--urls</c>.
/// </summary>
internal static class KestrelEndpoints
{
    public const string DefaultUrls = "http://localhost:5080";

    public static void Configure(WebApplicationBuilder builder)
    {
        var urls = builder.Configuration["urls"];
        var grpcUrl = builder.Configuration[$"{MultinetOptions.SectionName}:{nameof(MultinetOptions.GrpcUrl)}"] ?? new MultinetOptions().GrpcUrl;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var url in (string.IsNullOrWhiteSpace(urls) ? DefaultUrls : urls).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                Listen(kestrel, url, url.StartsWith("https", StringComparison.OrdinalIgnoreCase) ? HttpProtocols.Http1AndHttp2 : HttpProtocols.Http1);
            }

            Listen(kestrel, grpcUrl, HttpProtocols.Http2);
        });
    }

    private static void Listen(KestrelServerOptions kestrel, string url, HttpProtocols protocols)
    {
        var address = BindingAddress.Parse(url);
        void Configure(ListenOptions listen)
        {
            listen.Protocols = protocols;
            if (address.Scheme == "https")
            {
                listen.UseHttps();
            }
        }

        if (string.Equals(address.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            kestrel.ListenLocalhost(address.Port, Configure);
        }
        else if (IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip))
        {
            kestrel.Listen(ip, address.Port, Configure);
        }
        else
        {
            kestrel.ListenAnyIP(address.Port, Configure);
        }
    }
}
