using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Web.Tests.Backoffice;

/// <summary>Comparing versions shows what a person reads, with the changed words marked and untouched fields as untouched.</summary>
public class CompareVersionsTests(SqliteSiteFixture fixture) : IClassFixture<SqliteSiteFixture>
{
    private readonly SiteHost _site = fixture.Site;

    [Fact]
    public async Task The_changed_words_are_marked_in_the_text_and_fields_nobody_touched_are_not_called_changed()
    {
        var content = new SiteContent(_site);
        var home = _site.GetService<PublishedContentCache>().Current.Home!.Key;
        var name = $"Vergelijk {Guid.NewGuid():N}"[..18];
        var created = await content.CreateAsync(home, "contentPage", name,
            [new ContentPropertyValue("title", null, "Titel"), new ContentPropertyValue("body", null, "<p>Wij werken samen aan een open&nbsp;overheid.</p>")]);
        var key = created.Node!.Key;
        var first = (await content.GetLatestVersionAsync(key))!;
        await content.SaveAsync(key, name, [new ContentPropertyValue("title", null, "Titel"),
            new ContentPropertyValue("body", null, "<p>Wij werken graag samen aan een open overheid.</p>")]);
        using var editor = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor));

        var page = await Html.ParseAsync(await editor.GetAsync($"/backoffice/inhoud/{key}/vergelijk/{first.Id}"));

        var fields = page.QuerySelectorAll(".backoffice-compare__field").ToList();
        var body = Assert.Single(fields);
        Assert.Equal("Tekst", body.QuerySelector("h2")!.TextContent);
        Assert.Equal("graag ", body.QuerySelector("ins")!.TextContent.Replace("[toegevoegd: ", "").Replace("]", ""));
        Assert.DoesNotContain("<p>", body.TextContent);
        Assert.DoesNotContain("&nbsp;", body.InnerHtml);
        Assert.Contains("Titel", page.QuerySelector(".backoffice-compare__unchanged")!.TextContent);
    }
}
