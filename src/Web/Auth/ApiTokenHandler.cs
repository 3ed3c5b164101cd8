using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Multinet.Web.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer mnt_…</c>: a personal API token. A read token acts as a viewer; a write token
/// with its user's role and namespace limits. An unknown, expired or revoked token, or a disabled user's, fails.
/// </summary>
internal sealed class ApiTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiTokenService tokens) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    private const string Bearer = "Bearer ";

    /// <summary>Whether the request carries a bearer token at all (then this scheme, not the cookie, decides).</summary>
    public static bool HasBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith(Bearer, StringComparison.OrdinalIgnoreCase);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var found = await tokens.FindAsync(header[Bearer.Length..].Trim(), Context.RequestAborted);
        if (found is not { Token: var token, User: var user })
        {
            return AuthenticateResult.Fail("The API token is unknown, expired or revoked.");
        }

        var identity = new ClaimsIdentity(SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, user.Id));
        identity.AddClaim(new Claim(ClaimTypes.Name, user.UserName ?? user.Id));
        identity.AddClaim(new Claim(ConsoleClaims.TokenScope, token.Scope));
        ConsoleClaimsPrincipalFactory.AddConsoleClaims(identity, user, token.Scope == ApiTokenScopes.Write ? user.Role : ConsoleRoles.Lower(user.Role, ConsoleRoles.Viewer));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
