using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Multinet.UnitTests.KubeApi;
using Multinet.Web.Auth;
using Multinet.Web.Configuration;

namespace Multinet.UnitTests.Web;

/// <summary>
/// The whole console (its Program, through WebApplicationFactory keyed on a type of the Web assembly) in embedded mode
/// without simulated nodes, on real loopback sockets with a temporary data directory, with the same clients for its
/// embedded API as <see cref="KubeApiServer"/>: for tests of the console's pages, REST API and YAML sessions. Its first
/// admin's password comes from configuration (a fresh random one per server); tests act as users they create.
/// </summary>
public class ConsoleServer : KubeApiServer
{
    public ConsoleServer() : this(new Dictionary<string, string?>())
    {
    }

    /// <summary>With <paramref name="settings"/> added to the defaults (e.g. sign-in options).</summary>
    protected ConsoleServer(IReadOnlyDictionary<string, string?> settings) : base(new Dictionary<string, string?>(settings)
    {
        ["Multinet:SimulatedNodes"] = "0",
        ["Multinet:SeedDemo"] = "false",
        ["Multinet:Auth:InitialAdminPassword"] = RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyz23456789", 20),
    })
    {
    }

    public string AdminPassword => Settings["Multinet:Auth:InitialAdminPassword"]!;

    protected override Task<(IAsyncDisposable Host, IServiceProvider Services)> StartHostAsync()
    {
        var factory = new WebApplicationFactory<MultinetOptions>().WithWebHostBuilder(web =>
        {
            // Production: the Development default maps static web assets from src/Web/wwwroot, which this repository keeps at its root.
            web.UseEnvironment("Production");
            // Port 0: the console binds free ports itself (nothing can take them in between); they are read once it started.
            web.UseSetting("urls", "http://127.0.0.1:0");
            web.UseSetting("Multinet:GrpcUrl", "http://127.0.0.1:0");
            web.UseSetting("Multinet:DataDir", DataDir);
            foreach (var (key, value) in Settings)
            {
                web.UseSetting(key, value);
            }
        });
        factory.UseKestrel();
        factory.StartServer();
        HttpUrl = factory.Services.GetRequiredService<ConsoleEndpoints>().UiUrls.Single();
        return Task.FromResult<(IAsyncDisposable, IServiceProvider)>((factory, factory.Services));
    }

    /// <summary>A new user with a random password (no change required); operators may be limited to <paramref name="namespaces"/>.</summary>
    public async Task<(ConsoleUser User, string Password)> CreateUserAsync(string role, params string[] namespaces)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ConsoleUser>>();
        var password = RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyz23456789", 20);
        var user = new ConsoleUser { UserName = UniqueName(role), Role = role, Namespaces = string.Join(",", namespaces) };
        var created = await users.CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        return (user, password);
    }

    /// <summary>An HTTP client of the console's UI port carrying a personal API token of a new user with <paramref name="role"/>.</summary>
    public async Task<HttpClient> ApiClientAsync(string role = ConsoleRoles.Admin, string scope = ApiTokenScopes.Write)
    {
        var (user, _) = await CreateUserAsync(role);
        var (token, errors) = await Services.GetRequiredService<ApiTokenService>().CreateAsync(user.Id, "tests", scope, 1, CancellationToken.None);
        Assert.Empty(errors);
        var http = new HttpClient { BaseAddress = new Uri(HttpUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>
    /// A service scope as a page's circuit of a new user with <paramref name="role"/> has it: the authentication state holds
    /// the principal Identity makes for that user, so the scope's writers write as (and are limited to) that user.
    /// </summary>
    public async Task<AsyncServiceScope> SignedInScopeAsync(string role, params string[] namespaces)
    {
        var (user, _) = await CreateUserAsync(role, namespaces);
        var scope = Services.CreateAsyncScope();
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<ConsoleUser>>().CreateAsync(user);
        ((IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>())
            .SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        return scope;
    }
}
