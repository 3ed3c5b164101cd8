using System.Collections;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Multinet.Web.Configuration;

/// <summary>
/// Binds the UI endpoints from <c>--urls</c> (HTTP/1.1, and HTTP/2 where TLS allows it) and a separate HTTP/2-only endpoint for
/// the agents' gRPC streams. Both are set here because any explicit Kestrel binding replaces <c>--urls</c>; the host is then
/// kept from handing <c>--urls</c> to Kestrel a second time (see <see cref="BindOnlyConfiguredEndpoints"/>). A port of 0 binds
/// any free port; the ports bound are in <see cref="ConsoleEndpoints"/> and logged by <see cref="ListenAddressLog"/>.
/// </summary>
internal static class KestrelEndpoints
{
    public const string DefaultUrls = "http://localhost:5080";

    public static void Configure(WebApplicationBuilder builder)
    {
        var urls = builder.Configuration["urls"];
        var grpcUrl = builder.Configuration[$"{MultinetOptions.SectionName}:{nameof(MultinetOptions.GrpcUrl)}"] ?? new MultinetOptions().GrpcUrl;
        var endpoints = new ConsoleEndpoints(Uri.TryCreate(grpcUrl, UriKind.Absolute, out _) ? grpcUrl : new MultinetOptions().GrpcUrl); // a bad one fails validation
        builder.Services.AddSingleton(endpoints);
        builder.Services.AddSingleton<Multinet.Shared.Contracts.IAgentGatewayAddress>(endpoints);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, AgentGatewayOnlyPolicy>());
        builder.Services.AddHostedService<ListenAddressLog>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var url in (string.IsNullOrWhiteSpace(urls) ? DefaultUrls : urls).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var https = url.StartsWith("https", StringComparison.OrdinalIgnoreCase);
                Listen(kestrel, url, https ? HttpProtocols.Http1AndHttp2 : HttpProtocols.Http1, listen => endpoints.AddUi(listen, https ? "https" : "http"));
            }

            Listen(kestrel, grpcUrl, HttpProtocols.Http2, endpoints.SetGateway);
        });
    }

    /// <summary>
    /// The host copies <c>--urls</c> (or ASPNETCORE_URLS, or the HTTP ports) into the server's addresses unless that list is
    /// read-only, and Kestrel, which binds the endpoints above instead, then logs "Overriding address(es)". The server's list
    /// is shown to the host read-only: nothing is copied, and readers still see the addresses Kestrel bound.
    /// </summary>
    public static void BindOnlyConfiguredEndpoints(WebApplication app)
    {
        var features = app.Services.GetRequiredService<IServer>().Features;
        if (features.Get<IServerAddressesFeature>() is { } addresses and not BoundAddresses)
        {
            features.Set<IServerAddressesFeature>(new BoundAddresses(addresses));
        }
    }

    private sealed class BoundAddresses(IServerAddressesFeature server) : IServerAddressesFeature
    {
        public ICollection<string> Addresses { get; } = new ReadOnlyView(server.Addresses);

        public bool PreferHostingUrls
        {
            get => server.PreferHostingUrls;
            set => server.PreferHostingUrls = value;
        }
    }

    private sealed class ReadOnlyView(ICollection<string> inner) : ICollection<string>
    {
        public int Count => inner.Count;

        public bool IsReadOnly => true;

        public bool Contains(string item) => inner.Contains(item);

        public void CopyTo(string[] array, int arrayIndex) => inner.CopyTo(array, arrayIndex);

        public IEnumerator<string> GetEnumerator() => inner.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public void Add(string item) => throw new NotSupportedException("The console binds its endpoints itself.");

        public void Clear() => throw new NotSupportedException("The console binds its endpoints itself.");

        public bool Remove(string item) => throw new NotSupportedException("The console binds its endpoints itself.");
    }

    private static void Listen(KestrelServerOptions kestrel, string url, HttpProtocols protocols, Action<ListenOptions> bound)
    {
        var address = BindingAddress.Parse(url);
        void Configure(ListenOptions listen)
        {
            bound(listen);
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
