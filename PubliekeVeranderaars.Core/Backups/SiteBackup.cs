using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PubliekeVeranderaars.Core.Signatures;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Backups;

/// <summary>What a backup holds, written into it as <c>manifest.json</c>.</summary>
/// <param name="Format">The layout of the archive; a restore refuses a format it does not know.</param>
/// <param name="LastMigration">The schema the database had: a restore into an older release is refused by that release's migrations.</param>
public sealed record BackupManifest(int Format, string Provider, DateTime MadeUtc, string LastMigration, int ConfirmedSignatures, int Entries,
    bool HasKeys, bool HasUSync);

/// <summary>Where a site keeps what a backup copies, and where a restore puts it.</summary>
/// <param name="USyncFolder">Only when the site writes its content there (uSync:ExportOnSave); otherwise it is the shipped seed.</param>
/// <param name="MediaDirectory">The media library's folder (<c>Media:Storage</c> Folder); with Database the files are in the database.</param>
public sealed record BackupLocations(DatabaseProvider Provider, string ConnectionString, string KeysDirectory, string? USyncFolder,
    string? MediaDirectory = null);

/// <summary>
/// A backup of a running site in one zip file: a consistent snapshot of the database (SQLite's <c>VACUUM INTO</c>, which
/// reads in one transaction while the site goes on writing; PostgreSQL's <c>pg_dump</c>, which does the same), the
/// data-protection keys (without them every session and every link in mail that carries protected data stops
/// working) and the uSync folder when the site writes to it. The search index is left out: a site rebuilds it.
/// A restore goes only into an empty place: it never overwrites a site's data.
/// </summary>
public sealed class SiteBackup(SiteDatabase database, BackupLocations locations)
{
    public const int Format = 1;
    private const string ManifestEntry = "manifest.json";
    private const string SqliteEntry = "database/site.db";
    private const string PostgresEntry = "database/site.pgdump";
    private const string KeysFolder = "keys/";
    private const string USyncFolder = "usync/";
    private const string MediaFolder = "media/";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public async Task<BackupManifest> WriteAsync(string output, CancellationToken ct = default)
    {
        var work = Directory.CreateTempSubdirectory("pv-backup-");
        try
        {
            var snapshot = Path.Combine(work.FullName, "snapshot");
            // The manifest's figures are the snapshot's own, not the live site's a moment later.
            var (migration, signatures, entries) = locations.Provider == DatabaseProvider.Sqlite
                ? await SnapshotSqliteAsync(snapshot, ct)
                : await SnapshotPostgresAsync(snapshot, ct);
            var keys = Directory.Exists(locations.KeysDirectory) ? Directory.GetFiles(locations.KeysDirectory, "*.xml") : [];
            var usync = locations.USyncFolder is { } folder && Directory.Exists(folder) ? folder : null;
            var manifest = new BackupManifest(Format, locations.Provider.ToString(), DateTime.UtcNow, migration, signatures, entries, keys.Length > 0, usync is not null);

            // Written next to its final name and moved there whole: a backup that exists is a backup that is complete.
            var partial = output + ".partial";
            await using (var file = File.Create(partial))
            using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
            {
                await using (var entry = zip.CreateEntry(ManifestEntry).Open()) await JsonSerializer.SerializeAsync(entry, manifest, Json, ct);
                zip.CreateEntryFromFile(snapshot, locations.Provider == DatabaseProvider.Sqlite ? SqliteEntry : PostgresEntry, CompressionLevel.Optimal);
                foreach (var key in keys) zip.CreateEntryFromFile(key, KeysFolder + Path.GetFileName(key));
                if (usync is not null)
                    foreach (var item in Directory.EnumerateFiles(usync, "*", SearchOption.AllDirectories))
                        zip.CreateEntryFromFile(item, USyncFolder + Path.GetRelativePath(usync, item).Replace('\\', '/'));
                // Media files never change under their name: those listed now are complete, whatever is uploaded meanwhile.
                if (locations.MediaDirectory is { } media && Directory.Exists(media))
                    foreach (var item in Directory.EnumerateFiles(media, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".part", StringComparison.Ordinal)))
                        zip.CreateEntryFromFile(item, MediaFolder + Path.GetRelativePath(media, item).Replace('\\', '/'), CompressionLevel.NoCompression);
            }
            File.Move(partial, output, overwrite: true);
            return manifest;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Puts a backup into this site's empty place. Refused, with the reason, when the database already holds a site
    /// or the keys folder holds keys: a restore is for a new or wiped server, never over live data.
    /// </summary>
    public async Task<BackupManifest> RestoreAsync(string input, CancellationToken ct = default)
    {
        using var zip = ZipFile.OpenRead(input);
        var manifest = await ReadManifestAsync(zip, ct);
        if (!string.Equals(manifest.Provider, locations.Provider.ToString(), StringComparison.OrdinalIgnoreCase))
            throw new BackupException($"the backup is of a {manifest.Provider} site and this site is configured for {locations.Provider}");
        if (await HoldsASiteAsync(ct)) throw new BackupException("the database is not empty: a restore goes only into an empty database");
        if (Directory.Exists(locations.KeysDirectory) && Directory.EnumerateFileSystemEntries(locations.KeysDirectory).Any())
            throw new BackupException($"{locations.KeysDirectory} is not empty: a restore goes only into an empty data directory");
        if (locations.MediaDirectory is { } mediaFolder && Directory.Exists(mediaFolder) && Directory.EnumerateFileSystemEntries(mediaFolder).Any())
            throw new BackupException($"{mediaFolder} is not empty: a restore goes only into an empty data directory");
        if (manifest.HasUSync && locations.USyncFolder is { } usyncTarget && Directory.Exists(usyncTarget) && Directory.EnumerateFileSystemEntries(usyncTarget).Any())
            throw new BackupException($"{usyncTarget} is not empty: move it aside or point uSync:Folder at an empty folder");

        var work = Directory.CreateTempSubdirectory("pv-restore-");
        try
        {
            if (locations.Provider == DatabaseProvider.Sqlite)
            {
                var target = SqliteFile(locations.ConnectionString);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                var temporary = target + ".restoring";
                (zip.GetEntry(SqliteEntry) ?? throw new BackupException("the backup holds no database")).ExtractToFile(temporary, overwrite: true);
                foreach (var leftover in new[] { target + "-wal", target + "-shm" }) File.Delete(leftover);
                File.Move(temporary, target, overwrite: true);
            }
            else
            {
                var dump = Path.Combine(work.FullName, "site.pgdump");
                (zip.GetEntry(PostgresEntry) ?? throw new BackupException("the backup holds no database")).ExtractToFile(dump);
                await PostgresTools.RestoreAsync(locations.ConnectionString, dump, ct);
            }
            Directory.CreateDirectory(locations.KeysDirectory);
            foreach (var key in zip.Entries.Where(e => e.FullName.StartsWith(KeysFolder, StringComparison.Ordinal) && e.Name.Length > 0))
                key.ExtractToFile(Path.Combine(locations.KeysDirectory, key.Name));
            if (manifest.HasUSync && locations.USyncFolder is { } usync) ExtractFolder(zip, USyncFolder, usync);
            if (locations.MediaDirectory is { } mediaTarget) ExtractFolder(zip, MediaFolder, mediaTarget);
            return manifest;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static void ExtractFolder(ZipArchive zip, string prefix, string target)
    {
        foreach (var item in zip.Entries.Where(e => e.FullName.StartsWith(prefix, StringComparison.Ordinal) && e.Name.Length > 0))
        {
            var path = Path.GetFullPath(Path.Combine(target, item.FullName[prefix.Length..]));
            // A crafted archive must not write outside the folder ("../").
            if (!path.StartsWith(Path.GetFullPath(target) + Path.DirectorySeparatorChar, StringComparison.Ordinal)) throw new BackupException($"unsafe path in backup: {item.FullName}");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            item.ExtractToFile(path);
        }
    }

    public static async Task<BackupManifest> ReadManifestAsync(ZipArchive zip, CancellationToken ct)
    {
        var entry = zip.GetEntry(ManifestEntry) ?? throw new BackupException("this is not a backup of this site (no manifest.json)");
        await using var stream = entry.Open();
        var manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(stream, Json, ct) ?? throw new BackupException("the backup's manifest is empty");
        if (manifest.Format != Format) throw new BackupException($"backup format {manifest.Format} is not known to this release (it reads {Format})");
        return manifest;
    }

    private async Task<SnapshotFigures> SnapshotSqliteAsync(string path, CancellationToken ct)
    {
        await using (var db = database.Open())
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            // One read transaction: every row committed before it began, none after; the site keeps writing meanwhile.
            command.CommandText = "VACUUM INTO $path";
            command.Parameters.Add(new SqliteParameter("$path", path));
            await command.ExecuteNonQueryAsync(ct);
        }
        await using var copy = SiteDbContextOptions.Create(DatabaseProvider.Sqlite, $"Data Source={path};Mode=ReadOnly;Pooling=false");
        return await CountAsync(copy, ct);
    }

    /// <summary>
    /// Counted and dumped in one snapshot: this transaction exports its snapshot and <c>pg_dump</c> reads that same one
    /// (<c>--snapshot</c>), so the figures are exactly what the dump holds however many people sign meanwhile.
    /// </summary>
    private async Task<SnapshotFigures> SnapshotPostgresAsync(string path, CancellationToken ct)
    {
        await using var db = database.Open();
        await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var snapshot = (await db.Database.SqlQueryRaw<string>("SELECT pg_export_snapshot() AS \"Value\"").ToListAsync(ct)).Single();
        var figures = await CountAsync(db, ct);
        await PostgresTools.DumpAsync(locations.ConnectionString, path, ct, snapshot);
        return figures;
    }

    private sealed record SnapshotFigures(string Migration, int Signatures, int Entries);

    private static async Task<SnapshotFigures> CountAsync(SiteDbContext db, CancellationToken ct) => new(
        (await db.Database.GetAppliedMigrationsAsync(ct)).LastOrDefault() ?? "",
        await db.Signatures.CountAsync(s => s.Status == SignatureStatus.Confirmed, ct),
        await db.FormEntries.CountAsync(ct));

    /// <summary>
    /// A database with any table holds something: a site (however empty its tables), or another application's data
    /// that a restore must not mix with or overwrite.
    /// </summary>
    private async Task<bool> HoldsASiteAsync(CancellationToken ct)
    {
        if (locations.Provider == DatabaseProvider.Sqlite)
        {
            var file = SqliteFile(locations.ConnectionString);
            if (!File.Exists(file) || new FileInfo(file).Length == 0) return false;
        }
        await using var db = database.Open();
        if (!await db.Database.CanConnectAsync(ct)) return false;
        var tables = locations.Provider == DatabaseProvider.Sqlite
            ? "SELECT count(*) AS \"Value\" FROM sqlite_master WHERE type = 'table'"
            : "SELECT count(*)::int AS \"Value\" FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')";
        return (await db.Database.SqlQueryRaw<int>(tables).ToListAsync(ct)).Single() > 0;
    }

    public static string SqliteFile(string connectionString) => Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);
}

/// <summary>A backup or restore that cannot be done; the message says why, for one line on the terminal.</summary>
public sealed class BackupException(string message) : Exception(message);

/// <summary>PostgreSQL's own tools for a consistent dump and its restore; found on the PATH or in Debian's versioned folders.</summary>
internal static class PostgresTools
{
    /// <param name="snapshot">An exported snapshot (<c>pg_export_snapshot()</c>) to dump, or null for a snapshot of its own.</param>
    public static Task DumpAsync(string connectionString, string output, CancellationToken ct, string? snapshot = null) =>
        RunAsync("pg_dump", connectionString,
            ["--format=custom", "--no-owner", "--no-privileges", "--file", output, .. snapshot is null ? Array.Empty<string>() : ["--snapshot=" + snapshot]], ct);

