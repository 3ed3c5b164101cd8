namespace Multinet.Web.Auth;

/// <summary>Sign-in settings, bound from <c>Multinet:Auth</c>.</summary>
public sealed class ConsoleAuthOptions
{
    public const string SectionName = "Multinet:Auth";

    /// <summary>The first admin's user name, created on a start with no users.</summary>
    public string InitialAdminUser { get; set; } = "admin";

    /// <summary>
    /// The first admin's password (e.g. from a Secret through <c>Multinet__Auth__InitialAdminPassword</c>); without it a
    /// random one-time password is made, logged once and written to a file readable only by the owner, and the first
    /// sign-in must change it.
    /// </summary>
    public string? InitialAdminPassword { get; set; }

    /// <summary>How long a session lasts without activity (sliding).</summary>
    public TimeSpan SessionIdle { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Sign-in attempts (form posts) allowed per client address per minute.</summary>
    public int LoginAttemptsPerMinute { get; set; } = 30;

    /// <summary>Wrong passwords in a row that lock an account, and for how long.</summary>
    public int LockoutAttempts { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// On a real cluster, send the console's writes as the signed-in user (Impersonate-User and Impersonate-Group), so
    /// Kubernetes RBAC and audit see the person. Needs the impersonation rule in the console's RBAC.
    /// </summary>
    public bool Impersonate { get; set; } = true;

    /// <summary>Optional OpenID Connect sign-in; off while <see cref="OidcOptions.Authority"/> is empty.</summary>
    public OidcOptions Oidc { get; set; } = new();

    /// <summary>Optional sign-in with a Kubernetes token (TokenReview); off until a user or group is mapped to a role.</summary>
    public KubernetesSignInOptions Kubernetes { get; set; } = new();
}
