using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace PubliekeVeranderaars.Core.Storage;

/// <summary>
/// Opens short-lived contexts on the configured database; singletons (caches, jobs, the commit queue) use it.
/// Contexts come from a pool: a form post should not pay for building one.
/// </summary>
public sealed class SiteDatabase
{
    /// <summary>More than the requests two cores serve at once; a context beyond the pool is simply created anew.</summary>
    private const int PoolSize = 256;

    private readonly Func<SiteDbContext> _create;

    public SiteDatabase(DatabaseProvider provider, string connectionString)
    {
        Provider = provider;
        if (provider == DatabaseProvider.Postgres)
        {
            var options = new DbContextOptionsBuilder<PostgresSiteDbContext>();
            options.UseSiteDatabase(provider, connectionString);
            var pool = new PooledDbContextFactory<PostgresSiteDbContext>(options.Options, PoolSize);
            _create = pool.CreateDbContext;
        }
        else
        {
            var options = new DbContextOptionsBuilder<SqliteSiteDbContext>();
            options.UseSiteDatabase(provider, connectionString);
            var pool = new PooledDbContextFactory<SqliteSiteDbContext>(options.Options, PoolSize);
            _create = pool.CreateDbContext;
        }
    }

    public DatabaseProvider Provider { get; }

    public SiteDbContext Open() => _create();

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
