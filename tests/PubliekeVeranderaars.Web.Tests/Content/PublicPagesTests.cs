using System.Net;
using System.Text.RegularExpressions;
using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Web.Tests.Content;

/// <summary>The public contract of ARCHITECTURE.md, over real HTTP, run once per database provider.</summary>
public abstract partial class PublicPagesTests(SiteHost site)
{
    public static TheoryData<string> SeedPages() =>
    [
        "/", "/zo-veranderen-wij/", "/zo-veranderen-wij/verbeelden/", "/initiatieven/",
        "/initiatieven/innovatielab-open-overheid/", "/initiatieven/ambtenaren-in-beeld/", "/ondertekenen/", "/privacy/",
        "/toegankelijkheid/",
    ];

    [Theory]
    [MemberData(nameof(SeedPages))]
    public async Task Seed_page_answers_in_dutch_with_one_h1_and_the_landmarks(string path)
    {
        using var client = site.CreateHttpClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var document = await Html.ParseAsync(response);
        Assert.Equal("nl", document.DocumentElement.GetAttribute("lang"));
        Assert.Single(document.QuerySelectorAll("h1"));
        Assert.Single(document.QuerySelectorAll("main#inhoud"));
        Assert.Equal("#inhoud", document.QuerySelector("a.utrecht-skip-link")?.GetAttribute("href"));
        Assert.NotNull(document.QuerySelector("header nav[aria-label]"));
        Assert.NotNull(document.QuerySelector("footer"));
    }

    [Fact]
    public async Task Principles_page_lists_the_twelve_titles_in_order()
    {
        using var client = site.CreateHttpClient();

        var document = await Html.ParseAsync(await client.GetAsync("/zo-veranderen-wij/"));

        var titles = document.QuerySelectorAll(".principle-list__title a").Select(a => a.TextContent.Trim()).ToArray();
        Assert.Equal(["Verbeelden", "Innoveren", "Motiveren", "Verbinden", "Leren", "Netwerken",
            "Cocreëren", "Delen", "Plezier maken", "Uitdagen", "Doorbreken", "Ontmoeten"], titles);
        Assert.Contains("Wij faciliteren ontmoeting binnen en buiten onze organisatie.", document.Body!.TextContent);
    }

    [Fact]
    public async Task Home_shows_the_mission_the_four_society_points_and_both_calls()
    {
        using var client = site.CreateHttpClient();

        var document = await Html.ParseAsync(await client.GetAsync("/"));

        Assert.Equal("Wij, Publieke Veranderaars", document.QuerySelector("h1")!.TextContent);
        Assert.Contains("verbindende kracht", document.Body!.TextContent);
        Assert.Equal(4, document.QuerySelectorAll("#samenleving + ul li").Length);
        Assert.NotNull(document.QuerySelector("a[href='/ondertekenen/']"));
        Assert.NotNull(document.QuerySelector("a[href='/initiatieven/']"));
    }

    [Fact]
    public async Task Every_page_links_the_accessibility_statement_in_its_footer()
    {
        using var client = site.CreateHttpClient();

        foreach (var path in new[] { "/", "/ondertekenen/", "/zoeken/?q=leren" })
        {
            var document = await Html.ParseAsync(await client.GetAsync(path));
            Assert.NotNull(document.QuerySelector("footer a[href='/toegankelijkheid/']"));
        }
        var statement = await Html.ParseAsync(await client.GetAsync("/toegankelijkheid/"));
        Assert.Equal("Toegankelijkheid", statement.QuerySelector("h1")!.TextContent);
        Assert.Contains("WCAG 2.1", statement.Body!.TextContent);
        Assert.NotNull(statement.QuerySelector("a[href='mailto:toegankelijkheid@publiekeveranderaars.nl']"));
    }

