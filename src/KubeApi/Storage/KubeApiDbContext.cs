using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;

namespace Multinet.KubeApi.Storage;

/// <summary>The embedded API's SQLite store: objects and the revision counter.</summary>
internal sealed class KubeApiDbContext(DbContextOptions<KubeApiDbContext> options) : DbContext(options)
{
    public DbSet<StoredObject> Objects => Set<StoredObject>();

    public DbSet<StoreRevision> Revisions => Set<StoreRevision>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new StoredObjectConfiguration());
        modelBuilder.ApplyConfiguration(new StoreRevisionConfiguration());
    }

    private sealed class StoredObjectConfiguration : IEntityTypeConfiguration<StoredObject>
    {
        public void Configure(EntityTypeBuilder<StoredObject> builder)
        {
            builder.ToTable("Objects");
            builder.HasKey(o => new { o.Group, o.Plural, o.Namespace, o.Name });
            builder.Property(o => o.Json).IsRequired();
        }
    }

    private sealed class StoreRevisionConfiguration : IEntityTypeConfiguration<StoreRevision>
    {
        public void Configure(EntityTypeBuilder<StoreRevision> builder)
        {
            builder.ToTable("Revision");
            builder.HasKey(r => r.Id);
            builder.Property(r => r.Id).ValueGeneratedNever();
        }
    }
}
