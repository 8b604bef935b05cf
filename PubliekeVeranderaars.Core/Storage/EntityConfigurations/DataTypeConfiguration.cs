using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Core.Storage.EntityConfigurations;

internal sealed class DataTypeConfiguration : IEntityTypeConfiguration<DataType>
{
    public void Configure(EntityTypeBuilder<DataType> builder)
    {
        builder.ToTable("DataTypes");
        builder.HasKey(d => d.Key);
        builder.Property(d => d.Alias).HasMaxLength(255);
        builder.Property(d => d.Name).HasMaxLength(255);
        builder.Property(d => d.EditorAlias).HasMaxLength(255);
        builder.Property(d => d.EditorUiAlias).HasMaxLength(255);
        builder.Property(d => d.DatabaseType).HasMaxLength(64);
        builder.Property(d => d.Folder).HasMaxLength(255);
    }
}
