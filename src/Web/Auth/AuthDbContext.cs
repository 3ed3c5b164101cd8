using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Multinet.Web.Auth;

/// <summary>Users (ASP.NET Core Identity) and personal API tokens, in the console's SQLite file beside the timeline.</summary>
internal sealed class AuthDbContext(DbContextOptions<AuthDbContext> options) : IdentityDbContext<ConsoleUser>(options)
{
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        var user = builder.Entity<ConsoleUser>();
        user.Property(u => u.Role).HasMaxLength(16);
        user.Property(u => u.Namespaces).HasMaxLength(2048);
        user.Property(u => u.Source).HasMaxLength(16);

        var token = builder.Entity<ApiToken>();
        token.ToTable("ApiTokens");
        token.HasKey(t => t.Id);
        token.Property(t => t.Id).HasMaxLength(32);
        token.Property(t => t.Name).HasMaxLength(100);
        token.Property(t => t.Hash).HasMaxLength(64);
        token.Property(t => t.Scope).HasMaxLength(8);
        token.HasIndex(t => t.Hash).IsUnique();
        token.HasIndex(t => t.UserId);
        token.HasOne<ConsoleUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
