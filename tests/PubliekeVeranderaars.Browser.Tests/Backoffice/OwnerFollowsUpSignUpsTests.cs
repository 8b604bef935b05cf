using Microsoft.Playwright;
using PubliekeVeranderaars.Core.Backoffice;

namespace PubliekeVeranderaars.Browser.Tests.Backoffice;

/// <summary>An initiative's owner, on a phone, finds the new sign-up of their initiative and notes that they called.</summary>
[Collection(BrowserCollection.Name)]
public class OwnerFollowsUpSignUpsTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(390)]
    [InlineData(1280)]
    public async Task The_owner_marks_a_new_sign_up_as_contacted_with_a_note(int width)
    {
        var name = $"Sanne Opvolging {width}";
        var visitor = await browser.NewPageAsync(width);
        await visitor.GotoAsync("/initiatieven/innovatielab-open-overheid/");
        await visitor.GetByRole(AriaRole.Textbox, new() { Name = "Naam" }).FillAsync(name);
        await visitor.GetByRole(AriaRole.Textbox, new() { Name = "E-mailadres" }).FillAsync($"sanne.{width}@example.org");
        await visitor.GetByLabel("Ik geef toestemming").CheckAsync();
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Meld je aan" }).ClickAsync();
        await Assertions.Expect(visitor.GetByRole(AriaRole.Status)).ToContainTextAsync("Bedankt");
        await visitor.Context.CloseAsync();

        var owner = await browser.NewPageAsync(width);
        await owner.GotoAsync("/backoffice/inloggen");
        var email = await BackofficeUsers.CreateAsync(browser.Site, BackofficeRoles.InitiativeOwner, $"eigenaar{width}.{Guid.NewGuid():N}@example.org");
        await SetOwnerAsync(email);
        await BackofficeLoginForm.SubmitAsync(owner, email, BackofficeUsers.Password);
        await owner.GetByRole(AriaRole.Link, new() { Name = "Aanmeldingen" }).First.ClickAsync();
        await Assertions.Expect(owner.Locator(".backoffice-card .site-badge")).ToContainTextAsync("nieuw");
        await BrowserFixture.AssertAccessibleAsync(owner);
        var initiative = browser.Site.GetService<Core.Content.PublishedContentCache>().Current.ByRoute("/initiatieven/innovatielab-open-overheid/")!.Name;
        await owner.Locator(".backoffice-card").GetByRole(AriaRole.Link, new() { Name = initiative }).ClickAsync();

        var entry = owner.Locator(".backoffice-entry").Filter(new() { HasText = name });
        await Assertions.Expect(entry.Locator("h2")).ToContainTextAsync("Nieuw");
        await entry.GetByLabel("Contact opgenomen").CheckAsync();
        await entry.GetByLabel("Notitie").FillAsync("Gebeld; komt naar de volgende bijeenkomst.");
        await entry.GetByRole(AriaRole.Button, new() { Name = "Bewaren" }).ClickAsync();

        await Assertions.Expect(owner.GetByRole(AriaRole.Status)).ToContainTextAsync("Opvolging bewaard");
        await Assertions.Expect(owner.Locator(".backoffice-entry").Filter(new() { HasText = name }).Locator("h2")).ToContainTextAsync("Contact opgenomen");
        await BrowserFixture.AssertAccessibleAsync(owner);
        await owner.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"backoffice-aanmeldingen-eigenaar-{width}.png"), FullPage = true });
        await owner.Context.CloseAsync();
    }

    /// <summary>The owner address of the initiative becomes this test's owner, as an editor would set it.</summary>
    private async Task SetOwnerAsync(string email)
    {
        var content = new SiteContent(browser.Site);
        var key = browser.Site.GetService<Core.Content.PublishedContentCache>().Current.ByRoute("/initiatieven/innovatielab-open-overheid/")!.Key;
        var version = (await content.GetLatestVersionAsync(key))!;
        Assert.True((await content.SaveAsync(key, version.Name,
            [.. version.Values.Where(v => v.Alias != "ownerEmail"), new Core.Content.ContentPropertyValue("ownerEmail", null, email)])).Succeeded);
        Assert.True((await content.PublishAsync(key)).Succeeded);
    }
}
