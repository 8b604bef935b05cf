using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
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

    /// <summary>
    /// SQLite allows one writer at a time. Writers that collide sleep and retry on SQLITE_BUSY with growing pauses,
    /// which turns a burst into long tail latencies; queueing them here, in order, keeps every write short.
    /// </summary>
    private readonly SemaphoreSlim? _sqliteWriter;

    /// <param name="interceptors">EF Core interceptors on every context (tests use one to fail a chosen statement).</param>
    public SiteDatabase(DatabaseProvider provider, string connectionString, params IInterceptor[] interceptors)
    {
        Provider = provider;
        if (provider == DatabaseProvider.Postgres)
        {
            var options = new DbContextOptionsBuilder<PostgresSiteDbContext>();
            options.UseSiteDatabase(provider, connectionString).AddInterceptors(interceptors);
            var pool = new PooledDbContextFactory<PostgresSiteDbContext>(options.Options, PoolSize);
            _create = pool.CreateDbContext;
        }
        else
        {
            var options = new DbContextOptionsBuilder<SqliteSiteDbContext>();
            options.UseSiteDatabase(provider, connectionString).AddInterceptors([new SqliteSecureDelete(), .. interceptors]);
            var pool = new PooledDbContextFactory<SqliteSiteDbContext>(options.Options, PoolSize);
            _create = pool.CreateDbContext;
            _sqliteWriter = new SemaphoreSlim(1, 1);
        }
    }

    /// <summary>Held around a write transaction. On PostgreSQL it is free: rows lock themselves.</summary>
    public async ValueTask<IDisposable> WriteLockAsync(CancellationToken cancellationToken = default)
    {
        if (_sqliteWriter is null) return NoLock.Instance;
        await _sqliteWriter.WaitAsync(cancellationToken);
        return new Releaser(_sqliteWriter);
    }

    private sealed class NoLock : IDisposable
    {
        public static readonly NoLock Instance = new();
        public void Dispose() { }
    }

    private sealed class Releaser(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) semaphore.Release();
        }
    }

    public DatabaseProvider Provider { get; }

    public SiteDbContext Open() => _create();

    /// <summary>Creates the database if needed and applies this provider's pending migrations.</summary>
    /// <remarks>
    /// Migrate is called only when a migration is pending: it first compares the model with the migrations' snapshot
    /// (EF Core's check for a model change without a migration), which cost most of a second of every start on a
    /// database that was already up to date. That check runs in the tests instead (SiteMigrationsTests).
    /// </remarks>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = Open();
        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any()) await db.Database.MigrateAsync(cancellationToken);
        if (Provider == DatabaseProvider.Sqlite)
        {
            // Write-ahead logging lets pages and the dispatcher read while a form post writes; it is a property of
            // the file, so setting it once at start-up is enough.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    /// <summary>
    /// Makes deleted rows unreadable in the database's files, not only in its tables. SQLite zeroes deleted content
    /// (secure_delete, on every connection), but older copies of the pages stay in the write-ahead log until it is
    /// checkpointed: this checkpoints and truncates it. PostgreSQL's own files are outside the data directory;
    /// autovacuum reclaims dead rows there.
    /// </summary>
    /// <returns>False when readers kept the log from being truncated every time: the copies stay until the next try.</returns>
    public async Task<bool> ScrubDeletedAsync(CancellationToken cancellationToken = default)
    {
        if (Provider != DatabaseProvider.Sqlite) return true;
        using var _ = await WriteLockAsync(cancellationToken);
        await using var db = Open();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        for (var attempt = 0; attempt < ScrubAttempts; attempt++)
        {
            // One row: busy (1 when a reader kept the log from being truncated), pages in the log, pages checkpointed.
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken) && reader.GetInt32(0) == 0) return true;
            await Task.Delay(ScrubRetryDelay, cancellationToken);
        }
        return false;
    }

    /// <summary>A page read holds the log for milliseconds: a few tries get past it.</summary>
    private const int ScrubAttempts = 5;
    private static readonly TimeSpan ScrubRetryDelay = TimeSpan.FromMilliseconds(50);

    /// <summary>No schema and no content yet: a first start, which imports the seed.</summary>
    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = Open();
        return !await db.DocumentTypes.AnyAsync(cancellationToken) && !await db.ContentNodes.AnyAsync(cancellationToken);
    }

    public async Task<bool> CanConnectAsync(CancellationToken cancellationToken = default)
    {
        await using var db = Open();
        return await db.Database.CanConnectAsync(cancellationToken);
    }
}

/// <summary>SQLite overwrites deleted content with zeros instead of leaving it in free space, on every connection.</summary>
internal sealed class SqliteSecureDelete : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA secure_delete=ON;";

    public override void ConnectionOpened(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