    public static Task RestoreAsync(string connectionString, string dump, CancellationToken ct) =>
        RunAsync("pg_restore", connectionString, ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", dump], ct);

    private static async Task RunAsync(string tool, string connectionString, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(Find(tool)) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.ArgumentList.Add("--dbname=" + settings.Database);
        // Connection details travel in libpq's environment, so no password shows in a process list.
        start.Environment["PGHOST"] = settings.Host ?? "localhost";
        start.Environment["PGPORT"] = settings.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (settings.Username is { } user) start.Environment["PGUSER"] = user;
        if (settings.Password is { } password) start.Environment["PGPASSWORD"] = password;
        using var process = Process.Start(start) ?? throw new BackupException($"{tool} did not start");
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0) throw new BackupException($"{tool} failed ({process.ExitCode}): {(await error).Trim()}");
    }

    /// <summary>The tool on the PATH, else the newest in /usr/lib/postgresql/*/bin (Debian installs it there only).</summary>
    private static string Find(string tool)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            if (File.Exists(Path.Combine(folder, tool))) return Path.Combine(folder, tool);
        const string debian = "/usr/lib/postgresql";
        var versioned = Directory.Exists(debian)
            ? Directory.GetDirectories(debian).Select(d => Path.Combine(d, "bin", tool)).Where(File.Exists)
                .OrderByDescending(p => int.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(p))), out var v) ? v : 0).FirstOrDefault()
            : null;
        return versioned ?? throw new BackupException($"{tool} was not found: install the PostgreSQL client tools (postgresql-client) of the server's version or newer");
    }
}
