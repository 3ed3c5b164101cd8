using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Multinet.Contracts.Agent.V1;
using Multinet.Shared.Contracts;
using Multinet.Web.Auth;

namespace Multinet.UnitTests.Web.Auth;

/// <summary>Each kind of surface (page, REST, hub negotiation, agent gateway) for nobody, a viewer, an admin and their tokens.</summary>
public sealed class SurfaceAccessTests(ConsoleServer server) : IClassFixture<ConsoleServer>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Page_WithoutASession_RedirectsToSignInWithTheReturnUrl_ThenOpensOnceSignedIn()
    {
        var (viewer, password) = await server.CreateUserAsync(ConsoleRoles.Viewer);
        using var browser = FormSignIn.NewBrowser(server.HttpUrl);

        using var before = await browser.GetAsync("/networks?q=blue", Token);
        using var signIn = await FormSignIn.PostAsync(browser, viewer.UserName, password, Token, "/login?ReturnUrl=%2Fnetworks%3Fq%3Dblue");
        using var after = await browser.GetAsync("/networks?q=blue", Token);

        Assert.Equal(HttpStatusCode.Redirect, before.StatusCode);
        Assert.EndsWith("/login?ReturnUrl=%2Fnetworks%3Fq%3Dblue", before.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.EndsWith("/networks?q=blue", signIn.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Contains("HttpOnly", string.Join(";", signIn.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Contains("frame-ancestors 'none'", after.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FormPosts_WithoutTheirAntiforgeryToken_AreRefused_AndChangeNothing()
    {
        var (viewer, password) = await server.CreateUserAsync(ConsoleRoles.Viewer);
        using var browser = FormSignIn.NewBrowser(server.HttpUrl);
        (await FormSignIn.PostAsync(browser, viewer.UserName, password, Token)).Dispose();

        using var signOut = await browser.PostAsync("/logout", new FormUrlEncodedContent([]), Token);
        using var signIn = await browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["UserName"] = viewer.UserName!, ["Password"] = password,
        }), Token);
        using var stillSignedIn = await browser.GetAsync("/api/v1/me", Token);

        Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillSignedIn.StatusCode);
    }

    [Fact]
    public async Task AdminPage_ForAViewer_IsAccessDenied_ForAnAdmin_Opens()
    {
        var (viewer, viewerPassword) = await server.CreateUserAsync(ConsoleRoles.Viewer);
        var (admin, adminPassword) = await server.CreateUserAsync(ConsoleRoles.Admin);
        using var viewerBrowser = FormSignIn.NewBrowser(server.HttpUrl);
        using var adminBrowser = FormSignIn.NewBrowser(server.HttpUrl);
        (await FormSignIn.PostAsync(viewerBrowser, viewer.UserName, viewerPassword, Token)).Dispose();
        (await FormSignIn.PostAsync(adminBrowser, admin.UserName, adminPassword, Token)).Dispose();

        using var denied = await viewerBrowser.GetAsync("/users", Token);
        using var opened = await adminBrowser.GetAsync("/users", Token);

        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/access-denied", denied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
    }

    [Fact]
    public async Task Rest_WithoutCredentials_Is401_WithAViewersToken_Reads_ButAdminEndpointsAre403WithAProblem()
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(server.HttpUrl) };
        using var viewer = await server.ApiClientAsync(ConsoleRoles.Viewer, ApiTokenScopes.Write);
        using var adminReadOnly = await server.ApiClientAsync(ConsoleRoles.Admin, ApiTokenScopes.Read);
        using var admin = await server.ApiClientAsync(ConsoleRoles.Admin, ApiTokenScopes.Write);

        using var nobody = await anonymous.GetAsync("/api/v1/networks", Token);
        using var reads = await viewer.GetAsync("/api/v1/networks", Token);
        using var forbidden = await viewer.GetAsync("/api/v1/users", Token);
        using var readScope = await adminReadOnly.GetAsync("/api/v1/users", Token);
        using var users = await admin.GetAsync("/api/v1/users", Token);

        Assert.Equal(HttpStatusCode.Unauthorized, nobody.StatusCode);
        Assert.Equal("application/problem+json", nobody.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, reads.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var problem = await forbidden.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal(403, problem.GetProperty("status").GetInt32());
        Assert.Contains("(viewer) may not do this", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, readScope.StatusCode); // a read token acts as a viewer, whoever made it
        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
    }

    [Fact]
    public async Task Rest_ARevokedOrUnknownToken_Is401()
    {
        var (user, _) = await server.CreateUserAsync(ConsoleRoles.Viewer);
        var tokens = server.Services.GetRequiredService<ApiTokenService>();
        var (token, _) = await tokens.CreateAsync(user.Id, "script", ApiTokenScopes.Read, 30, Token);
        using var http = new HttpClient { BaseAddress = new Uri(server.HttpUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var live = await http.GetAsync("/api/v1/me", Token);

        Assert.True(await tokens.RevokeAsync(user.Id, (await tokens.ListAsync(user.Id, Token)).Single().Id, Token));
        using var revoked = await http.GetAsync("/api/v1/me", Token);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiTokenService.Prefix + "not-a-token");
        using var unknown = await http.GetAsync("/api/v1/me", Token);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(user.UserName, (await live.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
    }

    [Fact]
    public async Task HubNegotiation_WithoutCredentials_Is401_WithAViewersToken_Succeeds()
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(server.HttpUrl) };
        using var viewer = await server.ApiClientAsync(ConsoleRoles.Viewer, ApiTokenScopes.Read);

        using var refused = await anonymous.PostAsync("/hubs/live/negotiate?negotiateVersion=1", null, Token);
        using var accepted = await viewer.PostAsync("/hubs/live/negotiate?negotiateVersion=1", null, Token);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.True((await accepted.Content.ReadFromJsonAsync<JsonElement>(Token)).TryGetProperty("connectionToken", out _));
    }

    [Fact]
    public async Task AgentGateway_ACallCarryingAConsoleSessionOrToken_IsPermissionDenied()
    {
        var grpcUrl = server.Services.GetRequiredService<IAgentGatewayAddress>().Url;
        using var channel = GrpcChannel.ForAddress(grpcUrl);
        var client = new AgentGateway.AgentGatewayClient(channel);

        foreach (var headers in new[] { new Metadata { { "cookie", AuthServiceCollectionExtensions.CookieName + "=anything" } },
            new Metadata { { "authorization", "Bearer " + ApiTokenService.Prefix + "anything" } } })
        {
            using var call = client.Connect(headers, cancellationToken: Token);
            var refused = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(Token));
            Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        }
    }
}
