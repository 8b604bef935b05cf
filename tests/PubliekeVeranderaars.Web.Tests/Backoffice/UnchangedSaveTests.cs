using System.Net;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Storage;
using PubliekeVeranderaars.Core.Sync;

namespace PubliekeVeranderaars.Web.Tests.Backoffice;

/// <summary>
/// Saving a page without changing anything changes nothing: every page of the seed and of uSync exports in the corpus
/// (one of them in two languages), opened in the editor and saved through the real form post, keeps every stored
/// value and name byte for byte, whatever its property editor and language.
/// </summary>
public class UnchangedSaveTests
{
    /// <summary>Exports that hold only what another export lacks, imported on top of it.</summary>
    private static readonly Dictionary<string, string> Overlays = new(StringComparer.Ordinal)
    {
        ["prjseal__Clean/v9"] = "prjseal__Clean/v15+prjseal__Clean/v9",
    };

    /// <summary>
    /// The seed, and every corpus set with content (found on disk, so a set added later is tried too); sets named
    /// with "+" are imported in that order.
    /// </summary>
    public static TheoryData<string> Sets()
    {
        var sets = new TheoryData<string> { "seed" };
        foreach (var set in RepositoryPaths.CorpusSets())
        {
            var content = Path.Combine(RepositoryPaths.CorpusSet(set), "Content");
            if (Directory.Exists(content) && Directory.EnumerateFiles(content, "*.config").Any()) sets.Add(Overlays.GetValueOrDefault(set, set));
        }
        return sets;
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public async Task Saving_every_page_unchanged_keeps_every_stored_value_byte_for_byte(string set)
    {
        var folders = set == "seed" ? [RepositoryPaths.USyncSeed] : set.Split('+').Select(s => RepositoryPaths.CorpusSet(s)).ToArray();
        using var site = new SiteHost(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["uSync:Folder"] = folders[0] }, emptyDatabase: true);
        foreach (var folder in folders.Skip(1)) await site.GetService<USyncImportService>().ImportAsync(folder, actor: Actor.System);
        using var admin = await BackofficeUsers.LoginAsync(site, await BackofficeUsers.CreateAsync(site, BackofficeRoles.Administrator));
        var queries = site.GetService<ContentQueries>();
        var pages = await queries.TreeAsync();
        Assert.NotEmpty(pages);

        var changed = new List<string>();
        foreach (var page in pages)
        {
            var before = (await queries.LatestVersionAsync(page.Key))!;
            var saved = await EditorForm.PostAsync(admin, page.Key, "", new Dictionary<string, string>());
            var refusal = saved.StatusCode is HttpStatusCode.Redirect ? null : (await Html.ParseAsync(saved)).QuerySelector("[role=alert]")?.TextContent;
            // A page imported without a value its type requires cannot be saved as it is: refused in Dutch, and kept.
            Assert.True(refusal is null || (saved.StatusCode is HttpStatusCode.BadRequest && refusal.Contains("verplicht") && MissesMandatory(site, page, before)),
                $"{page.Name}: {saved.StatusCode} {refusal}");
            var after = (await queries.LatestVersionAsync(page.Key))!;
            if (after.Name != before.Name) changed.Add($"{page.Name}: name \"{before.Name}\" became \"{after.Name}\"");
            if (!after.CultureNames.SequenceEqual(before.CultureNames)) changed.Add($"{page.Name}: names per language changed");
            foreach (var value in before.Values)
            {
                var now = after.Values.FirstOrDefault(v => v.Alias == value.Alias && v.Culture == value.Culture);
                if (now?.Value != value.Value)
                    changed.Add($"{page.Name}.{value.Alias}: {Show(value.Value)} became {(now is null ? "(gone)" : Show(now.Value))}");
            }
            foreach (var added in after.Values.Where(a => !before.Values.Any(b => b.Alias == a.Alias && b.Culture == a.Culture)))
                if (added.Value.Length > 0) changed.Add($"{page.Name}.{added.Alias}: (none) became {Show(added.Value)}");
        }

        Assert.True(changed.Count == 0, string.Join("\n", changed));
    }

