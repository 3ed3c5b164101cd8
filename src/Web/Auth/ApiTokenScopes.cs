namespace Multinet.Web.Auth;

/// <summary>What a personal API token may do: read (as a viewer), or write (as its user's role).</summary>
public static class ApiTokenScopes
{
    public const string Read = "read";
    public const string Write = "write";

    public static bool IsValid(string? scope) => scope is Read or Write;
}
