namespace Multinet.Web.Auth;

/// <summary>
/// Sign-in with a Kubernetes token (a ServiceAccount's or a user's), bound from <c>Multinet:Auth:Kubernetes</c>: the
/// console verifies the token with a TokenReview and gives the role the user's name or groups map to (the highest match;
/// no match: no access). Offered on the sign-in page once any mapping is configured.
/// </summary>
public sealed class KubernetesSignInOptions
{
    /// <summary>Kubernetes user names (e.g. <c>system:serviceaccount:ops:alice</c>) that make admins, operators, viewers.</summary>
    public List<string> AdminUsers { get; set; } = [];

    public List<string> OperatorUsers { get; set; } = [];

    public List<string> ViewerUsers { get; set; } = [];

    /// <summary>Kubernetes groups (e.g. <c>system:serviceaccounts:ops</c>, an OIDC group of the cluster) that make admins, operators, viewers.</summary>
    public List<string> AdminGroups { get; set; } = [];

    public List<string> OperatorGroups { get; set; } = [];

    public List<string> ViewerGroups { get; set; } = [];

    /// <summary>The audiences the token must be for; empty: the API server's own (what <c>kubectl create token</c> gives).</summary>
    public List<string> Audiences { get; set; } = [];

    public bool Enabled => new[] { AdminUsers, OperatorUsers, ViewerUsers, AdminGroups, OperatorGroups, ViewerGroups }.Any(l => l.Any(e => e.Length > 0));

    /// <summary>The role the user name or groups give: the highest one matched, or null when none is.</summary>
    public string? RoleFor(string user, IEnumerable<string> groups)
    {
        var set = groups.Where(g => g.Length > 0).ToHashSet(StringComparer.Ordinal);
        bool Matches(List<string> users, List<string> byGroup) => users.Contains(user, StringComparer.Ordinal) || byGroup.Any(set.Contains);
        return Matches(AdminUsers, AdminGroups) ? ConsoleRoles.Admin
            : Matches(OperatorUsers, OperatorGroups) ? ConsoleRoles.Operator
            : Matches(ViewerUsers, ViewerGroups) ? ConsoleRoles.Viewer
            : null;
    }
}
