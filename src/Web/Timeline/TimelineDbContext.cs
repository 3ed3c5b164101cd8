using Microsoft.EntityFrameworkCore;

namespace Multinet.Web.Timeline;

/// <summary>The console's own data in SQLite: the audit timeline.</summary>
internal sealed class TimelineDbContext(DbContextOptions<TimelineDbContext> options) : DbContext(options)
{
    public DbSet<TimelineEntry> Entries => Set<TimelineEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var entry = modelBuilder.Entity<TimelineEntry>();
        entry.ToTable("Timeline");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
        entry.Property(e => e.ObjectKind).HasMaxLength(64);
        entry.Property(e => e.Name).HasMaxLength(253);
        entry.HasIndex(e => new { e.Name, e.Id });
        entry.HasIndex(e => e.At);
    }
}
