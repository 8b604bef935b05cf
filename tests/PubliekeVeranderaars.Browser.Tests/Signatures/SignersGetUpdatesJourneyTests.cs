using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PubliekeVeranderaars.Browser.Tests.Backoffice;
using PubliekeVeranderaars.Core.Backoffice;

namespace PubliekeVeranderaars.Browser.Tests.Signatures;

/// <summary>
/// A visitor asks for updates when signing; communication staff write and send one; the visitor leaves through the
/// update's own link. Each page at a desk's and a phone's width, each checked with axe.
/// </summary>
[Collection(BrowserCollection.Name)]
public partial class SignersGetUpdatesJourneyTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task A_signer_asks_for_updates_staff_send_one_and_the_signer_leaves_through_its_link(int width)
    {
        var email = $"updates.{width}.{Guid.NewGuid():N}"[..24] + "@example.org";
        var visitor = await browser.NewPageAsync(width);
        await visitor.GotoAsync("/ondertekenen/");
        await visitor.GetByRole(AriaRole.Textbox, new() { Name = "Naam" }).FillAsync($"Uma Update {width}");
        await visitor.GetByRole(AriaRole.Textbox, new() { Name = "E-mailadres" }).FillAsync(email);
        await visitor.GetByLabel("Stuur mij af en toe een update").CheckAsync();
        await visitor.GetByLabel("Ik geef toestemming").CheckAsync();
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Onderteken het manifest" }).ClickAsync();
        await Assertions.Expect(visitor.GetByRole(AriaRole.Status)).ToContainTextAsync("We hebben je een e-mail gestuurd");

        var confirmation = await browser.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email));
        await visitor.GotoAsync(new Uri(ConfirmLink().Match(confirmation.TextBody ?? "").Value).PathAndQuery);
        // Updates need the inbox owner's own tick here: the form's tick could have been anyone's.
        var updates = visitor.GetByLabel("Ja, stuur mij af en toe een update");
        await Assertions.Expect(updates).Not.ToBeCheckedAsync();
        await BrowserFixture.AssertAccessibleAsync(visitor);
        await visitor.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"ondertekening-bevestigen-updates-{width}.png"), FullPage = true });
        await updates.CheckAsync();
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Ja, ik onderteken het manifest" }).ClickAsync();
        await Assertions.Expect(visitor.GetByRole(AriaRole.Status)).ToContainTextAsync("je ondertekening is bevestigd");

        var editor = await BackofficeUsers.CreateAsync(browser.Site, BackofficeRoles.Editor);
        var page = await browser.NewPageAsync(width);
        await page.GotoAsync("/backoffice/inloggen");
        await BackofficeLoginForm.SubmitAsync(page, editor, BackofficeUsers.Password);
        await page.GotoAsync("/backoffice/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Updates", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Updates aan ondertekenaars");
        await BrowserFixture.AssertAccessibleAsync(page);

        var subject = $"Het netwerk groeit ({width})";
        await page.GetByLabel("Onderwerp").FillAsync(subject);
        await page.GetByLabel("Tekst").FillAsync("Beste ondertekenaar,\n\nWe zijn met steeds meer. Dank je wel!");
        // Without the tick nothing is sent; the page says why and keeps what was typed.
        await page.GetByRole(AriaRole.Button, new() { Name = "Update versturen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Vink aan dat je deze update nu naar");
        await Assertions.Expect(page.GetByLabel("Onderwerp")).ToHaveValueAsync(subject);
        await Assertions.Expect(page.GetByLabel("Tekst")).ToHaveValueAsync("Beste ondertekenaar,\n\nWe zijn met steeds meer. Dank je wel!");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"backoffice-updates-fout-{width}.png"), FullPage = true });

        await page.GetByLabel("Ja, stuur deze update nu naar").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Update versturen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("De update staat klaar voor");
        await Assertions.Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync(subject);
        await BrowserFixture.AssertAccessibleAsync(page);
        Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"backoffice-updates-{width}.png"), FullPage = true });

        var update = await browser.Smtp.WaitForAsync(m => m.Subject == subject && m.To.Mailboxes.Any(a => a.Address == email));
        await visitor.GotoAsync(new Uri(UnsubscribeLink().Match(update.TextBody ?? "").Value).PathAndQuery);
        await Assertions.Expect(visitor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Afmelden voor updates");
        await BrowserFixture.AssertAccessibleAsync(visitor);
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Meld mij af voor updates" }).ClickAsync();
        await Assertions.Expect(visitor.GetByRole(AriaRole.Status)).ToContainTextAsync("Je bent afgemeld");
        await BrowserFixture.AssertAccessibleAsync(visitor);
        await visitor.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"updates-afgemeld-{width}.png"), FullPage = true });

        await page.Context.CloseAsync();
        await visitor.Context.CloseAsync();
    }

    [GeneratedRegex(@"https?://\S+/ondertekenen/bevestigen\?token=[A-Za-z0-9_-]+")]
    private static partial Regex ConfirmLink();

    [GeneratedRegex(@"https?://\S+/ondertekenen/afmelden\?token=[A-Za-z0-9_-]+")]
    private static partial Regex UnsubscribeLink();
}