    [Fact]
    public async Task No_public_page_shows_an_owner_email_address()
    {
        var snapshot = site.GetService<PublishedContentCache>().Current;
        var ownerAddresses = snapshot.All.Select(c => c.GetString("ownerEmail")).Where(e => e.Length > 0).ToList();
        Assert.NotEmpty(ownerAddresses);
        using var client = site.CreateHttpClient();

        foreach (var page in snapshot.All)
        {
            var html = await client.GetStringAsync(page.Route);
            Assert.All(ownerAddresses, address => Assert.DoesNotContain(address, html, StringComparison.OrdinalIgnoreCase));
            // The network's own desks are the only addresses a page may show.
            Assert.DoesNotContain("mailto:", html.Replace("mailto:privacy@publiekeveranderaars.nl", "", StringComparison.Ordinal)
                .Replace("mailto:toegankelijkheid@publiekeveranderaars.nl", "", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Open_initiative_hosts_the_join_form_with_inputs_named_by_alias_and_a_privacy_link()
    {
        using var client = site.CreateHttpClient();

        var page = await Html.ParseAsync(await client.GetAsync("/initiatieven/innovatielab-open-overheid/"));

        Assert.Contains("Anna de Vries", page.Body!.TextContent);
        Assert.Contains("Voorbeeldinitiatief", page.Body.TextContent);
        var form = page.QuerySelector("#doe-mee ~ * form[method=post], section form[method=post]")!;
        var names = form.QuerySelectorAll("input, textarea, select").Select(i => i.GetAttribute("name")).ToHashSet();
        Assert.Superset(new HashSet<string?> { "name", "email", "organisation", "motivation", "consent", "__RequestVerificationToken" }, names);
        Assert.NotNull(form.QuerySelector("a[href='/privacy/']"));
        Assert.Equal("email", form.QuerySelector("input[name=email]")!.GetAttribute("autocomplete"));
        foreach (var input in form.QuerySelectorAll("input:not([type=hidden]):not([name=website]), textarea"))
            Assert.NotNull(form.QuerySelector($"label[for='{input.Id}']"));
    }

    [Fact]
    public async Task Closed_initiative_says_why_it_takes_no_sign_ups()
    {
        using var client = site.CreateHttpClient();

        var closed = await Html.ParseAsync(await client.GetAsync("/initiatieven/ambtenaren-in-beeld/"));

        Assert.Contains("neemt geen aanmeldingen aan", closed.QuerySelector("#doe-mee")!.ParentElement!.TextContent);
        Assert.Empty(closed.QuerySelectorAll("main form"));
    }

    [Fact]
    public async Task Unknown_url_gets_a_real_404_in_the_site_layout()
    {
        using var client = site.CreateHttpClient();

        using var response = await client.GetAsync("/bestaat-echt-niet/");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var document = await Html.ParseAsync(response);
        Assert.Equal("Pagina niet gevonden", document.QuerySelector("h1")!.TextContent);
        Assert.NotNull(document.QuerySelector("header nav"));
    }

    [Fact]
    public async Task Pages_send_a_strict_csp_and_contain_no_inline_script_or_style()
    {
        using var client = site.CreateHttpClient();

        using var response = await client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("style-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotContain("<style", html);
        Assert.DoesNotContain(" style=", html);
    }

    [Fact]
    public async Task Stylesheets_are_served_by_the_site_itself()
    {
        using var client = site.CreateHttpClient();
        var document = await Html.ParseAsync(await client.GetAsync("/"));
        var stylesheets = document.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!).ToList();

        // One sheet: the NL Design System rules the public pages use and the site's own, built together (issue 17).
        Assert.Single(stylesheets);
        foreach (var href in stylesheets)
        {
            Assert.StartsWith("/", href);
            using var css = await client.GetAsync(href);
            Assert.True(css.StatusCode == HttpStatusCode.OK, $"{href}: {css.StatusCode}");
            Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Health_reports_the_database()
    {
        using var client = site.CreateHttpClient();

        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_publish_is_visible_on_the_next_request_and_an_unpublish_gives_404()
    {
        var content = new SiteContent(site);
        var cache = site.GetService<PublishedContentCache>();
        using var client = site.CreateHttpClient();
        var page = cache.Current.ByRoute("/zo-veranderen-wij/leren/")!;
        Assert.Contains("leren daarvan", await client.GetStringAsync(page.Route));
        var version = (await content.GetLatestVersionAsync(page.Key))!;
        var changed = version.Values.Select(v => v.Alias == "text" ? v with { Value = "Wij leren elke dag." } : v).ToList();

        await content.SaveAsync(page.Key, version.Name, changed, "test");
        Assert.Contains("leren daarvan", await client.GetStringAsync(page.Route));
        await content.PublishAsync(page.Key);
        Assert.Contains("Wij leren elke dag.", await client.GetStringAsync(page.Route));

        await content.UnpublishAsync(page.Key);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(page.Route)).StatusCode);
        await content.SaveAsync(page.Key, version.Name, version.Values, "test");
        await content.PublishAsync(page.Key);
        Assert.Contains("leren daarvan", await client.GetStringAsync(page.Route));
    }

    [GeneratedRegex("<script(?![^>]*\\ssrc=)", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}

public sealed class PublicPagesOnSqliteTests(SqliteSiteFixture fixture)
    : PublicPagesTests(fixture.Site), IClassFixture<SqliteSiteFixture>;

public sealed class PublicPagesOnPostgresTests(PostgresSiteFixture fixture)
    : PublicPagesTests(fixture.Site), IClassFixture<PostgresSiteFixture>;
