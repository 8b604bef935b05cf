using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Signatures;
using PubliekeVeranderaars.Core.Storage;
using PubliekeVeranderaars.Web.Tests.Forms;

namespace PubliekeVeranderaars.Web.Tests.Cli;

/// <summary>
/// A backup taken by the command line while people sign and sign up, restored into a new place: the site starts
/// there with every signature and sign-up that was in before the backup began. Once per database provider.
/// </summary>
public abstract class BackupTests(DatabaseProvider provider) : IDisposable
{
    private readonly SiteHost _site = new(provider, new Dictionary<string, string?> { ["Forms:RateLimit:PermitsPerMinute"] = "1000000" });
    private readonly string _work = Directory.CreateTempSubdirectory("pv-backup-test-").FullName;

    private Dictionary<string, string> Environment(string dataDirectory, string connectionString) => new()
    {
        ["Site__DataDirectory"] = dataDirectory, ["Database__Provider"] = provider.ToString(), ["ConnectionStrings__Default"] = connectionString,
        ["uSync__Folder"] = RepositoryPaths.USyncSeed, ["Serilog__MinimumLevel__Default"] = "Warning",
    };

    private async Task<(HashSet<Guid> Signatures, HashSet<Guid> Entries)> KeysAsync(SiteHost site)
    {
        await using var db = site.GetService<SiteDatabase>().Open();
        return ((await db.Signatures.Where(s => s.Status == SignatureStatus.Confirmed).Select(s => s.Key).ToListAsync()).ToHashSet(),
            (await db.FormEntries.Select(e => e.Key).ToListAsync()).ToHashSet());
    }

