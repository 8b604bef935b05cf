using Microsoft.Playwright;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Media;
using PubliekeVeranderaars.Core.Storage;
using PubliekeVeranderaars.Browser.Tests.Backoffice;

namespace PubliekeVeranderaars.Browser.Tests.Media;

/// <summary>
/// A writer may describe images that only drafts use; one that a published page shows is an editor's to change, and
/// the media screen says so in Dutch, keeps what the writer typed, and changes nothing visitors see.
/// </summary>
[Collection(BrowserCollection.Name)]
public class WriterMeetsALiveImageTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task A_writer_is_told_that_an_image_on_a_live_page_is_an_editors_to_change(int width)
    {
        var site = browser.Site;
        var image = (await site.GetService<MediaLibrary>().UploadAsync($"op-de-site-{width}.png", TestImages.Png(400, 300), null, Actor.System,
            altText: "Twee collega's aan tafel.")).Item!;
        var content = new SiteContent(site);
        var parent = site.GetService<PublishedContentCache>().Current.ByRoute("/initiatieven/")!.Key;
        var name = $"Beeld op de site {Guid.NewGuid():N}"[..24];
        var created = await content.CreateAsync(parent, "initiative", name,
            [new("title", null, name), new("summary", null, "Met een beeld."), new("ownerName", null, "Sanne"), new("ownerEmail", null, "sanne@example.org"),
             new("status", null, "[\"open\"]"), new("image", null, MediaPickerValue.Write([image.Key]))], "test");
        await content.PublishAsync(created.Node!.Key);
        try
        {
            var page = await BackofficeLoginForm.LogInAsNewUserAsync(browser, BackofficeRoles.Writer, width);
            await page.GotoAsync($"/backoffice/media/{image.Key}");
            await page.GetByLabel("Alt-tekst *").FillAsync("Een andere beschrijving.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan", Exact = true }).ClickAsync();

            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Alleen een redacteur kan het wijzigen");
            await Assertions.Expect(page.GetByLabel("Alt-tekst *")).ToHaveValueAsync("Een andere beschrijving.");
            Assert.Equal("Twee collega's aan tafel.", (await site.GetService<MediaQueries>().FindAsync(image.Key))!.AltText);
            await BrowserFixture.AssertAccessibleAsync(page);
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"backoffice-media-alleen-redacteur-{width}.png") });
            await page.Context.CloseAsync();
        }
        finally
        {
            await content.TrashAsync(created.Node.Key);
            await site.GetService<ContentTreeService>().DeleteForGoodAsync(created.Node.Key, Actor.System);
        }
    }
}
