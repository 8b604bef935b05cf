using System.Net;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Web.Tests.Backoffice;

/// <summary>The uSync screen and export on save, on a copy of the seed folder (tests never write into the repository).</summary>
public sealed class BackofficeUSyncTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pv-usync-").FullName;
    private readonly SiteHost _site;

    public BackofficeUSyncTests()
    {
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.USyncSeed, "*.config", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_folder, Path.GetRelativePath(RepositoryPaths.USyncSeed, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        _site = new SiteHost(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["uSync:Folder"] = _folder, ["uSync:ExportOnSave"] = "true" });
    }

    private static async Task<HttpResponseMessage> PressAsync(HttpClient client, string action)
    {
        var token = await BackofficeUsers.TokenAsync(client, "/backoffice/usync");
        return await client.PostAsync(action, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
    }

    [Fact]
    public async Task A_dry_run_reports_a_changed_file_without_changing_anything_and_the_import_then_applies_it()
    {
        using var admin = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Administrator));
        var file = Path.Combine(_folder, "Content", "ontmoeten.config");
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace("Wij faciliteren ontmoeting", "Wij organiseren ontmoeting"));

        var dryRun = await Html.ParseAsync(await PressAsync(admin, "/backoffice/usync/proefdraai"));
        Assert.Contains("Proefdraai", dryRun.QuerySelector("#rapport")!.TextContent);
        Assert.Contains("Ontmoeten", dryRun.QuerySelector("table")!.TextContent);
        using var visitor = _site.CreateHttpClient();
        Assert.Contains("Wij faciliteren ontmoeting", await visitor.GetStringAsync("/zo-veranderen-wij/ontmoeten/"));

        var import = await Html.ParseAsync(await PressAsync(admin, "/backoffice/usync/importeren"));

        Assert.Contains("Import uitgevoerd", import.QuerySelector("#rapport")!.TextContent);
        Assert.Contains("Wij organiseren ontmoeting", await visitor.GetStringAsync("/zo-veranderen-wij/ontmoeten/"));
        Assert.Contains(await _site.GetService<AuditLog>().LatestAsync(), e => e.Action == AuditActions.USyncImport);
    }

    [Fact]
    public async Task With_export_on_save_publishing_writes_the_page_to_the_folder_and_a_draft_does_not()
    {
        using var admin = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Administrator));
        var key = _site.GetService<PublishedContentCache>().Current.ByRoute("/zo-veranderen-wij/leren/")!.Key;
        var file = Path.Combine(_folder, "Content", "leren.config");

        var draft = await EditorForm.PostAsync(admin, key, "", new Dictionary<string, string> { ["p:text"] = "Een concept, nog niet goedgekeurd." });
        Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        // The file says "published": it holds what is live, so importing it elsewhere never puts a draft live.
        Assert.DoesNotContain("Een concept, nog niet goedgekeurd.", await File.ReadAllTextAsync(file));

        var published = await EditorForm.PostAsync(admin, key, "/publiceren", new Dictionary<string, string> { ["p:text"] = "Wij leren van alles, elke dag." });
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Contains("Wij leren van alles, elke dag.", await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task A_url_name_or_page_name_that_climbs_out_of_the_folder_neither_routes_nor_exports_outside_it()
    {
        using var admin = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Administrator));
        var key = _site.GetService<PublishedContentCache>().Current.ByRoute("/zo-veranderen-wij/leren/")!.Key;
        var outside = Path.GetDirectoryName(_folder)!;
        var before = Directory.EnumerateFileSystemEntries(outside, "*ontsnapt*", SearchOption.AllDirectories).ToList();

        await EditorForm.PostAsync(admin, key, "/publiceren", new Dictionary<string, string>
        {
            ["name"] = "../../../ontsnapt-naam", ["p:umbracoUrlName"] = "../../../ontsnapt-url",
        });
        var other = _site.GetService<PublishedContentCache>().Current.ByRoute("/zo-veranderen-wij/ontmoeten/")!.Key;
        await EditorForm.PostAsync(admin, other, "/publiceren", new Dictionary<string, string> { ["name"] = "..\\..\\ontsnapt-terug" });

        var written = Directory.EnumerateFileSystemEntries(outside, "*ontsnapt*", SearchOption.AllDirectories).Except(before)
            .Where(path => !Path.GetFullPath(path).StartsWith(Path.GetFullPath(_folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        Assert.Empty(written);
        // Not vacuous: both pages were published and exported, inside the folder.
        Assert.Equal(2, Directory.EnumerateFiles(_folder, "*ontsnapt*", SearchOption.AllDirectories).Count());
        foreach (var page in _site.GetService<PublishedContentCache>().Current.All)
        {
            Assert.DoesNotContain("..", page.Route, StringComparison.Ordinal);
            Assert.DoesNotContain("\\", page.Route, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Only_administrators_reach_the_usync_screen()
    {
        using var editor = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor));

        var response = await editor.GetAsync("/backoffice/usync");

        Assert.Contains("geen-toegang", response.Headers.Location!.ToString());
    }

    public void Dispose()
    {
        _site.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
