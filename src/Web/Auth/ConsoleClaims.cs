namespace Multinet.Web.Auth;

/// <summary>Claims the console adds to a signed-in user besides name and role.</summary>
public static class ConsoleClaims
{
    /// <summary>One claim per namespace an operator is limited to; none means every namespace.</summary>
    public const string Namespace = "multinet:namespace";

    /// <summary>Present while the user must choose a new password before doing anything else.</summary>
    public const string MustChangePassword = "multinet:must-change-password";

    /// <summary>On a principal from a personal API token: the token's scope (read or write).</summary>
    public const string TokenScope = "multinet:token-scope";
}
