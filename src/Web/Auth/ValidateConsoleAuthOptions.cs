using Microsoft.Extensions.Options;

namespace Multinet.Web.Auth;

internal sealed class ValidateConsoleAuthOptions : IValidateOptions<ConsoleAuthOptions>
{
    public ValidateOptionsResult Validate(string? name, ConsoleAuthOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.InitialAdminUser))
        {
            failures.Add("Multinet:Auth:InitialAdminUser must name a user.");
        }

        if (options.InitialAdminPassword is { Length: > 0 and < 12 })
        {
            failures.Add("Multinet:Auth:InitialAdminPassword must be at least 12 characters long.");
        }

        if (options.SessionIdle <= TimeSpan.Zero)
        {
            failures.Add($"Multinet:Auth:SessionIdle {options.SessionIdle} must be positive, e.g. 08:00:00.");
        }

        if (options.LoginAttemptsPerMinute < 1)
        {
            failures.Add("Multinet:Auth:LoginAttemptsPerMinute must be at least 1.");
        }

        if (options.LockoutAttempts < 1 || options.LockoutDuration <= TimeSpan.Zero)
        {
            failures.Add("Multinet:Auth:LockoutAttempts must be at least 1 and Multinet:Auth:LockoutDuration positive.");
        }

        if (options.Oidc.Enabled)
        {
            if (!Uri.TryCreate(options.Oidc.Authority, UriKind.Absolute, out var authority) || authority.Scheme != Uri.UriSchemeHttps)
            {
                failures.Add($"Multinet:Auth:Oidc:Authority \"{options.Oidc.Authority}\" must be an absolute https URL.");
            }

            if (string.IsNullOrWhiteSpace(options.Oidc.ClientId))
            {
                failures.Add("Multinet:Auth:Oidc:ClientId is required when Multinet:Auth:Oidc:Authority is set.");
            }

            if (!options.Oidc.AdminGroups.Concat(options.Oidc.OperatorGroups).Concat(options.Oidc.ViewerGroups).Any(g => g.Length > 0))
            {
                failures.Add("Multinet:Auth:Oidc needs at least one of AdminGroups, OperatorGroups, ViewerGroups: no group would get any access.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
