using System.Security.Claims;

namespace Multinet.Web.Auth;

/// <summary>
/// Who may write what, for the write paths and for the buttons that lead to them (which say the same reason on hover).
/// Namespace limits apply to namespaced objects; a cluster-scoped object (a Network) needs an operator without limits.
/// </summary>
public static class AccessRules
{
    public static string RoleOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return ConsoleRoles.All.Reverse().FirstOrDefault(user.IsInRole) ?? "";
    }

    public static IReadOnlyList<string> NamespacesOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return [.. user.FindAll(ConsoleClaims.Namespace).Select(c => c.Value)];
    }

    /// <summary>Null when <paramref name="user"/>'s role makes changes at all (somewhere); otherwise why not.</summary>
    public static string? RoleRefusal(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return "Sign in to make changes.";
        }

        var role = RoleOf(user);
        if (ConsoleRoles.Rank(role) < ConsoleRoles.Rank(ConsoleRoles.Operator))
        {
            return user.HasClaim(c => c.Type == ConsoleClaims.TokenScope && c.Value == ApiTokenScopes.Read)
                ? "This token is read-only."
                : $"You are signed in as {user.Identity.Name} ({(role.Length == 0 ? "no role" : role)}): changes need the operator role.";
        }

        return null;
    }

    /// <summary>Null when <paramref name="user"/> may write an object in <paramref name="namespace"/> (null: cluster-scoped); otherwise why not.</summary>
    public static string? WriteRefusal(ClaimsPrincipal user, string? @namespace)
    {
        if (RoleRefusal(user) is { } refusal)
        {
            return refusal;
        }

        if (RoleOf(user) == ConsoleRoles.Admin)
        {
            return null;
        }

        var namespaces = NamespacesOf(user);
        if (namespaces.Count == 0)
        {
            return null;
        }

        return @namespace is null
            ? $"You may change objects only in namespace{(namespaces.Count == 1 ? "" : "s")} {string.Join(", ", namespaces)}; cluster-wide objects need an operator without namespace limits."
            : namespaces.Contains(@namespace, StringComparer.Ordinal)
                ? null
                : $"You may change objects only in namespace{(namespaces.Count == 1 ? "" : "s")} {string.Join(", ", namespaces)}, not in {@namespace}.";
    }
}
