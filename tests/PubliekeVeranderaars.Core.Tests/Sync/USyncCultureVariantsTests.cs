using System.Xml.Linq;
using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Core.Tests.Sync;

/// <summary>
/// A multilingual site moves in and out without loss (issue 16): names, values and the publish state per language
/// survive an import, an edit of one language and an export, the other language byte for byte.
/// </summary>
public sealed class USyncCultureVariantsTests
{
    private const string TwoCultureSet = "EnjoyDigital__Umbraco.Community.Schemeweaver/v17";
    private static readonly Guid Sponge = Guid.Parse("8aa1bb78-0d38-4846-a8d4-e880fadbfea8");
    private const string SpongeFile = "classic-victoria-sponge.config";

    private static string Source => RepositoryPaths.CorpusSet(TwoCultureSet);

    /// <summary>Every element of the file that belongs to one language, as text.</summary>
    private static List<string> CultureElements(XDocument file, string culture) =>
        [.. file.Descendants().Where(e => (string?)e.Attribute("Culture") == culture).Select(e => $"{e.Parent!.Name}/{e}")];

    private static XDocument Exported(string folder) => XDocument.Load(Path.Combine(folder, "Content", SpongeFile));

    [Fact]
    public async Task Editing_one_language_and_exporting_leaves_the_other_byte_for_byte()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.Import.ImportAsync(Source);
        var version = (await db.Queries.LatestVersionAsync(Sponge))!;
        var values = version.Values.Select(v => v.Alias == "description" && v.Culture == "en-US" ? v with { Value = "A lighter British cake" } : v).ToList();

        Assert.True((await db.Publishing.SaveAndPublishAsync(Sponge, version.Name, values, TestDatabase.Editor)).Succeeded);
        var folder = db.NewFolder("export");
        await db.Export.ExportAsync(folder);

        var source = XDocument.Load(Path.Combine(Source, "Content", SpongeFile));
        var exported = Exported(folder);
        Assert.NotEmpty(CultureElements(source, "de-DE"));
        Assert.Equal(CultureElements(source, "de-DE"), CultureElements(exported, "de-DE"));
        Assert.Contains("description/<Value Culture=\"en-US\"><![CDATA[A lighter British cake]]></Value>", CultureElements(exported, "en-US"));
        Assert.Equal(CultureElements(source, "en-US").Where(e => !e.StartsWith("description/")), CultureElements(exported, "en-US").Where(e => !e.StartsWith("description/")));
        // What the site does not model (the page's template) survives the edit, in its place.
        Assert.Equal(source.Root!.Element("Info")!.Element("Template")!.ToString(), exported.Root!.Element("Info")!.Element("Template")?.ToString());
        Assert.Equal("Schedule", ((XElement)exported.Root!.Element("Info")!.Element("Template")!.PreviousNode!).Name.LocalName);
    }

    [Fact]
    public async Task A_language_that_is_not_live_stays_so_through_import_and_export()
    {
        await using var db = await TestDatabase.CreateAsync();
        var folder = db.NewFolder("bron");
        CopyFolder(Source, folder);
        var file = Path.Combine(folder, "Content", SpongeFile);
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace("<Published Culture=\"de-DE\">true</Published>", "<Published Culture=\"de-DE\">false</Published>"));

        await db.Import.ImportAsync(folder);
        var export = db.NewFolder("export");
        await db.Export.ExportAsync(export);
        var again = await db.Import.ImportAsync(export);

        var published = Exported(export).Descendants("Published").Where(p => p.Attribute("Culture") is not null).ToDictionary(p => (string)p.Attribute("Culture")!, p => p.Value);
        Assert.Equal("false", published["de-DE"]);
        Assert.Equal("true", published["en-US"]);
        Assert.Empty(again.Changes);
    }

    [Fact]
    public async Task A_save_and_a_rollback_keep_the_names_per_language()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.Import.ImportAsync(Source);
        var imported = (await db.Queries.LatestVersionAsync(Sponge))!;

        await db.Editing.SaveAsync(Sponge, imported.Name, imported.Values, TestDatabase.Editor);
        var saved = (await db.Queries.LatestVersionAsync(Sponge))!;
        await db.Editing.RollbackAsync(Sponge, imported.Id, TestDatabase.Editor);
        var rolledBack = (await db.Queries.LatestVersionAsync(Sponge))!;

        Assert.Equal([new ContentCultureName("de-DE", "Omas Apfelkuchen"), new ContentCultureName("en-US", "Classic Victoria Sponge")], imported.CultureNames);
        Assert.Equal(imported.CultureNames, saved.CultureNames);
        Assert.Equal(imported.CultureNames, rolledBack.CultureNames);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
