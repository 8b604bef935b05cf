using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PubliekeVeranderaars.Core.Mail;

namespace PubliekeVeranderaars.Core.Storage.EntityConfigurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedOnAdd();
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        // The dispatcher's query: what is pending and due.
        builder.HasIndex(m => new { m.Status, m.NextAttemptUtc });
        builder.HasIndex(m => m.EntryKey);
        builder.HasIndex(m => m.BatchKey);
        builder.Property(m => m.UnsubscribeUrl).HasMaxLength(2000);
        builder.Property(m => m.MessageId).HasMaxLength(255);
        builder.Property(m => m.Source).HasMaxLength(255);
        builder.Property(m => m.FromAddress).HasMaxLength(320);
        builder.Property(m => m.FromName).HasMaxLength(255);
        builder.Property(m => m.ToAddress).HasMaxLength(320);
        builder.Property(m => m.ReplyTo).HasMaxLength(320);
        builder.Property(m => m.Subject).HasMaxLength(1000);
        builder.Property(m => m.Url).HasMaxLength(2000);
        builder.Property(m => m.SecretSetting).HasMaxLength(255);
        builder.Property(m => m.LastError).HasMaxLength(1000);
    }
}
