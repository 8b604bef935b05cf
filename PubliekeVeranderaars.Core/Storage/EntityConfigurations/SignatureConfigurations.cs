using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PubliekeVeranderaars.Core.Signatures;

namespace PubliekeVeranderaars.Core.Storage.EntityConfigurations;

internal sealed class SignatureConfiguration : IEntityTypeConfiguration<Signature>
{
    public void Configure(EntityTypeBuilder<Signature> builder)
    {
        builder.ToTable("Signatures");
        builder.HasKey(s => s.Key);
        // One signature per address: the database enforces it, so two simultaneous posts cannot both insert.
        builder.HasIndex(s => s.Email).IsUnique();
        // One inbox signs once, whatever the spelling: the database enforces it as it does for the address.
        builder.HasIndex(s => s.Mailbox).IsUnique();
        builder.Property(s => s.Mailbox).HasMaxLength(254);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(s => new { s.Status, s.ShowPublicly, s.ConfirmedUtc });
        builder.HasIndex(s => new { s.Status, s.CreatedUtc });
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.Email).HasMaxLength(254);
        builder.Property(s => s.Organisation).HasMaxLength(200);
        builder.Property(s => s.Role).HasMaxLength(200);
        builder.Property(s => s.Place).HasMaxLength(200);
        builder.Ignore(s => s.IsConfirmed);
    }
}

internal sealed class SignatureTokenConfiguration : IEntityTypeConfiguration<SignatureToken>
{
    public void Configure(EntityTypeBuilder<SignatureToken> builder)
    {
        builder.ToTable("SignatureTokens");
        builder.HasKey(t => t.Hash);
        builder.Property(t => t.Hash).HasMaxLength(64);
        builder.Property(t => t.Purpose).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.Details).HasJsonRecordConversion();
        builder.HasIndex(t => t.SignatureKey);
        builder.HasOne<Signature>().WithMany().HasForeignKey(t => t.SignatureKey).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SignatureLogEntryConfiguration : IEntityTypeConfiguration<SignatureLogEntry>
{
    public void Configure(EntityTypeBuilder<SignatureLogEntry> builder)
    {
        builder.ToTable("SignatureLogEntries");
        // The sequence is the key: two writers could never add the same line twice.
        builder.HasKey(e => e.Sequence);
        builder.Property(e => e.Sequence).ValueGeneratedNever();
        builder.Property(e => e.Event).HasMaxLength(16);
        builder.Property(e => e.PreviousHash).HasMaxLength(64);
        builder.Property(e => e.Hash).HasMaxLength(64);
    }
}

internal sealed class SignatureUpdateConfiguration : IEntityTypeConfiguration<SignatureUpdate>
{
    public void Configure(EntityTypeBuilder<SignatureUpdate> builder)
    {
        builder.ToTable("SignatureUpdates");
        builder.HasKey(u => u.Key);
        builder.Property(u => u.Key).ValueGeneratedNever();
        builder.Property(u => u.Subject).HasMaxLength(SignatureUpdates.MaxSubjectLength);
        builder.Property(u => u.Text).HasMaxLength(SignatureUpdates.MaxTextLength);
        builder.Property(u => u.CreatedBy).HasMaxLength(256);
        builder.HasIndex(u => u.CreatedUtc);
    }
}
