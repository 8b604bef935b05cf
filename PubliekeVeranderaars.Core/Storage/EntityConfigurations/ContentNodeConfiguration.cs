using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Core.Storage.EntityConfigurations;

internal sealed class ContentNodeConfiguration : IEntityTypeConfiguration<ContentNode>
{
    public void Configure(EntityTypeBuilder<ContentNode> builder)
    {
        builder.ToTable("ContentNodes");
        builder.HasKey(n => n.Key);
        builder.HasIndex(n => n.ParentKey);
        builder.Property(n => n.ContentTypeAlias).HasMaxLength(255);
        builder.Property(n => n.Name).HasMaxLength(255);
        builder.Property(n => n.UrlSegment).HasMaxLength(255);
        builder.Property(n => n.UnpublishedCultures).HasJsonConversion();
        builder.Ignore(n => n.IsPublished);
        builder.Ignore(n => n.HasUnpublishedChanges);
        builder.Ignore(n => n.AuditTarget);
    }
}
