using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PubliekeVeranderaars.Core.Media;

namespace PubliekeVeranderaars.Core.Storage.EntityConfigurations;

internal sealed class MediaItemConfiguration : IEntityTypeConfiguration<MediaItem>
{
    public void Configure(EntityTypeBuilder<MediaItem> builder)
    {
        builder.ToTable("MediaItems");
        builder.HasKey(m => m.Key);
        builder.HasIndex(m => m.ParentKey);
        builder.HasIndex(m => m.Src).IsUnique();
        builder.Property(m => m.Name).HasMaxLength(255);
        builder.Property(m => m.MediaTypeAlias).HasMaxLength(64);
        builder.Property(m => m.Src).HasMaxLength(300);
        builder.Property(m => m.Extension).HasMaxLength(16);
        builder.Property(m => m.AltText).HasMaxLength(500);
        builder.Property(m => m.ContentHash).HasMaxLength(64);
        builder.Ignore(m => m.IsFolder);
        builder.Ignore(m => m.IsImage);
        builder.Ignore(m => m.AuditTarget);
        builder.Ignore(m => m.NeedsAltText);
        builder.Ignore(m => m.FocalPoint);
    }
}

internal sealed class MediaVersionConfiguration : IEntityTypeConfiguration<MediaVersion>
{
    public void Configure(EntityTypeBuilder<MediaVersion> builder)
    {
        builder.ToTable("MediaVersions");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedOnAdd();
        builder.HasIndex(v => v.MediaKey);
        builder.Property(v => v.CreatedBy).HasMaxLength(255);
        builder.Property(v => v.Name).HasMaxLength(255);
        builder.Property(v => v.AltText).HasMaxLength(500);
        builder.Property(v => v.Src).HasMaxLength(300);
    }
}

internal sealed class MediaFileBlobConfiguration : IEntityTypeConfiguration<MediaFileBlob>
{
    public void Configure(EntityTypeBuilder<MediaFileBlob> builder)
    {
        builder.ToTable("MediaFiles");
        builder.HasKey(b => b.Path);
        builder.Property(b => b.Path).HasMaxLength(300);
    }
}
