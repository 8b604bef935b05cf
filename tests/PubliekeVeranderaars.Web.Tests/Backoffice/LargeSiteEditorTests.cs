using System.Net;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Storage;
using PubliekeVeranderaars.Web.Backoffice;

namespace PubliekeVeranderaars.Web.Tests.Backoffice;

/// <summary>
/// On a site with more pages than a list can sensibly hold, a content picker lists the top of the tree and the page
/// it holds, and finds the others by search (issue 17: the home page's editor was 3 MB with 10,000 initiatives).
/// A save keeps the picked page, however deep it is.
/// </summary>
public class LargeSiteEditorTests
{
    [Fact]
    public async Task A_content_picker_on_a_large_site_lists_the_top_of_the_tree_and_the_picked_page_and_searches_the_rest()
    {
        using var site = new SiteHost(DatabaseProvider.Sqlite);
        var content = new SiteContent(site);
        var cache = site.GetService<PublishedContentCache>();
        var parent = cache.Current.ByRoute("/initiatieven/")!.Key;
        var home = cache.Current.Home!.Key;
        var added = new List<Guid>();
        for (var i = 0; i < BackofficeEditorModel.PagePickerListLimit; i++)
        {
            var created = await content.CreateAsync(parent, "initiative", $"Groot {i:000}",
                [new("title", null, $"Groot {i:000}"), new("summary", null, "Een van vele."), new("ownerName", null, "Sanne Jansen"),
                 new("ownerEmail", null, "groot@example.org"), new("status", null, "[\"open\"]")]);
            added.Add(created.Node!.Key);
        }
        // The home page's picker holds a page three levels down.
        var picked = "umb://document/" + added[123].ToString("N");
        var version = (await content.GetLatestVersionAsync(home))!;
        Assert.True((await content.SaveAsync(home, version.Name, [.. version.Values.Where(v => v.Alias != "initiativesPage"), new("initiativesPage", null, picked)])).Succeeded);
        using var editor = await BackofficeUsers.LoginAsync(site, await BackofficeUsers.CreateAsync(site, BackofficeRoles.Editor));

        using var response = await editor.GetAsync($"/backoffice/inhoud/{home}");
        var page = await Html.ParseAsync(response);

        var select = page.QuerySelector("select[name$='initiativesPage']")!;
        var values = select.QuerySelectorAll("option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains(picked, values);
        Assert.Equal(picked, select.QuerySelector("option[selected]")!.GetAttribute("value"));
        var listed = added.Count(key => values.Contains("umb://document/" + key.ToString("N")));
        Assert.Equal(1, listed);
        Assert.Contains("umb://document/" + parent.ToString("N"), values);
        // The screen reads whole rows only for what it names: the tree beside it shows the large folder as a count and
        // a link to its list view, none of its pages; the picker's help counts every page.
        var tree = page.QuerySelector("nav[aria-label='Inhoudsboom']")!;
        Assert.NotNull(tree.QuerySelector($"a[href='/backoffice/inhoud/{parent}/lijst']"));
        Assert.DoesNotContain(added, key => tree.InnerHtml.Contains(key.ToString()));
        Assert.Contains(home.ToString(), tree.InnerHtml);
        var pages = (await site.GetService<ContentQueries>().TreeAsync()).Count;
        Assert.Contains($"De site heeft {pages} pagina's", page.QuerySelector($"#{select.Id}-zoek-uitleg")!.TextContent);
        var search = page.QuerySelector($"input[data-page-search='{select.Id}']");
        Assert.NotNull(search);
        Assert.Null(search!.GetAttribute("name"));
        Assert.Equal(search.Id, page.QuerySelector($"label[for='{search.Id}']")?.GetAttribute("for"));

        // The search the field asks finds a page that is not listed.
        var found = await editor.GetStringAsync("/backoffice/inhoud/kiezer?zoek=Groot%20200");
        Assert.Contains(added[200].ToString(), found);

        // Saved as the browser sends it, the picked page stays.
        var saved = await EditorForm.PostAsync(editor, home, "", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(picked, (await content.GetLatestVersionAsync(home))!.Values.Single(v => v.Alias == "initiativesPage").Value);
    }
}
