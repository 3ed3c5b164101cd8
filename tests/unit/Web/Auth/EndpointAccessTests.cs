using System.Net;
using System.Security.Claims;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Multinet.UnitTests.Web.Auth;

/// <summary>
/// Walks every endpoint the console serves and evaluates its authorization as the authorization middleware would, for
/// nobody: only the sign-in and sign-out endpoints, health, readiness and metrics, static assets and the agents' gateway
/// (with credentials of its own) may let an anonymous request through. Then asks every other GET endpoint without
/// credentials and expects a refusal.
/// </summary>
public sealed class EndpointAccessTests(ConsoleServer server) : IClassFixture<ConsoleServer>
{
    private static readonly string[] s_anonymousPaths = ["/login", "/logout", "/login/oidc", "/login/oidc/complete", "/healthz", "/readyz", "/metrics"];

    private IReadOnlyList<RouteEndpoint> Endpoints =>
        [.. server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()];

    [Fact]
    public async Task EveryEndpoint_RefusesAnonymousAccess_ExceptSignInHealthStaticAssetsAndTheAgentGateway()
    {
        var open = new List<string>();
        foreach (var endpoint in Endpoints)
        {
            if (await AllowsAnonymousAsync(endpoint) && !MayBeAnonymous(endpoint))
            {
                open.Add($"{endpoint.RoutePattern.RawText} ({endpoint.DisplayName})");
            }
        }

        Assert.True(Endpoints.Count > 20, $"Only {Endpoints.Count} endpoints: the walk did not see the app's.");
        Assert.True(open.Count == 0, "Open to anonymous requests:\n" + string.Join("\n", open));
    }

    [Fact]
    public async Task EveryProtectedGetEndpoint_WithoutCredentials_Is401ForTheApiAndARedirectToSignInForPages()
    {
        using var http = FormSignIn.NewBrowser(server.HttpUrl);
        var checkedPaths = 0;
        foreach (var endpoint in Endpoints.Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("GET") != false))
        {
            if (await AllowsAnonymousAsync(endpoint) || endpoint.Metadata.GetMetadata<GrpcMethodMetadata>() is not null)
            {
                continue;
            }

            var path = "/" + string.Join("/", endpoint.RoutePattern.PathSegments.Select(s => string.Concat(s.Parts.Select(Part))));
            using var response = await http.GetAsync(path, TestContext.Current.CancellationToken);
            var toSignIn = response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/login?ReturnUrl=", StringComparison.Ordinal);
            if (path.StartsWith("/api/", StringComparison.Ordinal) || path.StartsWith("/hubs/", StringComparison.Ordinal))
            {
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"GET {path}: {(int)response.StatusCode}, not 401");
            }
            else
            {
                // Pages send a person to the sign-in page; the pages' own hub (/_blazor) may answer its script 401 instead.
                Assert.True(toSignIn || (path.StartsWith("/_blazor", StringComparison.Ordinal) && response.StatusCode == HttpStatusCode.Unauthorized),
                    $"GET {path}: {(int)response.StatusCode} {response.Headers.Location}, not a redirect to the sign-in page");
            }

            checkedPaths++;
        }

        Assert.True(checkedPaths > 15, $"Only {checkedPaths} endpoints were asked.");
    }

    private static string Part(RoutePatternPart part) => part switch
    {
        RoutePatternLiteralPart literal => literal.Content,
        RoutePatternSeparatorPart separator => separator.Content,
        RoutePatternParameterPart { IsCatchAll: true } => "x/y",
        _ => "x",
    };

    /// <summary>What the authorization middleware decides for a request without credentials.</summary>
    private async Task<bool> AllowsAnonymousAsync(Endpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return true;
        }

        var policies = server.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var policy = await AuthorizationPolicy.CombineAsync(policies, endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(),
            endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>()) ?? await policies.GetFallbackPolicyAsync();
        if (policy is null)
        {
            return true;
        }

        var result = await server.Services.GetRequiredService<IAuthorizationService>().AuthorizeAsync(new ClaimsPrincipal(new ClaimsIdentity()), null, policy);
        return result.Succeeded;
    }

    private static bool MayBeAnonymous(RouteEndpoint endpoint)
    {
        var path = "/" + endpoint.RoutePattern.RawText?.TrimStart('/');
        return s_anonymousPaths.Contains(path, StringComparer.OrdinalIgnoreCase)
            || endpoint.Metadata.GetMetadata<GrpcMethodMetadata>() is not null
            || endpoint.DisplayName?.StartsWith("gRPC - Unimplemented", StringComparison.Ordinal) == true // the gateway's answer to unknown methods
            || endpoint.Metadata.Any(m => m.GetType().FullName == "Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor");
    }
}