    /// <summary>People signing and confirming through the mailed link, and signing up, over HTTP, until told to stop.</summary>
    private Task LoadAsync(CancellationToken stop) => Task.WhenAll(
        Task.Run(async () =>
        {
            using var poster = new FormPoster(_site);
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var email = $"last.{Guid.NewGuid():N}@example.org";
                await poster.PostAsync("/ondertekenen/", [new("name", $"Belasting {i}"), new("email", email), new("consent", "on")]);
                string mail;
                await using (var db = _site.GetService<SiteDatabase>().Open())
                    mail = await db.OutboxMessages.Where(m => m.ToAddress == email).Select(m => m.TextBody).FirstAsync();
                await Signatures.SignatureLinks.PressAsync(_site, Signatures.SignatureLinks.Confirm(mail));
            }
        }),
        Task.Run(async () =>
        {
            using var poster = new FormPoster(_site);
            var initiative = _site.GetService<Core.Content.PublishedContentCache>().Current.All
                .First(c => c.ContentTypeAlias == Core.Initiatives.InitiativeStatus.InitiativeTypeAlias && Core.Initiatives.InitiativeStatus.IsOpen(c));
            while (!stop.IsCancellationRequested)
                await poster.PostAsync(initiative.Route, FormPoster.Join("Aanmelder", $"aan.{Guid.NewGuid():N}@example.org"));
        }));

    [Fact]
    public async Task A_backup_taken_under_load_restores_into_a_new_place_with_everything_that_was_in_before_it_began()
    {
        // An image in the library: its file must come back with the database row that names it.
        var image = TestImages.Png(320, 200);
        var uploaded = (await _site.GetService<Core.Media.MediaLibrary>().UploadAsync("terug.png", image, null, Actor.System)).Item!;
        var storedImage = await File.ReadAllBytesAsync(Path.Combine(_site.DataDirectory, "media", uploaded.Src!["/media/".Length..]));
        using var stop = new CancellationTokenSource();
        var load = LoadAsync(stop.Token);
        await Task.Delay(500);
        var before = await KeysAsync(_site);
        var file = Path.Combine(_work, "backup.zip");

        var (exit, output) = await SiteProcess.RunAsync(Environment(_site.DataDirectory, _site.ConnectionString), TimeSpan.FromMinutes(2), "backup", "--output", file);
        var during = await KeysAsync(_site);
        await stop.CancelAsync();
        await load;
        Assert.True(exit == 0, output);
        Assert.True(during.Signatures.Count > before.Signatures.Count, "signatures kept coming while the backup ran");
        Assert.True(during.Entries.Count > before.Entries.Count, "sign-ups kept coming while the backup ran");

        var restoredData = Directory.CreateTempSubdirectory("pv-restored-").FullName;
        var restoredDatabase = TestDatabases.Empty(provider, restoredData);
        var (restoreExit, restoreOutput) = await SiteProcess.RunAsync(Environment(restoredData, restoredDatabase), TimeSpan.FromMinutes(2), "restore", "--input", file);
        Assert.True(restoreExit == 0, restoreOutput);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(restoredData, "keys")));

        using (var restored = new SiteHost(provider, restored: (restoredData, restoredDatabase)))
        {
            var after = await KeysAsync(restored);
            Assert.Empty(before.Signatures.Except(after.Signatures));
            Assert.Empty(before.Entries.Except(after.Entries));
            // The manifest's figures are the snapshot's: exactly what came back, however many signed meanwhile.
            using (var zip = System.IO.Compression.ZipFile.OpenRead(file))
            {
                var manifest = await Core.Backups.SiteBackup.ReadManifestAsync(zip, CancellationToken.None);
                Assert.Equal((after.Signatures.Count, after.Entries.Count), (manifest.ConfirmedSignatures, manifest.Entries));
            }
            // The signature log was copied in the same snapshot: its last line is the restored count.
            await using (var db = restored.GetService<SiteDatabase>().Open())
                Assert.Equal(after.Signatures.Count, (await db.SignatureLogEntries.OrderByDescending(e => e.Sequence).FirstAsync()).Total);
            using var client = restored.CreateHttpClient();
            Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/initiatieven/")).StatusCode);
            var served = await client.GetAsync(uploaded.Src);
            Assert.Equal(System.Net.HttpStatusCode.OK, served.StatusCode);
            Assert.Equal(storedImage, await served.Content.ReadAsByteArrayAsync());
            restored.KeepDataOnDispose = true;
        }

        // Once there is a site, a second restore is refused, and what is there stays.
        var (again, againOutput) = await SiteProcess.RunAsync(Environment(restoredData, restoredDatabase), TimeSpan.FromMinutes(2), "restore", "--input", file);
        Assert.Equal(1, again);
        Assert.Contains("not empty", againOutput);
    }

    [Fact]
    public async Task A_restore_into_a_place_that_holds_anything_is_refused_and_leaves_it_as_it_was()
    {
        var file = Path.Combine(_work, "backup.zip");
        var (exit, output) = await SiteProcess.RunAsync(Environment(_site.DataDirectory, _site.ConnectionString), TimeSpan.FromMinutes(2), "backup", "--output", file);
        Assert.True(exit == 0, output);

        // Another application's table in an otherwise empty database.
        var foreignData = Directory.CreateTempSubdirectory("pv-foreign-").FullName;
        var foreign = TestDatabases.Empty(provider, foreignData);
        await using (var db = new SiteDatabase(provider, foreign).Open())
        {
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE boekhouding (regel integer)");
            await db.Database.ExecuteSqlRawAsync("INSERT INTO boekhouding VALUES (42)");
        }
        // An empty database, but a data directory that already holds keys.
        var keyedData = Directory.CreateTempSubdirectory("pv-keyed-").FullName;
        Directory.CreateDirectory(Path.Combine(keyedData, "keys"));
        await File.WriteAllTextAsync(Path.Combine(keyedData, "keys", "key-bestaand.xml"), "<key/>");
        var keyed = TestDatabases.Empty(provider, keyedData);

        foreach (var (data, database, what) in new[] { (foreignData, foreign, "database"), (keyedData, keyed, "keys") })
        {
            var (refused, said) = await SiteProcess.RunAsync(Environment(data, database), TimeSpan.FromMinutes(2), "restore", "--input", file);
            Assert.Equal(1, refused);
            Assert.Contains("not empty", said);
            Assert.Contains(what, said);
        }
        await using (var db = new SiteDatabase(provider, foreign).Open())
            Assert.Equal(42, (await db.Database.SqlQueryRaw<int>("SELECT regel AS \"Value\" FROM boekhouding").ToListAsync()).Single());
        Assert.Equal("<key/>", await File.ReadAllTextAsync(Path.Combine(keyedData, "keys", "key-bestaand.xml")));
    }

    public void Dispose()
    {
        _site.Dispose();
        Directory.Delete(_work, recursive: true);
    }
}

public sealed class SqliteBackupTests() : BackupTests(DatabaseProvider.Sqlite);
public sealed class PostgresBackupTests() : BackupTests(DatabaseProvider.Postgres);
