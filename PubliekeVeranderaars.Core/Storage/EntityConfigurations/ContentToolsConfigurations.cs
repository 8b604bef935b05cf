using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PubliekeVeranderaars.Core.Storage.EntityConfigurations;

internal sealed class ContentPreviewLinkConfiguration : IEntityTypeConfiguration<Content.ContentPreviewLink>
{
    public void Configure(EntityTypeBuilder<Content.ContentPreviewLink> builder)
    {
        builder.ToTable("ContentPreviewLinks");
        builder.HasKey(l => l.Id);
        builder.HasIndex(l => l.TokenHash).IsUnique();
        builder.HasIndex(l => l.NodeKey);
        builder.Property(l => l.TokenHash).HasMaxLength(64);
        builder.Property(l => l.CreatedBy).HasMaxLength(256);
    }
}

internal sealed class ContentRepairConfiguration : IEntityTypeConfiguration<Content.ContentRepair>
{
    public void Configure(EntityTypeBuilder<Content.ContentRepair> builder)
    {
        builder.ToTable("ContentRepairs");
        builder.HasKey(r => r.Name);
        builder.Property(r => r.Name).HasMaxLength(100);
    }
}
