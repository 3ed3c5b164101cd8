namespace Multinet.Web.Auth;

/// <summary>
/// The console's roles, each including the one before: a viewer reads everything; an operator also creates, edits and
/// deletes Networks, NADs, services and policies (optionally only in the namespaces listed on the user); an admin also
/// manages users, tokens and settings.
/// </summary>
public static class ConsoleRoles
{
    public const string Viewer = "viewer";
    public const string Operator = "operator";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Viewer, Operator, Admin];

    public static bool IsValid(string? role) => role is Viewer or Operator or Admin;

    /// <summary>0 for viewer, 1 for operator, 2 for admin, -1 for anything else.</summary>
    public static int Rank(string? role) => role switch
    {
        Viewer => 0,
        Operator => 1,
        Admin => 2,
        _ => -1,
    };

    /// <summary>The lower of two roles: what a read-scoped token of an admin may do, for example.</summary>
    public static string Lower(string a, string b) => Rank(a) <= Rank(b) ? a : b;
}
