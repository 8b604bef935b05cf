using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Sync;

namespace PubliekeVeranderaars.Core.Tests.Sync;

/// <summary>
/// Real uSync exports of Umbraco 9 to 17 sites (shared/corpus/usync): every file must import, and every value of
/// an editor we do not render must be kept as it was.
/// </summary>
public class USyncCorpusTests
{
    /// <summary>One row per uSync set: the folders that hold a usync.config.</summary>
    public static TheoryData<string> CorpusSets()
    {
        var sets = new TheoryData<string>();
        foreach (var set in RepositoryPaths.CorpusSets()) sets.Add(set);
        return sets;
    }

    [Fact]
    public void The_corpus_has_all_ten_sets() => Assert.Equal(10, CorpusSets().Count);

    [Theory]
    [MemberData(nameof(CorpusSets))]
    public async Task Every_file_of_the_set_is_imported_and_kept(string set)
    {
        var folder = RepositoryPaths.CorpusSet(set);
        var files = Directory.EnumerateFiles(folder, "*.config", SearchOption.AllDirectories)
            .Where(f => Path.GetDirectoryName(f) != folder).ToList();
        var bundle = USyncReader.ReadFolder(folder);
        await using var db = await TestDatabase.CreateAsync();

        var report = await db.Import.ImportAsync(bundle);

        var itemsRead = bundle.DataTypes.Count + bundle.DocumentTypes.Count + bundle.Content.Count + bundle.Media.Count + bundle.RawItems.Count + bundle.Empties.Count;
        Assert.Equal(files.Count, itemsRead);
        Assert.Equal(files.Count - bundle.Empties.Count, report.Changes.Count(c => c.Change == USyncChange.Created));

        await using var context = db.Database.Open();
        Assert.Equal(bundle.DataTypes.Count, await context.DataTypes.CountAsync());
        Assert.Equal(bundle.DocumentTypes.Count, await context.DocumentTypes.CountAsync());
        // Items kept verbatim, and uSync's Empty markers (kept so the next export passes them on).
        Assert.Equal(bundle.RawItems.Count + bundle.Empties.Count, await context.USyncRawItems.CountAsync());
        Assert.Equal(bundle.Media.Select(m => m.Key).Order(), (await context.MediaItems.Select(m => m.Key).ToListAsync()).Order());
        var versions = await context.ContentVersions.ToListAsync();
        foreach (var item in bundle.Content)
        {
            var stored = versions.Single(v => v.NodeKey == item.Key);
            Assert.Equal(item.Values, stored.Values);
            Assert.Equal(item.Name, stored.Name);
        }
        foreach (var raw in bundle.RawItems)
            Assert.Equal(raw.Xml, (await context.USyncRawItems.SingleAsync(r => r.Folder == raw.Folder && r.Key == raw.Key)).Xml);
    }

    [Theory]
    [MemberData(nameof(CorpusSets))]
    public async Task Importing_the_export_of_a_corpus_set_changes_nothing(string set)
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.Import.ImportAsync(RepositoryPaths.CorpusSet(set));
        var exported = db.NewFolder("export");
        await db.Export.ExportAsync(exported);

        var report = await db.Import.ImportAsync(exported);

        Assert.True(report.Changes.Count == 0,
            "Changed: " + string.Join(", ", report.Changes.Select(c => $"{c.Change} {c.Folder}/{c.Alias}")));
    }

    /// <summary>
    /// The strongest form of "nothing is lost": the export of an imported set is the set, file for file and byte for
    /// byte (templates, list views, thumbnails, history cleanup, tab captions, file names, the byte order mark).
    /// </summary>
    [Theory]
    [MemberData(nameof(CorpusSets))]
    public async Task Exporting_an_imported_corpus_set_writes_the_files_it_read(string set)
    {
        var source = RepositoryPaths.CorpusSet(set);
        await using var db = await TestDatabase.CreateAsync();
        await db.Import.ImportAsync(source);
        var exported = db.NewFolder("export");
        await db.Export.ExportAsync(exported);

        var differences = new List<string>();
        foreach (var file in Directory.EnumerateFiles(source, "*.config", SearchOption.AllDirectories).Where(f => Path.GetDirectoryName(f) != source))
        {
            var relative = Path.GetRelativePath(source, file);
            var written = Path.Combine(exported, relative);
            if (!File.Exists(written)) { differences.Add($"{relative}: not written"); continue; }
            var expected = await File.ReadAllTextAsync(file);
            var actual = await File.ReadAllTextAsync(written);
            var (expectedBytes, actualBytes) = (await File.ReadAllBytesAsync(file), await File.ReadAllBytesAsync(written));
            if (!expectedBytes.SequenceEqual(actualBytes))
                differences.Add($"{relative}: {FirstDifference(expected, actual)}");
        }

        Assert.True(differences.Count == 0, $"{differences.Count} files differ:\n" + string.Join("\n", differences.Take(15)));
    }

    private static string FirstDifference(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
            if (i >= a.Length || i >= b.Length || a[i] != b[i])
                return $"line {i + 1}: expected [{(i < a.Length ? a[i].Trim() : "(end)")}] got [{(i < b.Length ? b[i].Trim() : "(end)")}]";
        return "byte order mark or line endings";
    }

    [Fact]
    public async Task Values_of_editors_we_do_not_render_survive_an_export()
    {
        var folder = Path.Combine(RepositoryPaths.USyncCorpus, "prjseal__Clean", "v15");
        await using var db = await TestDatabase.CreateAsync();
        await db.Import.ImportAsync(folder);
        var exported = db.NewFolder("export");
        await db.Export.ExportAsync(exported);

        var original = USyncReader.ReadFolder(folder).Content.Single(c => c.Name == "Community");
        var roundTripped = USyncReader.ReadFolder(exported).Content.Single(c => c.Key == original.Key);

        var blocks = roundTripped.Values.Single(v => v.Alias == "contentRows").Value;
        Assert.Contains("contentTypeKey", blocks);
        Assert.Equal(original.Values, roundTripped.Values);
    }
}
