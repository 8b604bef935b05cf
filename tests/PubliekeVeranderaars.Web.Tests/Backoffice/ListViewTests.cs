using System.Net;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Web.Tests.Backoffice;

/// <summary>A folder with many pages: a list a screen at a time, searched and filtered, with actions for many at once.</summary>
public class ListViewTests(SqliteSiteFixture fixture) : IClassFixture<SqliteSiteFixture>
{
    private readonly SiteHost _site = fixture.Site;

    private async Task<Guid> FolderWithPagesAsync(int count)
    {
        var content = new SiteContent(_site);
        var home = _site.GetService<PublishedContentCache>().Current.Home!.Key;
        var folder = await content.CreateAsync(home, "initiativesPage", $"Map {Guid.NewGuid():N}"[..12], [new ContentPropertyValue("title", null, "Map")]);
        for (var i = 1; i <= count; i++)
        {
            var page = await content.CreateAsync(folder.Node!.Key, "initiative", $"Pagina {i:00}",
            [
                new ContentPropertyValue("title", null, $"Pagina {i}"), new ContentPropertyValue("summary", null, "Kort."),
                new ContentPropertyValue("status", null, "[\"open\"]"), new ContentPropertyValue("ownerName", null, "Eigenaar"),
                new ContentPropertyValue("ownerEmail", null, "eigenaar@example.org"),
            ]);
            Assert.True(page.Succeeded, string.Join(", ", page.Errors.Select(e => e.Message)));
        }
        return folder.Node!.Key;
    }

