namespace Multinet.Web.Auth;

/// <summary>The outcome of a change on the Users page: field errors (nothing changed), or done, with a one-time password to hand over.</summary>
public sealed record UserChangeResult(IReadOnlyDictionary<string, string> Errors, string? OneTimePassword = null)
{
    public bool Succeeded => Errors.Count == 0;

    public static UserChangeResult Failed(string field, string message) => new(new Dictionary<string, string>(StringComparer.Ordinal) { [field] = message });
}
