using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Storage;
using PubliekeVeranderaars.Core.Sync;

namespace PubliekeVeranderaars.Core.Tests;

/// <summary>A migrated SQLite database in a temporary folder, with the engine's services on top.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pv-core-").FullName;

    public SiteDatabase Database { get; }
    public PublishedContentCache Cache { get; }
    public ContentService Content { get; }
    public USyncImportService Import { get; }
    public USyncExportService Export { get; }

    private TestDatabase()
    {
        Database = new SiteDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_directory, "core.db")};Pooling=false");
        Cache = new PublishedContentCache(Database, new RichTextSanitizer(), TimeProvider.System);
        Content = new ContentService(Database, Cache, TimeProvider.System);
        Import = new USyncImportService(Database, new RichTextSanitizer(), TimeProvider.System);
        Export = new USyncExportService(Database);
    }

    public static async Task<TestDatabase> CreateAsync(bool seed = false)
    {
        var db = new TestDatabase();
        await db.Database.MigrateAsync();
        if (seed)
        {
            await db.Import.ImportAsync(RepositoryPaths.USyncSeed);
            await db.Cache.RebuildAsync();
        }
        return db;
    }

    public string NewFolder(string name) => Directory.CreateDirectory(Path.Combine(_directory, name)).FullName;

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
