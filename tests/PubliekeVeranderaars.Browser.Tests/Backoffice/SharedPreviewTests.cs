using Microsoft.Playwright;
using PubliekeVeranderaars.Core.Backoffice;
using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Browser.Tests.Backoffice;

/// <summary>An editor shares a draft with a colleague without an account, and takes the link back.</summary>
[Collection(BrowserCollection.Name)]
public class SharedPreviewTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task A_shared_preview_works_logged_out_and_stops_when_revoked_or_expired(int width)
    {
        var content = new SiteContent(browser.Site);
        var home = browser.Site.GetService<PublishedContentCache>().Current.Home!.Key;
        var name = $"Gedeeld concept {width}";
        var created = await content.CreateAsync(home, "contentPage", name,
            [new ContentPropertyValue("title", null, name), new ContentPropertyValue("body", null, "<p>Nog niet op de site, wel te lezen voor wie de link heeft.</p>")]);
        var email = await BackofficeUsers.CreateAsync(browser.Site, BackofficeRoles.Editor);
        var editor = await browser.NewPageAsync(width);
        await editor.GotoAsync("/backoffice/inloggen");
        await BackofficeLoginForm.SubmitAsync(editor, email, BackofficeUsers.Password);
        await editor.GotoAsync($"/backoffice/inhoud/{created.Node!.Key}");
        // The list of versions stays readable on a phone: its columns are not squeezed to a letter a line.
        var narrowest = await editor.EvaluateAsync<double>("Math.min(...[...document.querySelectorAll('#versies ~ table tbody td:nth-child(-n+3)')].map(td => td.getBoundingClientRect().width))");
        Assert.True(narrowest > 80, $"a column of the versions list is {narrowest} px wide");

        await editor.GetByRole(AriaRole.Button, new() { Name = "Voorbeeldlink maken" }).ClickAsync();
        var link = (await editor.Locator("#voorbeeld-delen ~ .utrecht-alert code, .site-section .utrecht-alert code").First.TextContentAsync())!;
        await BrowserFixture.AssertAccessibleAsync(editor);

        var colleague = await browser.NewPageAsync(width);
        await colleague.GotoAsync(new Uri(link).PathAndQuery);
        await Assertions.Expect(colleague.Locator(".site-preview")).ToContainTextAsync("Voorbeeld van een concept");
        await Assertions.Expect(colleague.Locator("main")).ToContainTextAsync("Nog niet op de site");
        await BrowserFixture.AssertAccessibleAsync(colleague);
        await colleague.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"voorbeeld-gedeeld-{width}.png"), FullPage = true });

        await editor.GetByRole(AriaRole.Button, new() { Name = "Intrekken" }).First.ClickAsync();
        await Assertions.Expect(editor.GetByRole(AriaRole.Status)).ToContainTextAsync("werkt niet meer");
        var response = await colleague.GotoAsync(new Uri(link).PathAndQuery);
        Assert.Equal(410, response!.Status);
        await Assertions.Expect(colleague.GetByRole(AriaRole.Status)).ToContainTextAsync("werkt niet (meer)");
        await BrowserFixture.AssertAccessibleAsync(colleague);

        // A second link, whose week has passed: the same answer as a revoked one.
        await editor.GetByRole(AriaRole.Button, new() { Name = "Voorbeeldlink maken" }).ClickAsync();
        var expiring = (await editor.Locator("#voorbeeld-delen ~ .utrecht-alert code, .site-section .utrecht-alert code").First.TextContentAsync())!;
        Assert.NotEqual(link, expiring);
        Assert.Equal(200, (await colleague.GotoAsync(new Uri(expiring).PathAndQuery))!.Status);
        await using (var db = browser.Site.GetService<SiteDatabase>().Open())
        {
            await db.ContentPreviewLinks.Where(l => l.NodeKey == created.Node.Key && l.RevokedUtc == null)
                .ExecuteUpdateAsync(l => l.SetProperty(x => x.ExpiresUtc, DateTime.UtcNow.AddMinutes(-1)));
        }
        Assert.Equal(410, (await colleague.GotoAsync(new Uri(expiring).PathAndQuery))!.Status);
        await Assertions.Expect(colleague.GetByRole(AriaRole.Status)).ToContainTextAsync("werkt niet (meer)");
        await colleague.Context.CloseAsync();
        await editor.Context.CloseAsync();
        Assert.True((await content.TrashAsync(created.Node.Key)).Succeeded);
    }
}
