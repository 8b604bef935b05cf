using Microsoft.EntityFrameworkCore;

namespace PubliekeVeranderaars.Core.Storage;

/// <summary>Opens short-lived contexts on the configured database; singletons (caches, jobs) use it.</summary>
public sealed class SiteDatabase(DatabaseProvider provider, string connectionString)
{
    public DatabaseProvider Provider { get; } = provider;

    public SiteDbContext Open() => SiteDbContextOptions.Create(Provider, connectionString);

    /// <summary>Creates the database if needed and applies this provider's pending migrations.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = Open();
        await db.Database.MigrateAsync(cancellationToken);
        if (Provider == DatabaseProvider.Sqlite)
        {
            // Write-ahead logging lets pages and the dispatcher read while a form post writes; it is a property of
            // the file, so setting it once at start-up is enough.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    public async Task<bool> CanConnectAsync(CancellationToken cancellationToken = default)
    {
        await using var db = Open();
        return await db.Database.CanConnectAsync(cancellationToken);
    }
}
