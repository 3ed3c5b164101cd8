using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Multinet.Web.Timeline;

namespace Multinet.Web.Auth;

/// <summary>
/// What an admin does to users: create (with a one-time password), set role and namespaces, disable or enable, reset the
/// password. Each is one write checked first (nothing is half-made) and goes to the timeline with the admin as its author.
/// Disabling and a password reset change the security stamp, which ends the user's sessions at their next request; a new
/// role or namespace list applies from the user's next request (sessions are checked on every request), and open pages
/// are told at once (<see cref="UserSessionEvents"/>). The last enabled admin cannot be demoted or disabled.
/// </summary>
internal sealed partial class UserAdministration(IServiceScopeFactory scopes, TimelineStore timeline, TimeProvider time, UserSessionEvents sessions)
{
    public async Task<IReadOnlyList<UserRow>> ListAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        var now = time.GetUtcNow();
        var users = await db.Users.AsNoTracking().ToListAsync(cancellationToken);
        return [.. users.OrderBy(u => u.UserName, StringComparer.Ordinal)
            .Select(u => new UserRow(u.UserName ?? "", u.Role, u.Namespaces, u.Disabled, u.LockoutEnd > now, u.MustChangePassword, u.Source))];
    }

    public async Task<UserChangeResult> CreateAsync(ClaimsPrincipal admin, string? name, string? role, string? namespaces, CancellationToken cancellationToken)
    {
        name = name?.Trim() ?? "";
        if ((NotAdmin(admin) ?? Validate(name, role, namespaces)) is { } invalid)
        {
            return invalid;
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ConsoleUser>>();
        if (await users.FindByNameAsync(name) is not null)
        {
            return UserChangeResult.Failed("name", $"A user named {name} exists already.");
        }

        var password = InitialAdmin.NewPassword();
        var user = new ConsoleUser
        {
            UserName = name, Role = role!, Namespaces = string.Join(",", ConsoleUser.SplitNamespaces(namespaces)), MustChangePassword = true,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return UserChangeResult.Failed("name", string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        await RecordAsync(admin, TimelineEntryKind.Created, name, $"User {name} created: {Describe(user)}", cancellationToken);
        return new UserChangeResult(new Dictionary<string, string>(), password);
    }

    public Task<UserChangeResult> SetRoleAsync(ClaimsPrincipal admin, string name, string? role, string? namespaces, CancellationToken cancellationToken) =>
        ChangeAsync(admin, name, cancellationToken, async (user, users) =>
        {
            if (Validate(name, role, namespaces) is { } invalid)
            {
                return invalid;
            }

            if (user.Role == ConsoleRoles.Admin && role != ConsoleRoles.Admin && !user.Disabled && await EnabledAdminsAsync(users) == 1)
            {
                return UserChangeResult.Failed("role", "This is the last enabled admin: make another admin first.");
            }

            user.Role = role!;
            user.Namespaces = string.Join(",", ConsoleUser.SplitNamespaces(namespaces));
            return null;
        }, user => $"User {name}: {Describe(user)}");

    public Task<UserChangeResult> SetDisabledAsync(ClaimsPrincipal admin, string name, bool disabled, CancellationToken cancellationToken) =>
        ChangeAsync(admin, name, cancellationToken, async (user, users) =>
        {
            if (disabled && string.Equals(admin.Identity?.Name, name, StringComparison.Ordinal))
            {
                return UserChangeResult.Failed("disabled", "You cannot disable yourself.");
            }

            if (disabled && user.Role == ConsoleRoles.Admin && !user.Disabled && await EnabledAdminsAsync(users) == 1)
            {
                return UserChangeResult.Failed("disabled", "This is the last enabled admin: make another admin first.");
            }

            user.Disabled = disabled;
            return null;
        }, _ => $"User {name} {(disabled ? "disabled" : "enabled")}");

    /// <summary>A new one-time password (the next sign-in must change it); also ends a lockout.</summary>
    public async Task<UserChangeResult> ResetPasswordAsync(ClaimsPrincipal admin, string name, CancellationToken cancellationToken)
    {
        if (NotAdmin(admin) is { } notAdmin)
        {
            return notAdmin;
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ConsoleUser>>();
        if (await users.FindByNameAsync(name) is not { } user)
        {
            return UserChangeResult.Failed("name", $"There is no user named {name}.");
        }

        if (user.Source != ConsoleUser.LocalSource)
        {
            return UserChangeResult.Failed("password", $"{name} signs in through {(user.Source == ConsoleUser.OidcSource ? "single sign-on" : "a Kubernetes token")}: its password is not the console's.");
        }

        var password = InitialAdmin.NewPassword();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        user.MustChangePassword = true;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        var reset = await users.ResetPasswordAsync(user, token, password); // one write: hash, flag, lockout and a new security stamp
        if (!reset.Succeeded)
        {
            return UserChangeResult.Failed("password", string.Join(" ", reset.Errors.Select(e => e.Description)));
        }

        sessions.Raise(user.Id);
        await RecordAsync(admin, TimelineEntryKind.Updated, name, $"User {name}: password reset (one-time password)", cancellationToken);
        return new UserChangeResult(new Dictionary<string, string>(), password);
    }

    private async Task<UserChangeResult> ChangeAsync(ClaimsPrincipal admin, string name, CancellationToken cancellationToken,
        Func<ConsoleUser, UserManager<ConsoleUser>, Task<UserChangeResult?>> change, Func<ConsoleUser, string> summary)
    {
        if (NotAdmin(admin) is { } notAdmin)
        {
            return notAdmin;
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ConsoleUser>>();
        if (await users.FindByNameAsync(name) is not { } user)
        {
            return UserChangeResult.Failed("name", $"There is no user named {name}.");
        }

        if (await change(user, users) is { } refused)
        {
            return refused;
        }

        if (user.Disabled)
        {
            user.SecurityStamp = Guid.NewGuid().ToString("N"); // its sessions end at their next request
        }

        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            return UserChangeResult.Failed("name", string.Join(" ", updated.Errors.Select(e => e.Description)));
        }

        sessions.Raise(user.Id);
        await RecordAsync(admin, TimelineEntryKind.Updated, name, summary(user), cancellationToken);
        return new UserChangeResult(new Dictionary<string, string>());
    }

    /// <summary>The page is for admins only; this service checks again, whoever calls it.</summary>
    private static UserChangeResult? NotAdmin(ClaimsPrincipal admin) =>
        admin.IsInRole(ConsoleRoles.Admin) ? null : UserChangeResult.Failed("name", "Only admins manage users.");

    private static UserChangeResult? Validate(string name, string? role, string? namespaces)
    {
        if (name.Length is 0 or > 64 || !UserName().IsMatch(name))
        {
            return UserChangeResult.Failed("name", "A user name is 1 to 64 letters, digits and - . _ @ +.");
        }

        if (!ConsoleRoles.IsValid(role))
        {
            return UserChangeResult.Failed("role", $"Role must be one of {string.Join(", ", ConsoleRoles.All)}.");
        }

        var listed = ConsoleUser.SplitNamespaces(namespaces);
        if (listed.FirstOrDefault(ns => !NamespaceName().IsMatch(ns)) is { } bad)
        {
            return UserChangeResult.Failed("namespaces", $"\"{bad}\" is not a namespace name (lower-case letters, digits and -, at most 63).");
        }

        return listed.Count > 0 && role != ConsoleRoles.Operator
            ? UserChangeResult.Failed("namespaces", "Only operators are limited to namespaces; leave the list empty for a viewer or an admin.")
            : null;
    }

    private static async Task<int> EnabledAdminsAsync(UserManager<ConsoleUser> users) =>
        await users.Users.CountAsync(u => u.Role == ConsoleRoles.Admin && !u.Disabled);

    private static string Describe(ConsoleUser user) =>
        user.Role + (user.NamespaceList.Count > 0 ? $" in {string.Join(", ", user.NamespaceList)}" : "");

    private Task RecordAsync(ClaimsPrincipal admin, TimelineEntryKind kind, string name, string summary, CancellationToken cancellationToken) =>
        timeline.AppendAsync([new TimelineEntry
        {
            At = time.GetUtcNow().UtcDateTime, Kind = kind, ObjectKind = TimelineRecorder.UserKind, Name = name, Actor = admin.Identity?.Name ?? "unknown",
            Summary = summary,
        }], cancellationToken);

    [GeneratedRegex("^[A-Za-z0-9._@+-]+$")]
    private static partial Regex UserName();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex NamespaceName();
}
