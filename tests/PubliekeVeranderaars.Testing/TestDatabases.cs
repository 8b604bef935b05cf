using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Media;
using PubliekeVeranderaars.Core.Storage;
using PubliekeVeranderaars.Core.Sync;

namespace PubliekeVeranderaars.Testing;

/// <summary>
/// A fresh database per test host, already migrated and holding the seed, as a site has it after its first start.
/// Migrating and importing is done once per test run into a template, which each host copies (a file for SQLite,
/// <c>CREATE DATABASE ... TEMPLATE</c> for PostgreSQL): the suite's slowest step once, instead of once per host.
/// PostgreSQL comes from the throwaway cluster that test.sh starts; its connection string arrives in
/// <see cref="PostgresVariable"/>. Without it the PostgreSQL tests fail, never skip.
/// </summary>
public static class TestDatabases
{
    public const string PostgresVariable = "PV_TEST_POSTGRES";

    private static readonly Lazy<string> SqliteTemplate = new(() => CreateSqliteTemplateAsync().GetAwaiter().GetResult());
    private static readonly Lazy<string> PostgresTemplate = new(() => CreatePostgresTemplateAsync().GetAwaiter().GetResult());

    /// <summary>The seed's media files, as the first start puts them into a site's data directory.</summary>
    private static readonly string TemplateMedia = Directory.CreateTempSubdirectory("pv-template-media-").FullName;

    public static string New(DatabaseProvider provider, string directory)
    {
        var connectionString = provider == DatabaseProvider.Postgres ? NewPostgres() : NewSqlite(directory);
        CopySeedMedia(Path.Combine(directory, "media"));
        return connectionString;
    }

    private static void CopySeedMedia(string target)
    {
        foreach (var file in Directory.EnumerateFiles(TemplateMedia, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(TemplateMedia, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy, overwrite: true);
        }
    }

    /// <summary>A database with nothing in it yet, not even the schema.</summary>
    public static string Empty(DatabaseProvider provider, string directory)
    {
        if (provider == DatabaseProvider.Sqlite) return $"Data Source={Path.Combine(directory, "test.db")}";
        var name = "pv_" + Guid.NewGuid().ToString("N");
        Execute($"CREATE DATABASE \"{name}\"");
        return new NpgsqlConnectionStringBuilder(Server()) { Database = name }.ConnectionString;
    }

    public static string NewSqlite(string directory)
    {
        var file = Path.Combine(directory, "test.db");
        File.Copy(SqliteTemplate.Value, file);
        return $"Data Source={file}";
    }

    public static string NewPostgres()
    {
        var template = PostgresTemplate.Value;
        var name = "pv_" + Guid.NewGuid().ToString("N");
        Execute($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        return new NpgsqlConnectionStringBuilder(Server()) { Database = name }.ConnectionString;
    }

    private static string Server() =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException($"{PostgresVariable} is not set. Run ./test.sh, which starts a throwaway PostgreSQL cluster and sets it.");

    private static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(Server());
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static async Task<string> CreateSqliteTemplateAsync()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("pv-template-").FullName, "template.db");
        // No pooling: when the seeding is done no connection holds the file, and the copies are whole.
        await SeedAsync(DatabaseProvider.Sqlite, $"Data Source={file};Pooling=false");
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        // Everything in the one file, no write-ahead log beside it; each copy's site turns WAL on again.
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;";
        await command.ExecuteNonQueryAsync();
        return file;
    }

    private static async Task<string> CreatePostgresTemplateAsync()
    {
        var template = "pv_template_" + Guid.NewGuid().ToString("N");
        Execute($"CREATE DATABASE \"{template}\"");
        // No pooling: PostgreSQL copies a template only while nobody is connected to it.
        await SeedAsync(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(Server()) { Database = template, Pooling = false }.ConnectionString);
        return template;
    }

    /// <summary>What a site's first start does: the schema, then the seed from the repository's uSync folder.</summary>
    private static async Task SeedAsync(DatabaseProvider provider, string connectionString)
    {
        var database = new SiteDatabase(provider, connectionString);
        await database.MigrateAsync();
        await using var writer = new SiteWriter(database, new SiteNotifications([], NullLogger<SiteNotifications>.Instance), TimeProvider.System,
            NullLogger<SiteWriter>.Instance);
        // Each template imports the same files to the same paths: the second finds them there.
        await new USyncImportService(writer, new RichTextSanitizer(), new FolderMediaFileStore(TemplateMedia))
            .ImportAsync(RepositoryPaths.USyncSeed, actor: Actor.System);
    }
}
