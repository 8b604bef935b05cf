using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Core.Tests.Content;

public class PublishedSnapshotTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc);

    private static PublishedSource Source(Guid key, Guid? parent, string segment, int sort = 0, string type = "contentPage",
        params ContentPropertyValue[] values) =>
        new(new ContentNode { Key = key, ParentKey = parent, UrlSegment = segment, SortOrder = sort, ContentTypeAlias = type, Name = segment },
            new ContentVersion { NodeKey = key, Name = segment, Values = [.. values] });

    private static readonly Dictionary<string, DocumentType> Types = new()
    {
        ["contentPage"] = new DocumentType
        {
            Alias = "contentPage",
            Properties =
            [
                new DocumentTypeProperty { Alias = "body", EditorAlias = EditorAliases.RichText },
                new DocumentTypeProperty { Alias = "secret", EditorAlias = EditorAliases.EmailAddress, IsSensitive = true },
            ],
        },
    };

    [Fact]
    public void Build_routes_first_root_as_home_and_children_below_it()
    {
        Guid home = Guid.NewGuid(), about = Guid.NewGuid(), team = Guid.NewGuid();
        var snapshot = PublishedSnapshot.Build(
            [Source(home, null, "home"), Source(about, home, "over-ons", 1), Source(team, about, "team")],
            Types, new RichTextSanitizer(), Now, generation: 1);

        Assert.Equal(home, snapshot.ByRoute("/")!.Key);
        Assert.Equal(about, snapshot.ByRoute("/over-ons/")!.Key);
        Assert.Equal(team, snapshot.ByRoute("/over-ons/team")!.Key);
        Assert.Equal(team, snapshot.ByRoute("OVER-ONS/TEAM/")!.Key);
        Assert.Null(snapshot.ByRoute("/team/"));
        Assert.Equal([home, about], snapshot.Ancestors(snapshot.ByKey(team)!).Select(a => a.Key));
    }

    [Fact]
    public void Build_leaves_out_children_of_unpublished_parents()
    {
        Guid home = Guid.NewGuid(), orphan = Guid.NewGuid();
        var snapshot = PublishedSnapshot.Build(
            [Source(home, null, "home"), Source(orphan, Guid.NewGuid(), "wees")], Types, new RichTextSanitizer(), Now, 1);

        Assert.Null(snapshot.ByKey(orphan));
        Assert.Single(snapshot.All);
    }

    [Fact]
    public void Build_orders_children_by_sort_order()
    {
        Guid home = Guid.NewGuid();
        var snapshot = PublishedSnapshot.Build(
            [Source(home, null, "home"), Source(Guid.NewGuid(), home, "c", 2), Source(Guid.NewGuid(), home, "a", 0), Source(Guid.NewGuid(), home, "b", 1)],
            Types, new RichTextSanitizer(), Now, 1);

        Assert.Equal(["a", "b", "c"], snapshot.Children(home).Select(c => c.UrlSegment));
    }

    [Fact]
    public void Build_sanitizes_rich_text_and_marks_sensitive_properties()
    {
        Guid home = Guid.NewGuid();
        var snapshot = PublishedSnapshot.Build(
            [Source(home, null, "home", values: [
                new ContentPropertyValue("body", null, "<p onclick=\"x()\">Hoi</p><script>alert(1)</script>"),
                new ContentPropertyValue("secret", null, "geheim@example.org")])],
            Types, new RichTextSanitizer(), Now, 1);

        var page = snapshot.Home!;
        Assert.Equal("<p>Hoi</p>", page.GetHtml("body"));
        Assert.True(page.Properties["secret"].IsSensitive);
        Assert.False(page.Properties["body"].IsSensitive);
    }

    [Theory]
    [InlineData("Umbraco.MarkdownEditor", "# Kop\n\n<img src=x onerror=alert(1)><script>alert(2)</script>")]
    [InlineData("umbraco.richtext", "<p onclick=\"x()\">Hoi</p><script>alert(2)</script>")]
    [InlineData("Our.Unknown.Editor", "{\"html\":\"<img src=x onerror=alert(1)>\"}")]
    public void Markup_in_a_value_of_an_editor_we_do_not_model_reaches_the_api_clean(string editor, string stored)
    {
        var types = new Dictionary<string, DocumentType>
        {
            ["contentPage"] = new() { Alias = "contentPage", Properties = [new DocumentTypeProperty { Alias = "body", EditorAlias = editor }] },
        };
        var snapshot = PublishedSnapshot.Build([Source(Guid.NewGuid(), null, "home", values: [new ContentPropertyValue("body", null, stored)])],
            types, new RichTextSanitizer(), Now, 1);

        var published = snapshot.Home!.Properties["body"].Value;
        Assert.DoesNotContain("onerror", published);
        Assert.DoesNotContain("onclick", published);
        Assert.DoesNotContain("<script", published);
    }

    [Theory]
    [InlineData(EditorAliases.TextArea, "&lt;img src=x onerror=alert(1)&gt;Hoi &amp; dag")]
    [InlineData(EditorAliases.TextBox, "&lt;img src=x onerror=alert(1)&gt;Hoi &amp; dag")]
    [InlineData("Our.Unknown.Editor", "Hoi &amp; dag")]
    [InlineData("", "Hoi &amp; dag")]
    public void A_template_asking_markup_of_a_property_that_is_not_rich_text_gets_text_encoded_or_markup_clean(string editor, string expected)
    {
        // The document type's "body" was changed to another editor after the template was written.
        var types = new Dictionary<string, DocumentType>
        {
            ["contentPage"] = new() { Alias = "contentPage", Properties = editor.Length == 0 ? [] : [new DocumentTypeProperty { Alias = "body", EditorAlias = editor }] },
        };
        var snapshot = PublishedSnapshot.Build(
            [Source(Guid.NewGuid(), null, "home", values: [new ContentPropertyValue("body", null, "<img src=x onerror=alert(1)>Hoi & dag")])],
            types, new RichTextSanitizer(), Now, 1);

        Assert.Equal(expected, snapshot.Home!.GetHtml("body"));
    }

    [Fact]
    public void A_template_asking_markup_of_a_structured_value_gets_it_encoded_so_its_quotes_cannot_open_an_attribute()
    {
        // A block list's JSON keeps markup inside strings with quotes escaped (\"); read as HTML, \" ends an attribute.
        var types = new Dictionary<string, DocumentType>
        {
            ["contentPage"] = new() { Alias = "contentPage", Properties = [new DocumentTypeProperty { Alias = "body", EditorAlias = EditorAliases.BlockList }] },
        };
        const string stored = """{"layout":{},"contentData":[{"text":"<p title=\"a onmouseover=alert(1) \">x</p>"}]}""";
        var snapshot = PublishedSnapshot.Build([Source(Guid.NewGuid(), null, "home", values: [new ContentPropertyValue("body", null, stored)])],
            types, new RichTextSanitizer(), Now, 1);

        var html = snapshot.Home!.GetHtml("body");

        Assert.DoesNotContain("<p", html);
        Assert.Contains("&lt;p", html);
    }

    [Theory]
    [InlineData("[\"een\",\"twee\"]", new[] { "een", "twee" })]
    [InlineData("een\ntwee\n", new[] { "een", "twee" })]
    [InlineData("", new string[0])]
    public void GetStrings_reads_json_arrays_and_older_line_lists(string raw, string[] expected)
    {
        var snapshot = PublishedSnapshot.Build(
            [Source(Guid.NewGuid(), null, "home", values: [new ContentPropertyValue("list", null, raw)])], Types, new RichTextSanitizer(), Now, 1);

        Assert.Equal(expected, snapshot.Home!.GetStrings("list"));
    }

    [Fact]
    public void Remember_computes_once_per_snapshot_and_keeps_a_bounded_number()
    {
        var snapshot = PublishedSnapshot.Build([], Types, new RichTextSanitizer(), Now, generation: 1);
        var next = PublishedSnapshot.Build([], Types, new RichTextSanitizer(), Now, generation: 2);
        var computed = 0;

        Assert.Equal(1, snapshot.Remember("a", () => ++computed));
        Assert.Equal(1, snapshot.Remember("a", () => ++computed));
        Assert.Equal(2, next.Remember("a", () => ++computed)); // a new snapshot starts empty

        for (var i = 0; i < 1000; i++) snapshot.Remember($"k{i}", () => i);
        computed = 0;
        snapshot.Remember("k999", () => ++computed);
        snapshot.Remember("k999", () => ++computed);
        Assert.Equal(2, computed); // past the bound, nothing more is kept
    }

    /// <summary>A large site's build runs on every core: the tree order, each page's clean text and the memo hold.</summary>
    [Fact]
    public void A_large_build_keeps_the_tree_order_and_each_pages_own_clean_text()
    {
        var home = Guid.NewGuid();
        var count = PublishedSnapshot.ParallelBuildFrom * 3;
        var pages = Enumerable.Range(0, count).Select(i => new PublishedSource(
            new ContentNode { Key = Guid.NewGuid(), ParentKey = home, UrlSegment = $"pagina-{i:D4}", SortOrder = i, ContentTypeAlias = "contentPage" },
            new ContentVersion { Id = i + 1, Values = [new ContentPropertyValue("body", null, $"<p>Pagina {i}<script>alert({i})</script></p>")] })).ToList();
        var sources = pages.Prepend(Source(home, null, "home")).ToList();
        var memo = new RichTextSanitizeMemo(new RichTextSanitizer());

        for (var build = 1; build <= 2; build++)
        {
            var snapshot = PublishedSnapshot.Build(sources, Types, memo.Sanitize, Now, build);
            memo.BuildCompleted();

            var built = snapshot.All.Skip(1).ToList();
            Assert.Equal(pages.Select(p => $"/{p.Node.UrlSegment}/"), built.Select(p => p.Route));
            for (var i = 0; i < count; i++) Assert.Equal($"<p>Pagina {i}</p>", built[i].GetString("body"));
        }
    }

    [Fact]
    public void Rich_text_of_a_version_is_sanitized_once_and_forgotten_when_no_build_uses_it()
    {
        var sanitizer = new RichTextSanitizer();
        var calls = 0;
        var memo = new RichTextSanitizeMemo((editor, stored) =>
        {
            calls++;
            return sanitizer.ForPublishing(editor, stored);
        });
        var version = new ContentVersion { Id = 7 };
        const string dirty = "<p>Tekst<script>alert(1)</script></p>";

        Assert.Equal("<p>Tekst</p>", memo.Sanitize(version, "body", EditorAliases.RichText, dirty));
        memo.BuildCompleted();
        Assert.Equal("<p>Tekst</p>", memo.Sanitize(version, "body", EditorAliases.RichText, dirty));
        memo.BuildCompleted();
        Assert.Equal(1, calls);

        memo.Sanitize(new ContentVersion { Id = 8 }, "body", EditorAliases.RichText, dirty); // a new version is sanitized
        memo.BuildCompleted();                                      // a build without version 7
        memo.Sanitize(version, "body", EditorAliases.RichText, dirty);
        Assert.Equal(3, calls);
    }

    [Fact]
    public void A_multilingual_page_has_a_view_per_live_language_and_none_for_a_language_that_is_not_live()
    {
        Guid home = Guid.NewGuid(), page = Guid.NewGuid();
        var variant = new PublishedSource(
            new ContentNode { Key = page, ParentKey = home, UrlSegment = "about", ContentTypeAlias = "contentPage", Name = "About", UnpublishedCultures = ["fr-FR"] },
            new ContentVersion
            {
                NodeKey = page, Name = "About",
                CultureNames = [new("nl-NL", "Over ons"), new("en-US", "About"), new("fr-FR", "À propos")],
                Values = [new("body", "nl-NL", "<p>Wie wij zijn</p>"), new("body", "en-US", "<p>Who we are</p>"), new("body", "fr-FR", "<p>Qui</p>")],
            });
        var snapshot = PublishedSnapshot.Build([Source(home, null, "home"), variant], Types, new RichTextSanitizer(), Now, 1);

        var about = snapshot.ByKey(page)!;
        Assert.Equal("About", about.Name);
        Assert.Equal("<p>Who we are</p>", about.GetString("body"));
        Assert.Equal(["en-US", "nl-NL"], about.Cultures.Keys.Order());
        Assert.Same(about, about.InCulture("en-US"));
        Assert.Equal("Over ons", about.InCulture("nl-NL")!.Name);
        Assert.Equal("/over-ons/", about.InCulture("nl-NL")!.Route);
        Assert.Equal("<p>Wie wij zijn</p>", about.InCulture("NL-nl")!.GetString("body"));
        Assert.Null(about.InCulture("fr-FR"));
        Assert.Same(about.InCulture("nl-NL"), snapshot.ByRoute("/over-ons/", "nl-NL"));
        Assert.Null(snapshot.ByRoute("/over-ons/"));
    }
}
