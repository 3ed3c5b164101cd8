namespace Multinet.Web.Auth;

/// <summary>OpenID Connect settings, bound from <c>Multinet:Auth:Oidc</c>.</summary>
public sealed class OidcOptions
{
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The claim that lists the user's groups.</summary>
    public string GroupsClaim { get; set; } = "groups";

    /// <summary>Groups whose members are admins, operators, viewers (the highest match wins; no match: no access).</summary>
    public List<string> AdminGroups { get; set; } = [];

    public List<string> OperatorGroups { get; set; } = [];

    public List<string> ViewerGroups { get; set; } = [];

    /// <summary>The button's text on the sign-in page.</summary>
    public string DisplayName { get; set; } = "Single sign-on";

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);

    /// <summary>The role the groups give: the highest role one of them maps to, or null when none does.</summary>
    public string? RoleFor(IEnumerable<string> groups)
    {
        var set = groups.Where(g => g.Length > 0).ToHashSet(StringComparer.Ordinal);
        return AdminGroups.Any(set.Contains) ? ConsoleRoles.Admin
            : OperatorGroups.Any(set.Contains) ? ConsoleRoles.Operator
            : ViewerGroups.Any(set.Contains) ? ConsoleRoles.Viewer
            : null;
    }
}
