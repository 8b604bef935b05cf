using PubliekeVeranderaars.Core.Sync;

namespace PubliekeVeranderaars.Core.Tests.Sync;

public class USyncRoundTripTests
{
    [Fact]
    public async Task Export_after_import_writes_the_seed_files_byte_for_byte()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var exported = db.NewFolder("export");

        await db.Export.ExportAsync(exported);

        var seedFiles = RelativeFiles(RepositoryPaths.USyncSeed);
        Assert.Equal(seedFiles, RelativeFiles(exported));
        foreach (var file in seedFiles)
        {
            var seed = await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.USyncSeed, file));
            var written = await File.ReadAllBytesAsync(Path.Combine(exported, file));
            Assert.True(seed.SequenceEqual(written), $"{file} differs after the round trip");
        }
    }

    [Fact]
    public async Task Importing_an_export_changes_nothing()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var exported = db.NewFolder("export");
        await db.Export.ExportAsync(exported);

        var report = await db.Import.ImportAsync(exported);

        Assert.Empty(report.Changes);
        Assert.True(report.Unchanged > 30);
    }

    [Fact]
    public async Task A_changed_file_is_reported_by_a_dry_run_and_written_only_by_a_real_import()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var exported = db.NewFolder("export");
        await db.Export.ExportAsync(exported);
        var file = Path.Combine(exported, USyncFolders.Content, "verbeelden.config");
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace("in beeld.", "zichtbaar."));

        var dryRun = await db.Import.ImportAsync(exported, dryRun: true);
        var stillOld = await db.Import.ImportAsync(exported, dryRun: true);
        var real = await db.Import.ImportAsync(exported);
        var afterwards = await db.Import.ImportAsync(exported);

        Assert.Equal(("Verbeelden", USyncChange.Updated), (dryRun.Changes.Single().Alias, dryRun.Changes.Single().Change));
        Assert.Single(stillOld.Changes);
        Assert.Single(real.Changes);
        Assert.Empty(afterwards.Changes);
    }

    [Fact]
    public async Task A_draft_waiting_for_approval_is_neither_exported_as_live_nor_put_live_by_importing_the_export()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var key = db.Cache.Current.ByRoute("/zo-veranderen-wij/delen/")!.Key;
        var live = db.Cache.Current.ByKey(key)!.GetString("text");
        var version = (await db.Queries.LatestVersionAsync(key))!;
        await db.Editing.SaveAsync(key, "Geheime nieuwe naam", [.. version.Values.Where(v => v.Alias != "text"), new("text", null, "Nog niet goedgekeurd.")],
            TestDatabase.Editor);
        var parent = db.Cache.Current.ByKey(key)!.ParentKey!.Value;
        var parentVersion = (await db.Queries.LatestVersionAsync(parent))!;
        await db.Editing.SaveAsync(parent, "Geheime oudernaam", parentVersion.Values, TestDatabase.Editor);
        var exported = db.NewFolder("export");

        await db.Export.ExportAsync(exported);
        var file = await File.ReadAllTextAsync(Path.Combine(exported, USyncFolders.Content, "delen.config"));
        var report = await db.Import.ImportAsync(exported);

        Assert.DoesNotContain("Nog niet goedgekeurd.", file);
        Assert.DoesNotContain("Geheim", file); // nor the draft's name, in the path or the parent
        Assert.DoesNotContain("Geheim", string.Join("", Directory.EnumerateFiles(exported, "*.config", SearchOption.AllDirectories).Select(File.ReadAllText)));
        Assert.Empty(report.Changes);
        Assert.Equal(live, db.Cache.Current.ByKey(key)!.GetString("text"));
        var node = (await db.Queries.NodeAsync(key))!;
        Assert.True(node.HasUnpublishedChanges);
        Assert.Contains((await db.Queries.LatestVersionAsync(key))!.Values, v => v.Value == "Nog niet goedgekeurd.");
    }

    [Fact]
    public async Task An_import_that_replaces_a_draft_waiting_for_approval_says_so_first_and_the_draft_stays_in_the_history()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var exported = db.NewFolder("export");
        await db.Export.ExportAsync(exported);
        var file = Path.Combine(exported, USyncFolders.Content, "verbeelden.config");
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace("in beeld.", "zichtbaar."));
        var key = db.Cache.Current.ByRoute("/zo-veranderen-wij/verbeelden/")!.Key;
        var version = (await db.Queries.LatestVersionAsync(key))!;
        await db.Publishing.SaveAndSendForPublishingAsync(key, version.Name, [.. version.Values.Where(v => v.Alias != "text"), new("text", null, "Concept van de schrijver.")],
            TestDatabase.Editor);

        var dryRun = await db.Import.ImportAsync(exported, dryRun: true);
        await db.Import.ImportAsync(exported);

        Assert.Equal(USyncChange.UpdatedOverDraft, dryRun.Changes.Single().Change);
        var node = (await db.Queries.NodeAsync(key))!;
        Assert.False(node.AwaitingPublication);
        Assert.Contains(await db.Queries.VersionsAsync(key), v => v.Values.Any(x => x.Value == "Concept van de schrijver."));
    }

    [Fact]
    public async Task A_page_never_published_is_exported_with_its_draft_and_stays_unpublished()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var parent = db.Cache.Current.ByRoute("/")!.Key;
        var created = await db.Editing.CreateDraftAsync(parent, "contentPage", "Concept", TestDatabase.Editor);
        var exported = db.NewFolder("export");

        await db.Export.ExportAsync(exported);
        var report = await db.Import.ImportAsync(exported);

        Assert.Contains(Directory.EnumerateFiles(Path.Combine(exported, USyncFolders.Content)), f => File.ReadAllText(f).Contains(created.Node!.Key.ToString()));
        Assert.Empty(report.Changes.Select(c => $"{c.Alias} {c.Change}"));
        Assert.False((await db.Queries.NodeAsync(created.Node!.Key))!.IsPublished);
    }

    [Fact]
    public void Reader_refuses_broken_xml_with_the_file_name()
    {
        var folder = Directory.CreateTempSubdirectory("pv-broken-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "Content"));
            File.WriteAllText(Path.Combine(folder, "Content", "kapot.config"), "<Content Key=");

            var error = Assert.Throws<USyncFormatException>(() => USyncReader.ReadFolder(folder));

            Assert.Contains("kapot.config", error.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string[] RelativeFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.config", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f)).Order(StringComparer.Ordinal).ToArray();
}
