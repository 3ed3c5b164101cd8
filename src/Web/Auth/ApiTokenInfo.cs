namespace Multinet.Web.Auth;

/// <summary>A token as its owner's page lists it (never the secret).</summary>
public sealed record ApiTokenInfo(string Id, string Name, string Scope, DateTime CreatedAt, DateTime ExpiresAt, DateTime? RevokedAt, DateTime? LastUsedAt);
