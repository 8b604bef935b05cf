using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Signatures;
using PubliekeVeranderaars.Core.Storage;
using PubliekeVeranderaars.Core.Sync;

using PubliekeVeranderaars.Web.Media;

namespace PubliekeVeranderaars.Web.Infrastructure;

public static class SiteStorageExtensions
{
    /// <summary>Fixed, so that keys written by one publish folder (or node) are read by the next.</summary>
    private const string DataProtectionApplicationName = "PubliekeVeranderaars";

    /// <summary>Registers the database and the content engine that reads and writes it.</summary>
    public static TBuilder AddSiteStorage<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddSiteOptions();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(services =>
        {
            // SQLite creates its file, not the folders above it.
            Directory.CreateDirectory(services.GetRequiredService<SiteOptions>().DataDirectory);
            var database = services.GetRequiredService<DatabaseOptions>();
            return new SiteDatabase(database.DatabaseProvider, database.ConnectionString);
        });
        // The write path: every change goes through the writer; handlers react after each commit.
        builder.Services.AddSingleton<SiteNotifications>();
        builder.Services.AddSingleton<SiteWriter>();
        builder.Services.AddSingleton<RichTextSanitizer>();
        builder.Services.AddSingleton<PublishedContentCache>();
        builder.Services.AddSingleton<ISiteNotificationHandler, RebuildPublishedCacheWhenContentChanges>();
        builder.Services.AddSingleton<ContentEditingService>();
        builder.Services.AddSingleton<ContentPublishingService>();
        builder.Services.AddSingleton<ContentTreeService>();
        builder.Services.AddSingleton<ContentRepairs>();
        builder.Services.AddSingleton<ContentPreviewLinks>();
        builder.Services.AddSingleton<ContentBulkOperations>();
        builder.Services.AddSingleton<Core.Signatures.SignatureMailboxes>();
        builder.Services.AddSingleton<ContentQueries>();
        // Media files are storage too: imports, exports and backups carry them.
        builder.AddMediaStorage();
        builder.Services.AddSingleton<USyncImportService>();
        builder.Services.AddSingleton<USyncExportService>();
        builder.Services.AddSingleton<USyncBlueprints>();
        builder.Services.AddSingleton<ISiteNotificationHandler>(services =>
        {
            var usync = services.GetRequiredService<USyncOptions>();
            return new ExportUSyncWhenContentChanges(services.GetRequiredService<USyncExportService>(), usync.Folder, usync.ExportOnSave);
        });
        // The keys behind session cookies and antiforgery tokens live with the rest of the site's data: a restart keeps
        // people logged in, a backup of the data directory keeps them, and nothing is written to the service's home.
        builder.Services.AddDataProtection().SetApplicationName(DataProtectionApplicationName);
        builder.Services.AddOptions<KeyManagementOptions>().Configure<SiteOptions, ILoggerFactory>((keys, site, logging) =>
            keys.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(site.KeysDirectory), logging));
        return builder;
    }

    /// <summary>
    /// Brings the database to the current schema, imports the uSync seed into an empty database, and builds the
    /// published cache, all before the first request is served.
    /// </summary>
    public static async Task PrepareSiteAsync(this WebApplication app)
    {
        // Every setting first (what ValidateOnStart would check when the server starts): a wrong one stops the site
        // here, as one line per setting, before the database is touched.
        app.Services.GetService<IStartupValidator>()?.Validate();
        await PrepareDatabaseAsync(app.Services, Actor.System);
        await app.Services.GetRequiredService<Core.Forms.FormDefinitionStore>().RefreshAsync();
        await app.Services.GetRequiredService<PublishedContentCache>().RebuildAsync();
    }

    /// <summary>
    /// What the site and every command do first: the current schema, repairs of content damaged by earlier versions
    /// (each once), and on a first start (an empty database) the schema and seed content from the uSync folder,
    /// imported by <paramref name="actor"/>.
    /// </summary>
    /// <param name="firstBootImport">False where the caller imports a folder itself (the import command).</param>
    public static async Task PrepareDatabaseAsync(IServiceProvider services, Actor actor, bool firstBootImport = true, CancellationToken cancellationToken = default)
    {
        var usync = services.GetRequiredService<USyncOptions>();
        var database = services.GetRequiredService<SiteDatabase>();
        await database.MigrateAsync(cancellationToken);
        await services.GetRequiredService<ContentRepairs>().RunPendingAsync(cancellationToken);
        await SignatureLog.OpenAsync(services.GetRequiredService<SiteWriter>(), cancellationToken);
        await services.GetRequiredService<Core.Signatures.SignatureMailboxes>().FillAsync(cancellationToken);
        if (!firstBootImport || !usync.ImportOnFirstBoot || !await database.IsEmptyAsync(cancellationToken)) return;
        if (!Directory.Exists(usync.Folder))
            throw new SiteConfigurationException("uSync:Folder", $"points to {usync.Folder}, which does not exist; a first start imports the schema and seed content from there",
                "/srv/publiekeveranderaars/uSync/v17");
        var report = await services.GetRequiredService<USyncImportService>().ImportAsync(usync.Folder, actor: actor, cancellationToken: cancellationToken);
        services.GetRequiredService<ILoggerFactory>().CreateLogger("PubliekeVeranderaars.Startup")
            .LogInformation("First boot: imported {Count} items from {Folder}", report.Changes.Count, usync.Folder);
    }
}
