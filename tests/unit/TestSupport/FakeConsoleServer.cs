using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Multinet.UnitTests.TestSupport;

/// <summary>A real gRPC server on a free loopback port (HTTP/2 without TLS) hosting a <see cref="FakeConsoleGateway"/>.</summary>
internal sealed class FakeConsoleServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeConsoleServer(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    public string Address { get; }

    public FakeConsoleGateway Gateway => _app.Services.GetRequiredService<FakeConsoleGateway>();

    public static async Task<FakeConsoleServer> StartAsync(FakeConsoleGateway gateway, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(gateway);
        var app = builder.Build();
        app.MapGrpcService<FakeConsoleGateway>();
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new FakeConsoleServer(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        // Streams still open are cut after a short grace period rather than the host's default 30 s.
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(grace.Token);
        await _app.DisposeAsync();
    }
}
