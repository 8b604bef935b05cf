using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Core.Storage.EntityConfigurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.HasIndex(e => e.Utc);
        builder.Property(e => e.User).HasMaxLength(500);
        builder.Property(e => e.Action).HasMaxLength(64);
        builder.Property(e => e.Target).HasMaxLength(500);
        builder.Property(e => e.Details).HasMaxLength(500);
    }
}

internal sealed class RedirectUrlConfiguration : IEntityTypeConfiguration<RedirectUrl>
{
    public void Configure(EntityTypeBuilder<RedirectUrl> builder)
    {
        builder.ToTable("RedirectUrls");
        builder.HasKey(r => r.Route);
        builder.Property(r => r.Route).HasMaxLength(1000);
        builder.HasIndex(r => r.NodeKey);
    }
}
