namespace Multinet.Web.Auth;

/// <summary>
/// A personal API token for scripts: stored as the SHA-256 of the secret (a 256-bit random value, so a plain hash is
/// enough: nothing to guess), with a scope, an expiry, and a revocation time once revoked.
/// </summary>
public sealed class ApiToken
{
    public string Id { get; set; } = "";

    public string UserId { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>Hex SHA-256 of the whole token text.</summary>
    public string Hash { get; set; } = "";

    /// <summary><see cref="ApiTokenScopes.Read"/> or <see cref="ApiTokenScopes.Write"/>.</summary>
    public string Scope { get; set; } = ApiTokenScopes.Read;

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public DateTime? LastUsedAt { get; set; }
}
