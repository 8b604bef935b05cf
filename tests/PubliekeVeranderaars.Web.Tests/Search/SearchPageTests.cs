using System.Net;
using AngleSharp.Dom;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Search;

namespace PubliekeVeranderaars.Web.Tests.Search;

/// <summary><c>/zoeken/?q=</c> over real HTTP, on the index the site keeps in its data directory.</summary>
public abstract class SearchPageTests(SiteHost site)
{
    private const string InBeeld = "/initiatieven/ambtenaren-in-beeld/";

    private async Task<(HttpStatusCode Status, IDocument Page)> SearchAsync(string query)
    {
        using var client = site.CreateHttpClient();
        var response = await client.GetAsync("/zoeken/?" + query);
        return (response.StatusCode, await Html.ParseAsync(response));
    }

    private static IReadOnlyList<string> ResultLinks(IDocument page) =>
        page.QuerySelectorAll(".site-search-results__title a").Select(a => a.GetAttribute("href")!).ToList();

    private async Task<Guid> PublishPageAsync(string name, string bodyHtml)
    {
        var content = new SiteContent(site);
        var home = site.GetService<PublishedContentCache>().Current.Home!.Key;
        var created = await content.CreateAsync(home, "contentPage", name,
            [new ContentPropertyValue("title", null, name), new ContentPropertyValue("body", null, bodyHtml)], "redacteur");
        Assert.True(created.Succeeded);
        Assert.True((await content.PublishAsync(created.Node!.Key)).Succeeded);
        return created.Node!.Key;
    }

