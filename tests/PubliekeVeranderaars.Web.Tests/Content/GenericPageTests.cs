using System.Net;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Sync;

namespace PubliekeVeranderaars.Web.Tests.Content;

/// <summary>An imported site's own document types have no view here: their pages show their content, never a 500.</summary>
public sealed class GenericPageTests(SqliteSiteFixture fixture) : IClassFixture<SqliteSiteFixture>
{
    [Fact]
    public async Task A_page_whose_type_has_no_view_shows_its_text_in_the_sites_layout()
    {
        var site = fixture.Site;
        var richText = site.GetService<PublishedContentCache>().Current.Home!.Properties["intro"];
        var type = new DocumentType
        {
            Key = Guid.NewGuid(), Alias = "eventPage", Name = "Evenement", AllowAtRoot = true,
            Properties =
            [
                new DocumentTypeProperty { Key = Guid.NewGuid(), Alias = "title", Name = "Titel", EditorAlias = EditorAliases.TextBox },
                new DocumentTypeProperty { Key = Guid.NewGuid(), Alias = "description", Name = "Beschrijving", EditorAlias = richText.EditorAlias },
                new DocumentTypeProperty { Key = Guid.NewGuid(), Alias = "organiser", Name = "Organisator", EditorAlias = EditorAliases.EmailAddress, IsSensitive = true },
            ],
        };
        var bundle = new USyncBundle();
        bundle.DocumentTypes.Add(type);
        bundle.Content.Add(new USyncContentItem
        {
            Key = Guid.NewGuid(), Alias = "Встреча сети", Name = "Встреча сети", Level = 1, ContentTypeAlias = "eventPage", Published = true,
            CreateDate = DateTime.UtcNow,
            Values = [new("title", null, "Netwerkdag"), new("description", null, "<p>Op <strong>12 maart</strong> in Utrecht.</p>"), new("organiser", null, "geheim@example.org")],
        });
        await site.GetService<USyncImportService>().ImportAsync(bundle);

        using var visitor = site.CreateHttpClient();
        var response = await visitor.GetAsync("/" + Uri.EscapeDataString("встреча-сети") + "/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("Netwerkdag", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("Op 12 maart in Utrecht.", page.QuerySelector("main .utrecht-rich-text")!.TextContent);
        Assert.DoesNotContain("geheim@example.org", page.DocumentElement.OuterHtml);

        // Its preview, in the back office and through a shared link, is the same page: never a 500.
        var key = site.GetService<PublishedContentCache>().Current.All.Single(c => c.ContentTypeAlias == "eventPage").Key;
        using var editor = await BackofficeUsers.LoginAsync(site, await BackofficeUsers.CreateAsync(site, Core.Backoffice.BackofficeRoles.Editor));
        var preview = await editor.GetAsync($"/backoffice/inhoud/{key}/voorbeeld");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal("Netwerkdag", (await Html.ParseAsync(preview)).QuerySelector("h1")!.TextContent);
        var shared = await visitor.GetAsync(new Uri(await Backoffice.PreviewLinksTests.ShareAsync(editor, key)).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, shared.StatusCode);
        Assert.Equal("Netwerkdag", (await Html.ParseAsync(shared)).QuerySelector("h1")!.TextContent);
    }
}
