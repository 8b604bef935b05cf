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
