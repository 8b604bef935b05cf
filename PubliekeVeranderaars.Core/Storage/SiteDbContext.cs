using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Forms;
using PubliekeVeranderaars.Core.Mail;
using PubliekeVeranderaars.Core.Media;
using PubliekeVeranderaars.Core.Privacy;
using PubliekeVeranderaars.Core.Signatures;
using PubliekeVeranderaars.Core.Sync;

namespace PubliekeVeranderaars.Core.Storage;

/// <summary>
/// The site's database. One model for both providers; each provider has its own subclass only so that EF Core keeps
/// a separate, provider-specific migration set for it (SQLite and PostgreSQL need different DDL).
/// </summary>
public abstract class SiteDbContext(DbContextOptions options) : IdentityDbContext<BackofficeUser>(options)
{
    public DbSet<DataType> DataTypes => Set<DataType>();
    public DbSet<DocumentType> DocumentTypes => Set<DocumentType>();
    public DbSet<ContentNode> ContentNodes => Set<ContentNode>();
    public DbSet<ContentVersion> ContentVersions => Set<ContentVersion>();
    public DbSet<USyncRawItem> USyncRawItems => Set<USyncRawItem>();
    public DbSet<FormDefinition> Forms => Set<FormDefinition>();
    public DbSet<FormEntry> FormEntries => Set<FormEntry>();
    public DbSet<FormEntryVisit> FormEntryVisits => Set<FormEntryVisit>();
    public DbSet<ContentPreviewLink> ContentPreviewLinks => Set<ContentPreviewLink>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<Signature> Signatures => Set<Signature>();
    public DbSet<SignatureToken> SignatureTokens => Set<SignatureToken>();
    public DbSet<SignatureLogEntry> SignatureLogEntries => Set<SignatureLogEntry>();
    public DbSet<SignatureUpdate> SignatureUpdates => Set<SignatureUpdate>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<RedirectUrl> RedirectUrls => Set<RedirectUrl>();
    public DbSet<ContentChange> ContentChanges => Set<ContentChange>();
    public DbSet<MailQuotaCount> MailQuotas => Set<MailQuotaCount>();
    public DbSet<ContentRepair> ContentRepairs => Set<ContentRepair>();
    public DbSet<PrivacyRequest> PrivacyRequests => Set<PrivacyRequest>();
    public DbSet<SiteSecret> SiteSecrets => Set<SiteSecret>();
    public DbSet<MediaItem> MediaItems => Set<MediaItem>();
    public DbSet<MediaVersion> MediaVersions => Set<MediaVersion>();
    public DbSet<MediaFileBlob> MediaFileBlobs => Set<MediaFileBlob>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SiteDbContext).Assembly);
    }
}

public sealed class SqliteSiteDbContext(DbContextOptions<SqliteSiteDbContext> options) : SiteDbContext(options);

public sealed class PostgresSiteDbContext(DbContextOptions<PostgresSiteDbContext> options) : SiteDbContext(options);
