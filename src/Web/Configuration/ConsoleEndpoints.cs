using Microsoft.AspNetCore.Server.Kestrel.Core;
using Multinet.Shared.Contracts;

namespace Multinet.Web.Configuration;

/// <summary>
/// The console's own endpoints, the UI's (<c>--urls</c>) and the agents' HTTP/2-only gRPC gateway (<c>Multinet:GrpcUrl</c>),
/// as configured (a port may be 0 for any free port) and, once Kestrel has bound them, as bound: Kestrel writes the bound
/// endpoint back into its listen options. Before that (or on a test server, which binds nothing) the configured port stands.
/// </summary>
internal sealed class ConsoleEndpoints(string configuredGrpcUrl) : IAgentGatewayAddress
{
    private readonly List<(ListenOptions Listen, string Scheme)> _ui = [];
    private ListenOptions? _gateway;

    public Uri ConfiguredGrpcUrl { get; } = new(configuredGrpcUrl);

    /// <summary>The port agents reach the gateway on: the bound one once bound, else the configured one.</summary>
    public int GrpcPort => _gateway?.IPEndPoint is { Port: > 0 } bound ? bound.Port : ConfiguredGrpcUrl.Port;

    /// <summary>The gateway's URL with <see cref="GrpcPort"/>, e.g. http://127.0.0.1:5081.</summary>
    public string Url => new UriBuilder(ConfiguredGrpcUrl) { Port = GrpcPort }.Uri.GetLeftPart(UriPartial.Authority);

    /// <summary>The UI's addresses, e.g. http://127.0.0.1:41234, bound ones once bound.</summary>
    public IEnumerable<string> UiUrls => _ui.Select(u => u.Listen.IPEndPoint is { } ip ? $"{u.Scheme}://{ip}" : $"{u.Scheme}://{u.Listen}");

    public void AddUi(ListenOptions listen, string scheme) => _ui.Add((listen, scheme));

    public void SetGateway(ListenOptions listen) => _gateway = listen;
}
