using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Sync;

namespace PubliekeVeranderaars.Core.Tests.Sync;

/// <summary>A uSync folder from elsewhere is untrusted input: it may not plant script, bend URLs or write outside the folder.</summary>
public class USyncSafetyTests
{
    private static readonly Guid Privacy = Guid.Parse("14d4e16e-f59e-58a0-8436-e950aba62138");

    /// <summary>A copy of the seed with one file changed by <paramref name="change"/>.</summary>
    private static string SeedWith(TestDatabase db, string relativeFile, Func<string, string> change)
    {
        var folder = db.NewFolder("import");
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.USyncSeed, "*.config", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(RepositoryPaths.USyncSeed, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var changed = Path.Combine(folder, relativeFile);
        File.WriteAllText(changed, change(File.ReadAllText(changed)));
        return folder;
    }

    private static string AddProperty(string xml, string alias, string value) =>
        xml.Replace("<Properties>", $"<Properties>\n    <{alias}>\n      <Value><![CDATA[{value}]]></Value>\n    </{alias}>", StringComparison.Ordinal);

    [Theory]
    [InlineData("../../escaped-by-usync")]
    [InlineData("..\\..\\escaped")]
    [InlineData("/etc/passwd")]
    [InlineData("a/../../b")]
    [InlineData("%2e%2e%2fescaped")]
    public async Task An_imported_url_name_becomes_a_plain_segment_and_the_export_stays_in_its_folder(string urlName)
    {
        await using var db = await TestDatabase.CreateAsync();
        var folder = SeedWith(db, Path.Combine("Content", "privacy.config"), xml => AddProperty(xml, "umbracoUrlName", urlName));

        await db.Import.ImportAsync(folder);
        var exportRoot = db.NewFolder("deep/er/export");
        await db.Export.ExportAsync(exportRoot);

        await using var context = db.Database.Open();
        var segment = (await context.ContentNodes.SingleAsync(n => n.Key == Privacy)).UrlSegment;
        Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", segment);
        var parent = Path.GetDirectoryName(exportRoot)!;
        var outside = Directory.EnumerateFiles(parent, "*", SearchOption.AllDirectories).Where(f => !f.StartsWith(exportRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        Assert.Empty(outside);
    }

    [Fact]
    public async Task Aliases_from_imported_files_cannot_write_outside_the_export_folder()
    {
        await using var db = await TestDatabase.CreateAsync();
        var folder = SeedWith(db, Path.Combine("Forms", "doemee.config"), xml => xml
            .Replace("742ee558-6d19-55d3-adc9-d5f30ed6196e", "0e3f0f73-2a4c-4d55-9a55-5d7f7c6f0001", StringComparison.Ordinal)
            .Replace("Alias=\"doeMee\"", "Alias=\"../../../ontsnapt\"", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(folder, "ContentTypes", "ontsnapt.config"),
            File.ReadAllText(Path.Combine(folder, "ContentTypes", "pagesettings.config"))
                .Replace("bdff8aba-718f-54a9-a865-df41300e5695", "0e3f0f73-2a4c-4d55-9a55-5d7f7c6f0002", StringComparison.Ordinal)
                .Replace("Alias=\"pageSettings\"", "Alias=\"../../../ontsnapt-type\"", StringComparison.Ordinal));

        await db.Import.ImportAsync(folder);
        var exportRoot = db.NewFolder("a/b/c/export");
        await db.Export.ExportAsync(exportRoot);

        var root = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(exportRoot)))!;
        var outside = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(exportRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                        && !f.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !f.EndsWith(".db", StringComparison.Ordinal)
                        && !f.Contains(".db-", StringComparison.Ordinal))
            .ToList();
        Assert.Empty(outside);
        Assert.Contains(Directory.EnumerateFiles(Path.Combine(exportRoot, USyncFolders.Forms)), f => Path.GetFileName(f).Contains("ontsnapt", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{\"markup\":\"<p>x\\ud800</p>\",\"blocks\":null}")]
    [InlineData("<p>Tekst</p>")]
    public async Task Json_whose_strings_are_not_text_imports_and_the_site_still_builds(string body)
    {
        await using var db = await TestDatabase.CreateAsync();
        // An extra property the type does not know, holding JSON with half a surrogate pair, and the body in either form.
        var folder = SeedWith(db, Path.Combine("Content", "privacy.config"), xml =>
        {
            var start = xml.IndexOf("<body>", StringComparison.Ordinal);
            var end = xml.IndexOf("</body>", StringComparison.Ordinal) + "</body>".Length;
            return xml[..start] + $"<body>\n      <Value><![CDATA[{body}]]></Value>\n    </body>\n    <blocks>\n      <Value><![CDATA[{{\"a\":\"<p>x\\ud800</p>\"}}]]></Value>\n    </blocks>" + xml[end..];
        });

        await db.Import.ImportAsync(folder);
        await db.Cache.RebuildAsync();

        Assert.NotNull(db.Cache.Current.ByKey(Privacy));
    }

    [Fact]
    public async Task Imported_rich_text_markup_is_stored_sanitised()
    {
        await using var db = await TestDatabase.CreateAsync();
        var folder = SeedWith(db, Path.Combine("Content", "privacy.config"), xml => xml.Replace(
            "<Value><![CDATA[<p>Wij, Publieke Veranderaars gaat",
            "<Value><![CDATA[<script>alert(1)</script><img src=x onerror=alert(2)><form action=\"https://evil.example\"><input type=\"password\"></form><p>Wij, Publieke Veranderaars gaat",
            StringComparison.Ordinal));

        await db.Import.ImportAsync(folder);

        var stored = (await db.Queries.LatestVersionAsync(Privacy))!.Values.Single(v => v.Alias == "body").Value;
        Assert.Contains("Wij, Publieke Veranderaars gaat", stored);
        foreach (var forbidden in new[] { "<script", "onerror", "<form", "<input", "evil.example" }) Assert.DoesNotContain(forbidden, stored);
    }

    [Fact]
    public async Task Imported_rich_text_in_umbracos_json_form_is_stored_sanitised()
    {
        await using var db = await TestDatabase.CreateAsync();
        const string hostile = "{\"markup\":\"\\u003cp\\u003eTekst\\u003c/p\\u003e\\u003cimg src=x onerror=alert(1)\\u003e\\u003cscript\\u003ealert(2)\\u003c/script\\u003e\",\"blocks\":null}";
        var folder = SeedWith(db, Path.Combine("Content", "privacy.config"), xml =>
        {
            var start = xml.IndexOf("<body>", StringComparison.Ordinal);
            var end = xml.IndexOf("</body>", StringComparison.Ordinal) + "</body>".Length;
            return xml[..start] + $"<body>\n      <Value><![CDATA[{hostile}]]></Value>\n    </body>" + xml[end..];
        });

        await db.Import.ImportAsync(folder);

        var stored = (await db.Queries.LatestVersionAsync(Privacy))!.Values.Single(v => v.Alias == "body").Value;
        using var parsed = System.Text.Json.JsonDocument.Parse(stored);
        var markup = parsed.RootElement.GetProperty("markup").GetString()!;
        Assert.Contains("<p>Tekst</p>", markup);
        Assert.DoesNotContain("onerror", markup);
        Assert.DoesNotContain("<script", markup);
    }
}
