using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Mail;
using PubliekeVeranderaars.Core.Media;
using PubliekeVeranderaars.Core.Storage;
using PubliekeVeranderaars.Core.Sync;

namespace PubliekeVeranderaars.Core.Tests;

/// <summary>
/// A migrated SQLite database in a temporary folder, with the engine's services on top, wired as the site wires them.
/// Migrating (and importing the seed) happens once per test run, into a template folder each test copies: the same
/// database every time, a fraction of the time.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private const string FileName = "core.db";
    private const string MediaFolder = "media";

    private static readonly Lazy<Task<string>> EmptyTemplate = new(() => TemplateAsync(seed: false));
    private static readonly Lazy<Task<string>> SeededTemplate = new(() => TemplateAsync(seed: true));

    private readonly string _directory = Directory.CreateTempSubdirectory("pv-core-").FullName;

    public SiteDatabase Database { get; }
    public PublishedContentCache Cache { get; }
    public SiteWriter Writer { get; }
    public ContentEditingService Editing { get; }
    public ContentPublishingService Publishing { get; }
    public ContentTreeService Tree { get; }
    public ContentQueries Queries { get; }
    public USyncImportService Import { get; }
    public USyncExportService Export { get; }
    public USyncBlueprints Blueprints { get; }
    public FolderMediaFileStore MediaFiles { get; }
    public MediaLibrary Media { get; }
    public MediaQueries MediaQueries { get; }

    /// <summary>Who does what in these tests: an editor.</summary>
    public static readonly Actor Editor = Actor.User("redactie@example.org");

    private TestDatabase(IInterceptor[] interceptors, IEnumerable<ISiteNotificationHandler> handlers)
    {
        Database = new SiteDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_directory, FileName)};Pooling=false", interceptors);
        var sanitizer = new RichTextSanitizer();
        Cache = new PublishedContentCache(Database, sanitizer, TimeProvider.System);
        var notifications = new SiteNotifications([new RebuildPublishedCacheWhenContentChanges(Cache), .. handlers], NullLogger<SiteNotifications>.Instance);
        Writer = new SiteWriter(Database, notifications, TimeProvider.System, NullLogger<SiteWriter>.Instance);
        Editing = new ContentEditingService(Writer);
        Publishing = new ContentPublishingService(Writer, Database, Cache, TimeProvider.System, new MailOptions(),
            new MailLinks(() => "https://publiekeveranderaars.example"));
        Tree = new ContentTreeService(Writer, Cache);
        Queries = new ContentQueries(Database, Cache, sanitizer);
        MediaFiles = new FolderMediaFileStore(Path.Combine(_directory, MediaFolder));
        Media = new MediaLibrary(Writer, MediaFiles, new MediaLimits());
        MediaQueries = new MediaQueries(Database);
        Import = new USyncImportService(Writer, sanitizer, MediaFiles);
        Export = new USyncExportService(Database, MediaFiles);
        Blueprints = new USyncBlueprints(Database, Editing, sanitizer);
    }

    /// <param name="interceptors">On every context: a fault injector, to see what a failure halfway leaves behind.</param>
    /// <param name="handlers">Extra notification handlers besides the cache's.</param>
    public static async Task<TestDatabase> CreateAsync(bool seed = false, IInterceptor[]? interceptors = null,
        IEnumerable<ISiteNotificationHandler>? handlers = null)
    {
        var template = await (seed ? SeededTemplate : EmptyTemplate).Value;
        var db = new TestDatabase(interceptors ?? [], handlers ?? []);
        CopyFolder(template, db._directory);
        if (seed) await db.Cache.RebuildAsync();
        return db;
    }

    /// <summary>Made once per run, by the same code a test would run; gone when the run ends.</summary>
    private static async Task<string> TemplateAsync(bool seed)
    {
        var template = new TestDatabase([], []);
        await template.Database.MigrateAsync();
        if (seed) await template.Import.ImportAsync(RepositoryPaths.USyncSeed);
        // Every connection is closed (no pooling), so the write-ahead log is folded into the file: one file to copy.
        await template.Writer.DisposeAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(template._directory, recursive: true);
        return template._directory;
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy, overwrite: true);
        }
    }

    public string NewFolder(string name) => Directory.CreateDirectory(Path.Combine(_directory, name)).FullName;

    public async ValueTask DisposeAsync()
    {
        await Writer.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
