using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Multinet.Web.Auth;

/// <summary>
/// An open page checks its user at once when the account changes (<see cref="UserSessionEvents"/>), and every 30 s in any
/// case: once the user signs out elsewhere, is disabled or has its password reset (each changes the security stamp), the
/// page loses its access; once its role or namespaces change, the page continues with the new ones.
/// </summary>
internal sealed class RevalidatingUserStateProvider : RevalidatingServerAuthenticationStateProvider
{
    private readonly IServiceScopeFactory _scopes;
    private readonly IOptions<IdentityOptions> _options;
    private readonly UserSessionEvents _events;
    private Task _recheck = Task.CompletedTask;

    public RevalidatingUserStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopes, IOptions<IdentityOptions> options, UserSessionEvents events)
        : base(loggerFactory)
    {
        _scopes = scopes;
        _options = options;
        _events = events;
        _events.Changed += OnUserChanged;
    }

    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(30);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authenticationState);
        var (valid, refreshed) = await CheckAsync(authenticationState.User);
        if (valid && refreshed is not null)
        {
            SetAuthenticationState(Task.FromResult(new AuthenticationState(refreshed)));
        }

        return valid;
    }

    protected override void Dispose(bool disposing)
    {
        _events.Changed -= OnUserChanged;
        base.Dispose(disposing);
    }

    /// <summary>Runs the check off the caller's thread (an admin's page); one at a time, the latest kept.</summary>
    private void OnUserChanged(string userId) => _recheck = _recheck.ContinueWith(_ => RecheckAsync(userId), TaskScheduler.Default).Unwrap();

    private async Task RecheckAsync(string userId)
    {
        try
        {
            var state = await GetAuthenticationStateAsync();
            if (state.User.FindFirstValue(_options.Value.ClaimsIdentity.UserIdClaimType) != userId)
            {
                return;
            }

            var (valid, refreshed) = await CheckAsync(state.User);
            if (!valid)
            {
                SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
            }
            else if (refreshed is not null)
            {
                SetAuthenticationState(Task.FromResult(new AuthenticationState(refreshed)));
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The circuit has no authentication state yet or is gone, or the store did not answer: the periodic check decides.
        }
    }

    /// <summary>Whether the session still holds, and the principal with the user's current role when it changed.</summary>
    private async Task<(bool Valid, ClaimsPrincipal? Refreshed)> CheckAsync(ClaimsPrincipal principal)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<ConsoleUser>>();
        var users = signIn.UserManager;
        var user = await users.GetUserAsync(principal);
        if (user is null || user.Disabled
            || (users.SupportsUserSecurityStamp
                && principal.FindFirstValue(_options.Value.ClaimsIdentity.SecurityStampClaimType) != await users.GetSecurityStampAsync(user)))
        {
            return (false, null);
        }

        var namespaces = AccessRules.NamespacesOf(principal);
        var same = AccessRules.RoleOf(principal) == user.Role && namespaces.SequenceEqual(user.NamespaceList, StringComparer.Ordinal);
        return (true, same ? null : await signIn.CreateUserPrincipalAsync(user));
    }
}
