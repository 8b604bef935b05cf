using Microsoft.Playwright;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Media;
using PubliekeVeranderaars.Browser.Tests.Backoffice;

namespace PubliekeVeranderaars.Browser.Tests.Media;

/// <summary>
/// An editor uploads photos (one is refused, with a reason), describes one and sets its focal point by clicking,
/// picks it on an initiative and publishes; a visitor sees the image. Every screen at desktop and phone width, with axe.
/// </summary>
[Collection(BrowserCollection.Name)]
public class EditorAddsAnImageTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task An_editor_uploads_describes_and_picks_an_image_and_the_initiative_shows_it(int width)
    {
        var files = Directory.CreateTempSubdirectory("pv-upload-").FullName;
        var photo = Path.Combine(files, $"werksessie-{width}.jpg");
        await File.WriteAllBytesAsync(photo, TestImages.JpegWithGps(1600, 1000));
        var broken = Path.Combine(files, "logo.svg");
        await File.WriteAllTextAsync(broken, "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");

        var page = await browser.NewPageAsync(width);
        await page.GotoAsync("/backoffice/inloggen");
        await BackofficeLoginForm.SubmitAsync(page, await BackofficeUsers.CreateAsync(browser.Site, BackofficeRoles.Editor), BackofficeUsers.Password);
        await page.GetByRole(AriaRole.Link, new() { Name = "Media", Exact = true }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Media");

        // Two files at once: each gets its own progress and outcome.
        await page.GetByLabel("Kies bestanden of sleep ze hierheen").SetInputFilesAsync([photo, broken]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Uploaden" }).ClickAsync();
        await Assertions.Expect(page.GetByText("SVG-bestand")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("geüpload; vul nog de alt-tekst in")).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Openen" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"werksessie {width}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Beschrijf wat er op de afbeelding te zien is");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByLabel("Alt-tekst *").FillAsync("Vier collega's schetsen een plan op grote vellen papier.");
        // A click on the image, a quarter from the left and a third from the top, sets the focal point.
        var image = page.Locator(".backoffice-focus__image");
        var box = (await image.BoundingBoxAsync())!;
        await image.ClickAsync(new() { Position = new() { X = box.Width * 0.25f, Y = box.Height / 3 } });
        Assert.Equal(25, double.Parse(await page.GetByLabel("Van links (%)").InputValueAsync(), System.Globalization.CultureInfo.InvariantCulture), 0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Opgeslagen");
        await Assertions.Expect(page.GetByText("Geen enkele pagina gebruikt dit item.")).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        AssertNothingRunsOffTheScreen(await OffScreenAsync(page));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"backoffice-media-item-{width}.png"), FullPage = true });

        await page.GotoAsync("/backoffice/media");
        await BrowserFixture.AssertAccessibleAsync(page);
        AssertNothingRunsOffTheScreen(await OffScreenAsync(page));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"backoffice-media-{width}.png"), FullPage = true });

        // The picker on an initiative: the image by its thumbnail and name.
        var initiative = await NewInitiativeAsync(width);
        await page.GotoAsync($"/backoffice/inhoud/{initiative}");
        var radio = page.GetByRole(AriaRole.Radio, new() { Name = $"werksessie {width}" }).First;
        // The radio button itself is hidden behind its thumbnail: a person clicks the picture and its name.
        await page.Locator($"label[for='{await radio.GetAttributeAsync("id")}']").ClickAsync();
        await Assertions.Expect(radio).ToBeCheckedAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.Locator(".backoffice-media-picker").First.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"backoffice-media-picker-{width}.png") });
        // The same image in the description, from the rich text editor's image dialog, with its alt text from the library.
        await page.GetByRole(AriaRole.Button, new() { Name = "Afbeelding", Exact = true }).First.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Zoek in de mediabibliotheek").FillAsync($"werksessie {width}");
        await dialog.GetByRole(AriaRole.Button, new() { Name = $"werksessie {width}" }).ClickAsync();
        await Assertions.Expect(dialog.GetByLabel("Alt-tekst")).ToHaveValueAsync("Vier collega's schetsen een plan op grote vellen papier.");
        await BrowserFixture.AssertAccessibleAsync(page);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Afbeelding invoegen" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan en publiceren" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("gepubliceerd", new() { IgnoreCase = true });

        var visitor = await browser.NewPageAsync(width);
        await visitor.GotoAsync(browser.Site.GetService<PublishedContentCache>().Current.ByKey(initiative)!.Route);
        var shown = visitor.GetByRole(AriaRole.Img, new() { Name = "Vier collega's schetsen een plan op grote vellen papier." });
        await Assertions.Expect(shown).ToHaveCountAsync(2);
        await Assertions.Expect(shown.First).ToBeVisibleAsync();
        Assert.True(await shown.First.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"));
        Assert.Contains("1600w", await shown.Nth(1).GetAttributeAsync("srcset"));
        AssertNothingRunsOffTheScreen(await OffScreenAsync(visitor));
        await BrowserFixture.AssertAccessibleAsync(visitor);
        await visitor.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"initiatief-met-afbeelding-{width}.png"), FullPage = true });

        // An image nobody uses goes to the bin without a question; the bin lists it with its actions.
        await page.GotoAsync("/backoffice/media");
        var spare = Path.Combine(files, $"reserve-{width}.png");
        await File.WriteAllBytesAsync(spare, TestImages.Png(300, 200));
        await page.GetByLabel("Kies bestanden of sleep ze hierheen").SetInputFilesAsync(spare);
        await page.GetByRole(AriaRole.Button, new() { Name = "Uploaden" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Openen" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Naar de prullenbak" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("staat in de prullenbak");
        await page.GotoAsync("/backoffice/media/prullenbak");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Terugzetten reserve {width}" })).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        AssertNothingRunsOffTheScreen(await OffScreenAsync(page));
        await page.Context.CloseAsync();
        await visitor.Context.CloseAsync();
        Directory.Delete(files, recursive: true);
    }

    private async Task<Guid> NewInitiativeAsync(int width)
    {
        var parent = browser.Site.GetService<PublishedContentCache>().Current.ByRoute("/initiatieven/")!;
        var created = await browser.Site.GetService<ContentEditingService>().CreateAsync(parent.Key, "initiative", $"Werkplaats {width}",
            [new("title", null, $"Werkplaats {width}"), new("summary", null, "Samen schetsen aan de overheid van morgen."), new("ownerName", null, "Sanne Jansen"),
             new("ownerEmail", null, "werkplaats@example.org"), new("status", null, "[\"open\"]")], Core.Storage.Actor.System);
        Assert.True(created.Succeeded);
        return created.Node!.Key;
    }

    private static Task<string> OffScreenAsync(IPage page) =>
        page.EvaluateAsync<string>("[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).map(e => e.tagName + '.' + e.className).join(' | ')");

    private static void AssertNothingRunsOffTheScreen(string offScreen) => Assert.Equal("", offScreen);
}
