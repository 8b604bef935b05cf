using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Core.Storage.EntityConfigurations;

internal sealed class DocumentTypeConfiguration : IEntityTypeConfiguration<DocumentType>
{
    public void Configure(EntityTypeBuilder<DocumentType> builder)
    {
        builder.ToTable("DocumentTypes");
        builder.HasKey(d => d.Key);
        builder.HasIndex(d => d.Alias).IsUnique();
        builder.Property(d => d.Alias).HasMaxLength(255);
        builder.Property(d => d.Name).HasMaxLength(255);
        builder.Property(d => d.Icon).HasMaxLength(255);
        builder.Property(d => d.Variations).HasMaxLength(64);
        builder.Property(d => d.Folder).HasMaxLength(255);
        builder.Property(d => d.Compositions).HasJsonConversion();
        builder.Property(d => d.AllowedChildren).HasJsonConversion();
        builder.Property(d => d.Tabs).HasJsonConversion();
        builder.Property(d => d.Properties).HasJsonConversion();
    }
}
