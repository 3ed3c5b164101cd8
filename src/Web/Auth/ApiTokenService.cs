using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Multinet.Web.Auth;

/// <summary>Creates, lists, revokes and checks personal API tokens. The secret is returned once, at creation.</summary>
internal sealed class ApiTokenService(IDbContextFactory<AuthDbContext> factory, TimeProvider time)
{
    public const string Prefix = "mnt_";
    public const int MaxDays = 366;

    /// <summary>Creates a token, or says which field is wrong; the text is shown once and only its hash is kept.</summary>
    public async Task<(string? Token, IReadOnlyDictionary<string, string> Errors)> CreateAsync(string userId, string? name, string? scope, int days,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100)
        {
            errors["name"] = "Name the token (1 to 100 characters), e.g. what script uses it.";
        }

        if (!ApiTokenScopes.IsValid(scope))
        {
            errors["scope"] = $"Scope must be {ApiTokenScopes.Read} or {ApiTokenScopes.Write}.";
        }

        if (days is < 1 or > MaxDays)
        {
            errors["expiresInDays"] = $"Expiry must be between 1 and {MaxDays} days.";
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var text = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.ApiTokens.Add(new ApiToken
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), UserId = userId, Name = name!, Hash = Hash(text), Scope = scope!,
            CreatedAt = now, ExpiresAt = now.AddDays(days),
        });
        await db.SaveChangesAsync(cancellationToken);
        return (text, errors);
    }

    public async Task<IReadOnlyList<ApiTokenInfo>> ListAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).OrderByDescending(t => t.CreatedAt)
            .Select(t => new ApiTokenInfo(t.Id, t.Name, t.Scope, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt)).ToListAsync(cancellationToken);
    }

    /// <summary>Revokes one of <paramref name="userId"/>'s tokens; false when it has no such token.</summary>
    public async Task<bool> RevokeAsync(string userId, string id, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        return await db.ApiTokens.Where(t => t.UserId == userId && t.Id == id && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken) == 1;
    }

    /// <summary>The live token with this text and its user (enabled), or null; records the use.</summary>
    public async Task<(ApiToken Token, ConsoleUser User)?> FindAsync(string text, CancellationToken cancellationToken)
    {
        if (!text.StartsWith(Prefix, StringComparison.Ordinal) || text.Length > 100)
        {
            return null;
        }

        var hash = Hash(text);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var found = await db.ApiTokens.Where(t => t.Hash == hash && t.RevokedAt == null && t.ExpiresAt > now)
            .Join(db.Users.Where(u => !u.Disabled), t => t.UserId, u => u.Id, (t, u) => new { Token = t, User = u })
            .AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        if (found.Token.LastUsedAt is not { } last || now - last > TimeSpan.FromMinutes(1))
        {
            await db.ApiTokens.Where(t => t.Id == found.Token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), cancellationToken);
        }

        return (found.Token, found.User);
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
