using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PubliekeVeranderaars.Core.Forms;

namespace PubliekeVeranderaars.Core.Storage.EntityConfigurations;

internal sealed class FormDefinitionConfiguration : IEntityTypeConfiguration<FormDefinition>
{
    public void Configure(EntityTypeBuilder<FormDefinition> builder)
    {
        builder.ToTable("Forms");
        builder.HasKey(f => f.Key);
        builder.HasIndex(f => f.Alias).IsUnique();
        builder.Property(f => f.Alias).HasMaxLength(255);
        builder.Property(f => f.Name).HasMaxLength(255);
        builder.Property(f => f.SubmitLabel).HasMaxLength(255);
        builder.Property(f => f.Fields).HasJsonConversion();
        builder.Property(f => f.Workflows).HasJsonConversion();
    }
}

internal sealed class FormEntryConfiguration : IEntityTypeConfiguration<FormEntry>
{
    public void Configure(EntityTypeBuilder<FormEntry> builder)
    {
        builder.ToTable("FormEntries");
        builder.HasKey(e => e.Key);
        builder.HasIndex(e => new { e.FormKey, e.CreatedUtc });
        builder.HasIndex(e => e.PageKey);
        builder.Property(e => e.PageName).HasMaxLength(255);
        builder.Property(e => e.Values).HasJsonConversion();
        builder.Property(e => e.ContactedBy).HasMaxLength(256);
        builder.Property(e => e.Note).HasMaxLength(FormEntry.MaxNoteLength);
    }
}

internal sealed class FormEntryVisitConfiguration : IEntityTypeConfiguration<FormEntryVisit>
{
    public void Configure(EntityTypeBuilder<FormEntryVisit> builder)
    {
        builder.ToTable("FormEntryVisits");
        builder.HasKey(v => new { v.User, v.PageKey });
        builder.Property(v => v.User).HasMaxLength(256);
    }
}
