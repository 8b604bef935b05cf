using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PubliekeVeranderaars.Core.Privacy;

namespace PubliekeVeranderaars.Core.Storage.EntityConfigurations;

internal sealed class PrivacyRequestConfiguration : IEntityTypeConfiguration<PrivacyRequest>
{
    public void Configure(EntityTypeBuilder<PrivacyRequest> builder)
    {
        builder.ToTable("PrivacyRequests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedOnAdd();
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Email).HasMaxLength(320);
        builder.Property(r => r.AddressHash).HasMaxLength(64);
        builder.HasIndex(r => r.AddressHash);
        builder.Property(r => r.RegisteredBy).HasMaxLength(256);
        builder.Property(r => r.AnsweredBy).HasMaxLength(256);
        builder.Property(r => r.Outcome).HasMaxLength(PrivacyRequest.MaxOutcomeLength);
    }
}

internal sealed class SiteSecretConfiguration : IEntityTypeConfiguration<SiteSecret>
{
    public void Configure(EntityTypeBuilder<SiteSecret> builder)
    {
        builder.ToTable("SiteSecrets");
        builder.HasKey(s => s.Name);
        builder.Property(s => s.Name).HasMaxLength(64);
        builder.Property(s => s.Value).HasMaxLength(512);
    }
}