    /// <summary>
    /// Values in every spelling Umbraco's versions and writers store (a true/false as "True", " 1", "true"; a single
    /// dropdown with several values), saved unchanged through the editor as a browser posts it.
    /// </summary>
    [Fact]
    public async Task Saving_unchanged_keeps_values_in_any_spelling_umbraco_stores_them()
    {
        using var site = new SiteHost(DatabaseProvider.Sqlite);
        var type = new DocumentType
        {
            Key = Guid.NewGuid(), Alias = "spellingPage", Name = "Spelling", AllowAtRoot = true,
            Properties =
            [
                new DocumentTypeProperty { Key = Guid.NewGuid(), Alias = "upper", Name = "Hoofdletter", EditorAlias = EditorAliases.TrueFalse },
                new DocumentTypeProperty { Key = Guid.NewGuid(), Alias = "spaced", Name = "Spatie", EditorAlias = EditorAliases.TrueFalse },
                new DocumentTypeProperty { Key = Guid.NewGuid(), Alias = "lower", Name = "Kleine letters", EditorAlias = EditorAliases.TrueFalse },
                new DocumentTypeProperty { Key = Guid.NewGuid(), Alias = "off", Name = "Uit", EditorAlias = EditorAliases.TrueFalse },
            ],
        };
        var bundle = new Core.Sync.USyncBundle();
        bundle.DocumentTypes.Add(type);
        var key = Guid.NewGuid();
        ContentPropertyValue[] values = [new("upper", null, "True"), new("spaced", null, " 1"), new("lower", null, "true"), new("off", null, "False")];
        bundle.Content.Add(new Core.Sync.USyncContentItem
        {
            Key = key, Alias = "Spelling", Name = "Spelling", Level = 1, ContentTypeAlias = "spellingPage", Published = true,
            CreateDate = DateTime.UtcNow, Values = [.. values],
        });
        await site.GetService<Core.Sync.USyncImportService>().ImportAsync(bundle);
        using var admin = await BackofficeUsers.LoginAsync(site, await BackofficeUsers.CreateAsync(site, BackofficeRoles.Administrator));

        Assert.Equal(HttpStatusCode.Redirect, (await EditorForm.PostAsync(admin, key, "", new Dictionary<string, string>())).StatusCode);

        var after = (await site.GetService<ContentQueries>().LatestVersionAsync(key))!;
        foreach (var value in values) Assert.Equal(value.Value, after.Values.Single(v => v.Alias == value.Alias).Value);
    }

    private static bool MissesMandatory(SiteHost site, ContentNode node, ContentVersion version)
    {
        var types = site.GetService<PublishedContentCache>().Current.Types;
        return types.TryGetValue(node.ContentTypeAlias, out var type)
               && type.AllProperties(types).Any(p => p.Mandatory && string.IsNullOrWhiteSpace(ContentVariants.EditedValue(version, p.Alias)));
    }

    /// <summary>"Getting Started with Schema.org", in German "Zehn Tipps für besseres SEO", of the two-language corpus set.</summary>
    private static readonly Guid Article = Guid.Parse("91df8e6d-3de1-4956-bfbc-27669f15ec3a");

    /// <summary>A site holding the two-language corpus set, and an administrator logged in to it.</summary>
    private static async Task<(SiteHost Site, HttpClient Admin)> TwoLanguageSiteAsync()
    {
        var site = new SiteHost(DatabaseProvider.Sqlite,
            new Dictionary<string, string?> { ["uSync:Folder"] = RepositoryPaths.CorpusSet("EnjoyDigital__Umbraco.Community.Schemeweaver/v17") },
            emptyDatabase: true);
        return (site, await BackofficeUsers.LoginAsync(site, await BackofficeUsers.CreateAsync(site, BackofficeRoles.Administrator)));
    }

