using Microsoft.AspNetCore.Identity;

namespace Multinet.Web.Auth;

/// <summary>A person who signs in to the console: Identity's user with the console's role and namespace limits.</summary>
public sealed class ConsoleUser : IdentityUser
{
    /// <summary><see cref="ConsoleRoles.Viewer"/>, <see cref="ConsoleRoles.Operator"/> or <see cref="ConsoleRoles.Admin"/>.</summary>
    public string Role { get; set; } = ConsoleRoles.Viewer;

    /// <summary>For an operator: the namespaces it may write in, comma-separated; empty for every namespace.</summary>
    public string Namespaces { get; set; } = "";

    /// <summary>Set for a one-time password (the first admin's, a reset): the next sign-in must choose a new one.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>A disabled user cannot sign in, and its sessions and tokens stop working.</summary>
    public bool Disabled { get; set; }

    /// <summary>
    /// Where the user comes from: "local", "oidc" for a user made by an OpenID Connect sign-in, "kubernetes" for one made by
    /// a Kubernetes token sign-in (named as Kubernetes names it).
    /// </summary>
    public string Source { get; set; } = LocalSource;

    public DateTime CreatedAt { get; set; }

    public const string LocalSource = "local";
    public const string OidcSource = "oidc";
    public const string KubernetesSource = "kubernetes";

    public IReadOnlyList<string> NamespaceList => SplitNamespaces(Namespaces);

    public static IReadOnlyList<string> SplitNamespaces(string? text) =>
        [.. (text ?? "").Split([',', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];
}
