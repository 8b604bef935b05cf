using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PubliekeVeranderaars.Core.Mail;

namespace PubliekeVeranderaars.Core.Storage.EntityConfigurations;

internal sealed class MailQuotaConfiguration : IEntityTypeConfiguration<MailQuotaCount>
{
    public void Configure(EntityTypeBuilder<MailQuotaCount> builder)
    {
        builder.ToTable("MailQuotas");
        // The key is the count's identity: two nodes counting the first mail of a day cannot both insert.
        builder.HasKey(q => new { q.RecipientHash, q.Kind, q.Day });
        builder.Property(q => q.RecipientHash).HasMaxLength(64);
        builder.Property(q => q.Kind).HasConversion<string>().HasMaxLength(32);
        builder.HasIndex(q => q.Day);
    }
}
