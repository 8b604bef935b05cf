using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Backups;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Web.Tests.Infrastructure;

/// <summary>
/// A database made by an earlier release opens with today's code: the site starts on it, migrates it, and every page,
/// signature, sign-up and user is still there (tests/fixtures/README.md).
/// </summary>
public class UpgradeTests
{
    private static readonly string Fixtures = Path.Combine(RepositoryPaths.Root, "tests", "fixtures");

    public static TheoryData<string, DatabaseProvider> Releases()
    {
        var data = new TheoryData<string, DatabaseProvider>();
        // One folder per release, "release-YYYY-MM-DD"; the other fixtures (usync/) are not releases.
        foreach (var release in Directory.GetDirectories(Fixtures, "release-*").Select(Path.GetFileName).Order())
        {
            data.Add(release!, DatabaseProvider.Sqlite);
            data.Add(release!, DatabaseProvider.Postgres);
        }
        return data;
    }

    private sealed record Expected(List<Node> Nodes, List<Signer> Signatures, List<Entry> Entries, List<string> Users);
    private sealed record Node(Guid Key, string Name, string ContentTypeAlias);
    private sealed record Signer(Guid Key, string Email, string Name, string Status);
    private sealed record Entry(Guid Key, string PageName);

    [Theory]
    [MemberData(nameof(Releases))]
    public async Task A_site_made_by_an_earlier_release_opens_with_nothing_lost(string release, DatabaseProvider provider)
    {
        var name = provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres";
        var expected = JsonSerializer.Deserialize<Expected>(await File.ReadAllTextAsync(Path.Combine(Fixtures, release, name + ".json")), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        var data = Directory.CreateTempSubdirectory("pv-upgrade-").FullName;
        var connection = TestDatabases.Empty(provider, data);
        var keys = Path.Combine(data, "keys");
        await new SiteBackup(new SiteDatabase(provider, connection), new BackupLocations(provider, connection, keys, null))
            .RestoreAsync(Path.Combine(Fixtures, release, name + ".zip"));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        using var site = new SiteHost(provider, restored: (data, connection));
        await using var db = site.GetService<SiteDatabase>().Open();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(expected.Nodes, await db.ContentNodes.OrderBy(n => n.Key).Select(n => new Node(n.Key, n.Name, n.ContentTypeAlias)).ToListAsync());
        Assert.Equal(expected.Signatures, (await db.Signatures.OrderBy(s => s.Key).ToListAsync()).Select(s => new Signer(s.Key, s.Email, s.Name, s.Status.ToString())));
        Assert.Equal(expected.Entries, await db.FormEntries.OrderBy(e => e.Key).Select(e => new Entry(e.Key, e.PageName)).ToListAsync());
        Assert.Equal(expected.Users, await db.Users.OrderBy(u => u.Email).Select(u => u.Email!).ToListAsync());
        using var client = site.CreateHttpClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/nieuws/")).StatusCode);
    }
}