    [Fact]
    public async Task Ambtenaar_finds_the_page_that_says_ambtenaren_with_the_word_marked()
    {
        var (status, page) = await SearchAsync("q=ambtenaar");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(InBeeld, ResultLinks(page));
        var result = page.QuerySelectorAll(".site-search-results__item").First(li => li.QuerySelector("a")!.GetAttribute("href") == InBeeld);
        Assert.Contains(result.QuerySelectorAll("mark"), m => m.TextContent.Equals("ambtenaren", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("Home › Initiatieven › Ambtenaren in Beeld", result.QuerySelector(".site-search-results__trail")!.TextContent);
        Assert.Contains("resultaten", page.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal("ambtenaar", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#zoekterm")!.Value);
        Assert.StartsWith("Zoekresultaten voor ‘ambtenaar’", page.Title);
    }

    [Fact]
    public async Task Publish_and_unpublish_show_in_search_at_once()
    {
        var word = "kraanvogel" + Guid.NewGuid().ToString("N")[..6];
        var key = await PublishPageAsync("Trekvogels " + word, $"<p>Over de {word} en andere trekvogels.</p>");

        var (_, found) = await SearchAsync("q=" + word);
        Assert.Equal(["/trekvogels-" + word + "/"], ResultLinks(found));

        Assert.True((await new SiteContent(site).UnpublishAsync(key)).Succeeded);

        var (status, gone) = await SearchAsync("q=" + word);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(ResultLinks(gone));
        Assert.Contains($"Geen resultaten voor ‘{word}’", gone.QuerySelector("[role=status]")!.TextContent);
        // The no-results page helps on: tips and the main pages.
        Assert.NotNull(gone.QuerySelector(".site-search-help"));
        Assert.Contains(gone.QuerySelectorAll(".site-search-help a"), a => a.GetAttribute("href") == "/initiatieven/");
    }

    [Fact]
    public async Task The_owner_email_of_an_initiative_is_never_in_the_results()
    {
        foreach (var query in new[] { "q=inbeeld%40publiekeveranderaars.example", "q=publiekeveranderaars.example", "q=Sanne+Jansen", "q=ambtenaren" })
        {
            var (_, page) = await SearchAsync(query);
            var results = page.QuerySelector(".site-search-results")?.TextContent ?? "";
            Assert.DoesNotContain("@publiekeveranderaars.example", results);
            Assert.DoesNotContain("inbeeld@", results);
        }
    }

    [Fact]
    public async Task A_typo_shows_similar_words_and_suggests_the_word_meant()
    {
        var (status, page) = await SearchAsync("q=ambtenraen");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(InBeeld, ResultLinks(page));
        var suggestion = page.QuerySelectorAll("[role=status] a").Single();
        Assert.Equal("ambtenaren", suggestion.TextContent);
        Assert.Equal("/zoeken/?q=ambtenaren", suggestion.GetAttribute("href"));
    }

    [Fact]
    public async Task Results_are_paged_with_links_that_keep_the_query()
    {
        var word = "lepelaar" + Guid.NewGuid().ToString("N")[..6];
        for (var i = 1; i <= ContentSearchIndex.PageSize + 2; i++) await PublishPageAsync($"Vogel {i} {word}", $"<p>De {word} nummer {i}.</p>");

        var (_, first) = await SearchAsync("q=" + word);
        var (_, second) = await SearchAsync($"q={word}&pagina=2");

        Assert.Equal(ContentSearchIndex.PageSize, ResultLinks(first).Count);
        Assert.Equal(2, ResultLinks(second).Count);
        Assert.Empty(ResultLinks(first).Intersect(ResultLinks(second)));
        var next = first.QuerySelector(".site-search-pager a[rel=next]")!;
        Assert.Equal($"/zoeken/?q={word}&pagina=2", next.GetAttribute("href"));
        Assert.Equal("2", second.QuerySelector(".site-search-pager [aria-current=page]")!.TextContent.Replace("Pagina", "").Trim());
        Assert.Equal("11", second.QuerySelector(".site-search-results")!.GetAttribute("start"));
    }

    [Theory]
    [InlineData("q=%22ambtenaar")]
    [InlineData("q=ambtenaar%22%22%22")]
    [InlineData("q=((ambtenaar")]
    [InlineData("q=ambtenaar]]}}")]
    [InlineData("q=title%3Aambtenaar")]
    [InlineData("q=ambtenaar~0.5%5E3")]
    [InlineData("q=*%3A*")]
    [InlineData("q=%2Fa.*%2F")]
    [InlineData("q=a+AND+OR+NOT+%26%26+%7C%7C")]
    [InlineData("q=%5C")]
    [InlineData("q=%00%01%02")]
    [InlineData("q=%F0%9F%98%80+ambtenaar")]
    [InlineData("q=%ED%A0%80")]
    [InlineData("q=ambtenaar&q=overheid")]
    [InlineData("q=ambtenaar&pagina=-1")]
    [InlineData("q=ambtenaar&pagina=99999999999999999999")]
    [InlineData("q=ambtenaar&pagina=abc")]
    [InlineData("pagina=3")]
    [InlineData("q=")]
    public async Task Hostile_queries_get_results_or_a_400_never_a_5xx(string query)
    {
        var (status, page) = await SearchAsync(query);

        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{query}: {status}");
        Assert.NotNull(page.QuerySelector("#zoekterm"));
    }

    [Fact]
    public async Task A_query_of_5000_characters_is_refused_in_dutch_and_kept_in_the_box()
    {
        var text = string.Concat(Enumerable.Repeat("ambtenaar ", 500));

        var (status, page) = await SearchAsync("q=" + Uri.EscapeDataString(text));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Je zoekopdracht is te lang", page.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal("true", page.QuerySelector("#zoekterm")!.GetAttribute("aria-invalid"));
        Assert.Equal(text, page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#zoekterm")!.Value);
    }

    [Fact]
    public async Task Stop_words_alone_get_an_explanation()
    {
        var (status, page) = await SearchAsync("q=de+het+een");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Zoek op woorden die iets zeggen", page.QuerySelector("[role=status]")!.TextContent);
    }

    [Fact]
    public async Task Every_page_has_a_search_box_that_leads_here()
    {
        using var client = site.CreateHttpClient();
        var home = await Html.ParseAsync(await client.GetAsync("/zo-veranderen-wij/"));

        var form = home.QuerySelector("header form[role=search]")!;
        Assert.Equal("/zoeken/", form.GetAttribute("action"));
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.NotNull(form.QuerySelector("input[name=q]"));
        var (_, search) = await SearchAsync("q=leren");
        Assert.Null(search.QuerySelector("header form[role=search]")); // the page's own form is enough there
    }

    [Fact]
    public async Task The_index_lives_in_the_sites_data_directory()
    {
        var folder = Path.Combine(site.DataDirectory, "search");

        Assert.True(Directory.Exists(folder));
        Assert.Contains(Directory.GetFiles(folder), f => Path.GetFileName(f).StartsWith("segments_"));
        Assert.Equal(site.GetService<PublishedContentCache>().Current.All.Count(), site.GetService<ContentSearchIndex>().Count);
    }
}

public sealed class SearchPageOnSqliteTests(SqliteSiteFixture fixture) : SearchPageTests(fixture.Site), IClassFixture<SqliteSiteFixture>;

public sealed class SearchPageOnPostgresTests(PostgresSiteFixture fixture) : SearchPageTests(fixture.Site), IClassFixture<PostgresSiteFixture>;