    [Fact]
    public async Task Twenty_five_pages_show_twenty_at_a_time_and_a_search_narrows_them()
    {
        var folder = await FolderWithPagesAsync(25);
        using var editor = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor));

        var first = await Html.ParseAsync(await editor.GetAsync($"/backoffice/inhoud/{folder}/lijst"));
        var second = await Html.ParseAsync(await editor.GetAsync($"/backoffice/inhoud/{folder}/lijst?pagina=2"));
        var search = await Html.ParseAsync(await editor.GetAsync($"/backoffice/inhoud/{folder}/lijst?zoek=Pagina%2007"));
        var concepts = await Html.ParseAsync(await editor.GetAsync($"/backoffice/inhoud/{folder}/lijst?status=gepubliceerd"));

        Assert.Equal(20, first.QuerySelectorAll("tbody tr").Length);
        Assert.Equal(5, second.QuerySelectorAll("tbody tr").Length);
        Assert.Equal(["Pagina 07"], search.QuerySelectorAll("tbody tr td[data-label=Pagina]").Select(td => td.TextContent.Trim()));
        Assert.Empty(concepts.QuerySelectorAll("tbody tr"));
    }

    [Fact]
    public async Task A_long_list_links_its_first_and_last_screens_and_those_near_the_one_shown_not_every_screen()
    {
        // Ten screens of twenty; 10,000 initiatives made 500, and linking each weighed 62 KB of every screen.
        var folder = await FolderWithPagesAsync(200);
        using var editor = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor));

        var fifth = await Html.ParseAsync(await editor.GetAsync($"/backoffice/inhoud/{folder}/lijst?pagina=5"));

        var pager = fifth.QuerySelector("nav[aria-label='Schermen van de lijst']")!;
        Assert.Equal(["Vorige", "1", "3", "4", "5", "6", "7", "10", "Volgende"], pager.QuerySelectorAll("a").Select(a => a.TextContent.Trim()));
        Assert.Equal("5", pager.QuerySelector("a[aria-current=page]")!.TextContent.Trim());
        Assert.EndsWith("pagina=4", pager.QuerySelectorAll("a")[0].GetAttribute("href"));
        Assert.EndsWith("pagina=10", pager.QuerySelectorAll("a")[^2].GetAttribute("href"));
    }

    [Fact]
    public async Task A_search_in_any_case_a_filter_and_a_screen_past_the_end_show_what_matches_in_order_and_a_folder_in_the_bin_has_no_list()
    {
        var folder = await FolderWithPagesAsync(23);
        using var editor = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor));

        var search = await Html.ParseAsync(await editor.GetAsync($"/backoffice/inhoud/{folder}/lijst?zoek=pagina%201&pagina=9"));
        var filtered = await Html.ParseAsync(await editor.GetAsync($"/backoffice/inhoud/{folder}/lijst?zoek=pagina&status=gepubliceerd"));
        var drafts = await Html.ParseAsync(await editor.GetAsync($"/backoffice/inhoud/{folder}/lijst?status=concept&pagina=2"));

        Assert.Equal(Enumerable.Range(10, 10).Select(i => $"Pagina {i}"),
            search.QuerySelectorAll("tbody tr td[data-label=Pagina]").Select(td => td.TextContent.Trim()));
        Assert.Empty(filtered.QuerySelectorAll("tbody tr"));
        Assert.Equal(["Pagina 21", "Pagina 22", "Pagina 23"], drafts.QuerySelectorAll("tbody tr td[data-label=Pagina]").Select(td => td.TextContent.Trim()));

        await _site.GetService<ContentTreeService>().TrashAsync(folder, PubliekeVeranderaars.Core.Storage.Actor.User("redactie@example.org"));
        Assert.Equal(HttpStatusCode.NotFound, (await editor.GetAsync($"/backoffice/inhoud/{folder}/lijst")).StatusCode);
    }

    [Fact]
    public async Task Only_the_first_page_of_the_list_cannot_move_earlier_and_only_the_last_cannot_move_later()
    {
        var folder = await FolderWithPagesAsync(4);
        using var editor = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor));

        static IEnumerable<string> Shown(AngleSharp.Dom.IDocument list, string direction) =>
            list.QuerySelectorAll("tbody tr").Where(row => row.QuerySelectorAll("form").Any(form =>
                    form.QuerySelector("input[name=direction]")?.GetAttribute("value") == direction && !form.HasAttribute("hidden")))
                .Select(row => row.QuerySelector("td[data-label=Pagina]")!.TextContent.Trim());
        var list = await Html.ParseAsync(await editor.GetAsync($"/backoffice/inhoud/{folder}/lijst"));

        Assert.Equal(["Pagina 02", "Pagina 03", "Pagina 04"], Shown(list, "-1"));
        Assert.Equal(["Pagina 01", "Pagina 02", "Pagina 03"], Shown(list, "1"));
    }

    [Fact]
    public async Task Publishing_and_unpublishing_ticked_pages_changes_those_pages_only_and_a_writer_cannot()
    {
        var folder = await FolderWithPagesAsync(4);
        var content = new SiteContent(_site);
        await content.PublishAsync(folder);
        var children = (await content.TreeAsync()).Where(n => n.ParentKey == folder).OrderBy(n => n.SortOrder).Select(n => n.Key).ToList();
        using var editor = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor));
        using var writer = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Writer));

        async Task<HttpResponseMessage> BulkAsync(HttpClient client, string action, IEnumerable<Guid> pages)
        {
            var token = await BackofficeUsers.TokenAsync(client, $"/backoffice/inhoud/{folder}/lijst");
            return await client.PostAsync($"/backoffice/inhoud/{folder}/lijst", new FormUrlEncodedContent(
                [new("__RequestVerificationToken", token), new("action", action), .. pages.Select(p => new KeyValuePair<string, string>("pages", p.ToString()))]));
        }

        Assert.Equal(HttpStatusCode.Redirect, (await BulkAsync(editor, "publiceren", children.Take(3))).StatusCode);
        var cache = _site.GetService<PublishedContentCache>();
        Assert.Equal(3, children.Count(k => cache.Current.ByKey(k) is not null));
        await BulkAsync(editor, "depubliceren", children.Take(2));
        Assert.Equal([children[2]], children.Where(k => cache.Current.ByKey(k) is not null));
        var refused = await BulkAsync(writer, "depubliceren", [children[2]]);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.NotNull(cache.Current.ByKey(children[2]));
        Assert.Contains("van de site gehaald", (await Html.ParseAsync(await editor.GetAsync($"/backoffice/inhoud/{folder}/lijst"))).QuerySelector("[role=status]")!.TextContent);
    }
}