    private static string Show(string value) => value.Length > 120 ? $"\"{value[..120]}…\"" : $"\"{value}\"";

    [Fact]
    public async Task A_multilingual_page_is_edited_in_its_default_language_and_the_other_stays_as_it_was()
    {
        var (site, admin) = await TwoLanguageSiteAsync();
        using var _ = site;
        using var __ = admin;
        var queries = site.GetService<ContentQueries>();
        var before = (await queries.LatestVersionAsync(Article))!;
        var article = Article;

        var editor = await Html.ParseAsync(await admin.GetAsync($"/backoffice/inhoud/{article}"));
        var shown = editor.QuerySelector("[name='p:description']");
        var saved = await EditorForm.PostAsync(admin, article, "", new Dictionary<string, string>
        {
            ["name"] = "Schema.org for beginners",
            ["p:description"] = "How structured data helps search engines.",
        });
        var after = (await queries.LatestVersionAsync(article))!;

        Assert.Equal("Learn how structured data helps search engines understand your content.", shown?.GetAttribute("value") ?? shown?.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("How structured data helps search engines.", after.Values.Single(v => v.Alias == "description" && v.Culture == "en-US").Value);
        Assert.Equal(before.Values.Single(v => v.Alias == "description" && v.Culture == "de-DE"), after.Values.Single(v => v.Alias == "description" && v.Culture == "de-DE"));
        Assert.DoesNotContain(after.Values, v => v.Alias == "description" && v.Culture is null);
        Assert.Equal([new ContentCultureName("de-DE", "Zehn Tipps für besseres SEO"), new ContentCultureName("en-US", "Schema.org for beginners")], after.CultureNames);
    }

    [Fact]
    public async Task Another_language_is_edited_on_its_own_screen_and_the_default_language_stays_as_it_was()
    {
        var (site, admin) = await TwoLanguageSiteAsync();
        using var _ = site;
        using var __ = admin;
        var queries = site.GetService<ContentQueries>();
        var before = (await queries.LatestVersionAsync(Article))!;
        var article = Article;

        var german = await Html.ParseAsync(await admin.GetAsync($"/backoffice/inhoud/{article}?taal=de-DE"));
        var fields = await EditorForm.FieldsAsync(admin, article, new Dictionary<string, string>(), "?taal=de-DE");
        fields = [.. fields.Select(f => f.Key switch
        {
            "name" => new KeyValuePair<string, string>("name", "Zehn Tipps für SEO"),
            "p:description" => new KeyValuePair<string, string>("p:description", "Strukturierte Daten, kurz erklärt."),
            _ => f,
        })];
        var saved = await admin.PostAsync($"/backoffice/inhoud/{article}", new FormUrlEncodedContent(fields));
        var after = (await queries.LatestVersionAsync(article))!;

        Assert.Equal("Zehn Tipps für besseres SEO", german.QuerySelector("#veld-naam")?.GetAttribute("value"));
        Assert.Equal("Erfahren Sie, wie strukturierte Daten Suchmaschinen helfen, Ihre Inhalte zu verstehen.", german.QuerySelector("[name='p:description']")?.GetAttribute("value") ?? german.QuerySelector("[name='p:description']")?.TextContent.Trim());
        Assert.NotNull(german.QuerySelector("a[href$='?taal=en-US']"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.EndsWith("?taal=de-DE", saved.Headers.Location!.ToString());
        Assert.Equal("Strukturierte Daten, kurz erklärt.", after.Values.Single(v => v.Alias == "description" && v.Culture == "de-DE").Value);
        Assert.Equal(before.Values.Single(v => v.Alias == "description" && v.Culture == "en-US"), after.Values.Single(v => v.Alias == "description" && v.Culture == "en-US"));
        Assert.Equal(before.Name, after.Name);
        Assert.Equal([new ContentCultureName("de-DE", "Zehn Tipps für SEO"), new ContentCultureName("en-US", "Getting Started with Schema.org")], after.CultureNames);
    }
}
