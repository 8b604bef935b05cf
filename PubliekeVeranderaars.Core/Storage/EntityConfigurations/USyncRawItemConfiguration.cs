using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PubliekeVeranderaars.Core.Sync;

namespace PubliekeVeranderaars.Core.Storage.EntityConfigurations;

internal sealed class USyncRawItemConfiguration : IEntityTypeConfiguration<USyncRawItem>
{
    public void Configure(EntityTypeBuilder<USyncRawItem> builder)
    {
        builder.ToTable("USyncRawItems");
        builder.HasKey(i => new { i.Folder, i.Key });
        builder.Property(i => i.Folder).HasMaxLength(64);
        builder.Property(i => i.Alias).HasMaxLength(255);
        builder.Property(i => i.FileName).HasMaxLength(255);
    }
}
