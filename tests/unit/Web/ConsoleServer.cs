using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Multinet.UnitTests.KubeApi;
using Multinet.Web.Configuration;

namespace Multinet.UnitTests.Web;

/// <summary>
/// The whole console (its Program, through WebApplicationFactory keyed on a type of the Web assembly) in embedded mode
/// without simulated nodes, on real loopback sockets with a temporary data directory, with the same clients for its
/// embedded API as <see cref="KubeApiServer"/>: for tests of the console's pages, REST API and YAML sessions.
/// </summary>
public sealed class ConsoleServer() : KubeApiServer(new Dictionary<string, string?>
{
    ["Multinet:SimulatedNodes"] = "0",
    ["Multinet:SeedDemo"] = "false",
})
{
    protected override Task<(IAsyncDisposable Host, IServiceProvider Services)> StartHostAsync()
    {
        var factory = new WebApplicationFactory<MultinetOptions>().WithWebHostBuilder(web =>
        {
            // Production: the Development default maps static web assets from src/Web/wwwroot, which this repository keeps at its root.
            web.UseEnvironment("Production");
            web.UseSetting("urls", HttpUrl);
            web.UseSetting("Multinet:GrpcUrl", $"http://127.0.0.1:{FreePort()}");
            web.UseSetting("Multinet:DataDir", DataDir);
            foreach (var (key, value) in Settings)
            {
                web.UseSetting(key, value);
            }
        });
        factory.UseKestrel();
        factory.StartServer();
        return Task.FromResult<(IAsyncDisposable, IServiceProvider)>((factory, factory.Services));
    }
}
