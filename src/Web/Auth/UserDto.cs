namespace Multinet.Web.Auth;

/// <summary>A user as <c>GET /api/v1/users</c> lists it.</summary>
public sealed record UserDto(string Name, string Role, string Namespaces, bool Disabled, string Source, bool LockedOut);
