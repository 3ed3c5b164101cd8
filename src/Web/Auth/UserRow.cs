namespace Multinet.Web.Auth;

/// <summary>A user as the Users page lists it.</summary>
public sealed record UserRow(string Name, string Role, string Namespaces, bool Disabled, bool LockedOut, bool MustChangePassword, string Source);
