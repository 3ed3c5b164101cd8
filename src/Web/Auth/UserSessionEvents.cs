namespace Multinet.Web.Auth;

/// <summary>
/// Tells the open pages (Blazor circuits) of a user that its account changed (signed out, disabled, role or namespaces
/// changed, password reset), so they check their session at once instead of at their next periodic check.
/// </summary>
internal sealed class UserSessionEvents
{
    /// <summary>Raised with the id of the user whose account changed.</summary>
    public event Action<string>? Changed;

    public void Raise(string userId) => Changed?.Invoke(userId);
}
