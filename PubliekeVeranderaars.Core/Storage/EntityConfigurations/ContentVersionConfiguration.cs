using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Core.Storage.EntityConfigurations;

internal sealed class ContentVersionConfiguration : IEntityTypeConfiguration<ContentVersion>
{
    public void Configure(EntityTypeBuilder<ContentVersion> builder)
    {
        builder.ToTable("ContentVersions");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedOnAdd();
        builder.HasIndex(v => v.NodeKey);
        builder.Property(v => v.Name).HasMaxLength(255);
        builder.Property(v => v.CreatedBy).HasMaxLength(255);
        builder.Property(v => v.Values).HasJsonConversion();
        builder.Property(v => v.CultureNames).HasJsonConversion();
    }
}
