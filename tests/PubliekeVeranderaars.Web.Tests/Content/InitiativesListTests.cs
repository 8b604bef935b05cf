using System.Net;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Web.Tests.Content;

/// <summary>
/// The public list of initiatives is paged and filtered over real HTTP: a page of 20, filter links with counts, page
/// links, a 404 for a page that does not exist, and the cached pages never mixed up with one another or outliving a
/// publish. (Initiatives are added to the seed's to make 30 open and 15 closed.)
/// </summary>
public class InitiativesListTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task The_list_is_paged_filtered_and_every_page_names_its_place(DatabaseProvider provider)
    {
        using var site = new SiteHost(provider);
        var content = new SiteContent(site);
        var parent = site.GetService<PublishedContentCache>().Current.ByRoute("/initiatieven/")!.Key;
        var seed = site.GetService<PublishedContentCache>().Current.Children(parent);
        var seedOpen = seed.Count(Core.Initiatives.InitiativeStatus.IsOpen);
        var toAdd = Enumerable.Repeat("[\"open\"]", 30 - seedOpen).Concat(Enumerable.Repeat("[\"gesloten\"]", 15 - (seed.Count - seedOpen)))
            .OrderBy(s => s.GetHashCode()).ToList();
        for (var i = 0; i < toAdd.Count; i++)
        {
            var created = await content.CreateAsync(parent, "initiative", $"Proef {i:00}",
                [new("title", null, $"Proef {i:00}"), new("summary", null, "Een proef."), new("ownerName", null, "Sanne Jansen"),
                 new("ownerEmail", null, "proef@example.org"), new("status", null, toAdd[i])]);
            Assert.True((await content.PublishAsync(created.Node!.Key)).Succeeded);
        }
        using var client = site.CreateHttpClient();

        var first = await Html.ParseAsync(await client.GetAsync("/initiatieven/"));
        Assert.Equal(20, first.QuerySelectorAll(".initiative-list__item").Length);
        Assert.Contains("45 initiatieven, pagina 1 van 3", first.QuerySelector(".initiative-list__summary")!.TextContent);
        Assert.Equal(["Alle (45)", "Open voor aanmeldingen (30)", "Gesloten (15)"],
            first.QuerySelectorAll(".initiative-filter a").Select(a => Normalise(a.TextContent)));
        Assert.Equal("/initiatieven/?pagina=2", first.QuerySelector("a[rel=next]")!.GetAttribute("href"));
        Assert.Null(first.QuerySelector("a[rel=prev]"));
        Assert.Equal("1", first.QuerySelector(".utrecht-pagination a[aria-current=page]")!.TextContent);

        var third = await client.GetAsync("/initiatieven/?pagina=3");
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        var thirdPage = await Html.ParseAsync(third);
        Assert.Equal(5, thirdPage.QuerySelectorAll(".initiative-list__item").Length);
        Assert.StartsWith("Initiatieven (pagina 3 van 3)", thirdPage.Title);
        Assert.Equal("/initiatieven/?pagina=2", thirdPage.QuerySelector("a[rel=prev]")!.GetAttribute("href"));
        // Every initiative is on exactly one page.
        var all = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            var document = await Html.ParseAsync(await client.GetAsync($"/initiatieven/?pagina={page}"));
            all.AddRange(document.QuerySelectorAll(".initiative-list__item h2 a").Select(a => a.GetAttribute("href")!));
        }
        Assert.Equal(45, all.Distinct().Count());

        var closed = await Html.ParseAsync(await client.GetAsync("/initiatieven/?status=gesloten"));
        Assert.Equal(15, closed.QuerySelectorAll(".initiative-list__item").Length);
        Assert.All(closed.QuerySelectorAll(".site-badge--open"), _ => Assert.Fail("an open initiative under 'Gesloten'"));
        Assert.Null(closed.QuerySelector(".utrecht-pagination"));
        Assert.Equal("/initiatieven/?status=gesloten", closed.QuerySelector(".initiative-filter a[aria-current=page]")!.GetAttribute("href"));
        var open = await Html.ParseAsync(await client.GetAsync("/initiatieven/?status=open&pagina=2"));
        Assert.Equal(10, open.QuerySelectorAll(".initiative-list__item").Length);
        Assert.Equal("/initiatieven/?status=open", open.QuerySelector("a[rel=prev]")!.GetAttribute("href"));

        foreach (var missing in new[] { "?pagina=4", "?pagina=0", "?pagina=twee", "?status=open&pagina=3", "?pagina=-1" })
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/initiatieven/" + missing)).StatusCode);

        // A publish reaches every cached page: a new initiative is first on page 1 and moves the 20th to page 2.
        var newest = await content.CreateAsync(parent, "initiative", "Nieuwste", [new("title", null, "Nieuwste"), new("summary", null, "Het nieuwste."),
            new("ownerName", null, "Sanne Jansen"), new("ownerEmail", null, "proef@example.org"), new("status", null, "[\"open\"]")]);
        Assert.True((await content.PublishAsync(newest.Node!.Key)).Succeeded);
        var lastOnPage1 = first.QuerySelectorAll(".initiative-list__item h2 a").Last().GetAttribute("href");
        var others = (await content.TreeAsync()).Where(n => n.ParentKey == parent && !n.Trashed && n.Key != newest.Node!.Key).OrderBy(n => n.SortOrder).Select(n => n.Key);
        Assert.True((await content.ReorderAsync(parent, [newest.Node!.Key, .. others])).Succeeded);
        var after = await Html.ParseAsync(await client.GetAsync("/initiatieven/"));
        Assert.Equal("/initiatieven/nieuwste/", after.QuerySelector(".initiative-list__item h2 a")!.GetAttribute("href"));
        Assert.Contains("46 initiatieven, pagina 1 van 3", after.QuerySelector(".initiative-list__summary")!.TextContent);
        var page2 = await Html.ParseAsync(await client.GetAsync("/initiatieven/?pagina=2"));
        Assert.Equal(lastOnPage1, page2.QuerySelector(".initiative-list__item h2 a")!.GetAttribute("href"));

        // The sitemap names every initiative, whichever page of the list it is on, and robots.txt points to it.
        using var sitemap = await client.GetAsync("/sitemap.xml");
        Assert.Equal("application/xml", sitemap.Content.Headers.ContentType?.MediaType);
        var urls = System.Xml.Linq.XDocument.Parse(await sitemap.Content.ReadAsStringAsync()).Descendants()
            .Where(e => e.Name.LocalName == "loc").Select(e => new Uri(e.Value).AbsolutePath).ToList();
        var initiatives = site.GetService<PublishedContentCache>().Current.Children(parent).Select(c => c.Route).ToList();
        Assert.Equal(46, initiatives.Count);
        Assert.All(initiatives, route => Assert.Contains(route, urls));
        Assert.Contains("/", urls);
        Assert.Equal(urls.Count, urls.Distinct().Count());
        var robots = await client.GetStringAsync("/robots.txt");
        Assert.Contains("Disallow: /backoffice/", robots);
        Assert.Matches(@"Sitemap: https?://[^/]+/sitemap\.xml", robots);
    }

    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
