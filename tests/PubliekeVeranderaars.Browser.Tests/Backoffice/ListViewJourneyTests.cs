using Microsoft.Playwright;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Browser.Tests.Backoffice;

/// <summary>An editor takes several initiatives off the site at once from the list view, and drags one to the top.</summary>
[Collection(BrowserCollection.Name)]
public class ListViewJourneyTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task An_editor_unpublishes_ticked_pages_from_the_list_view(int width)
    {
        var content = new SiteContent(browser.Site);
        var home = browser.Site.GetService<PublishedContentCache>().Current.Home!.Key;
        var folder = (await content.CreateAsync(home, "initiativesPage", $"Archief {width}", [new ContentPropertyValue("title", null, "Archief")])).Node!;
        await content.PublishAsync(folder.Key);
        var keys = new List<Guid>();
        for (var i = 1; i <= 4; i++)
        {
            var page = (await content.CreateAsync(folder.Key, "initiative", $"Oud initiatief {i}",
            [
                new ContentPropertyValue("title", null, $"Oud initiatief {i}"), new ContentPropertyValue("summary", null, "Afgerond."),
                new ContentPropertyValue("status", null, "[\"gesloten\"]"), new ContentPropertyValue("ownerName", null, "Eigenaar"),
                new ContentPropertyValue("ownerEmail", null, "eigenaar@example.org"),
            ])).Node!;
            await content.PublishAsync(page.Key);
            keys.Add(page.Key);
        }
        var email = await BackofficeUsers.CreateAsync(browser.Site, BackofficeRoles.Editor);
        var editor = await browser.NewPageAsync(width);
        await editor.GotoAsync("/backoffice/inloggen");
        await BackofficeLoginForm.SubmitAsync(editor, email, BackofficeUsers.Password);
        await editor.GotoAsync($"/backoffice/inhoud/{folder.Key}/lijst");
        await BrowserFixture.AssertAccessibleAsync(editor);

        await editor.GetByLabel("Oud initiatief 1 aanvinken").CheckAsync();
        await editor.GetByLabel("Oud initiatief 3 aanvinken").CheckAsync();
        await editor.GetByRole(AriaRole.Button, new() { Name = "Van de site halen" }).ClickAsync();

        await Assertions.Expect(editor.GetByRole(AriaRole.Status)).ToContainTextAsync("2 pagina's van de site gehaald");
        await BrowserFixture.AssertAccessibleAsync(editor);
        await editor.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"backoffice-lijst-{width}.png"), FullPage = true });
        var cache = browser.Site.GetService<PublishedContentCache>();
        Assert.Equal([false, true, false, true], keys.Select(k => cache.Current.ByKey(k) is not null));

        if (width >= 1280)
        {
            // Dragged from the bottom to the top; the keyboard way is the Eerder/Later buttons on each row.
            await editor.Locator($"tr[data-key='{keys[3]}'] .backoffice-drag").DragToAsync(editor.Locator($"tr[data-key='{keys[0]}']"),
                new() { TargetPosition = new() { X = 5, Y = 2 } });
            await Assertions.Expect(editor.GetByRole(AriaRole.Status)).ToContainTextAsync("nieuwe volgorde");
            Assert.Equal(keys[3], (await content.TreeAsync()).Where(n => n.ParentKey == folder.Key).OrderBy(n => n.SortOrder).First().Key);

            await editor.GotoAsync($"/backoffice/inhoud/{keys[1]}");
            await BrowserFixture.AssertAccessibleAsync(editor);
            await editor.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "backoffice-boom-en-editor.png"), FullPage = false });
        }
        await editor.Context.CloseAsync();
        Assert.True((await content.TrashAsync(folder.Key)).Succeeded);
    }
}
