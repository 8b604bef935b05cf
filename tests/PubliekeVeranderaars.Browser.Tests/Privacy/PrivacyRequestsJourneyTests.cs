using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Storage;
using PubliekeVeranderaars.Browser.Tests.Backoffice;

namespace PubliekeVeranderaars.Browser.Tests.Privacy;

/// <summary>A person asks to be erased: staff register the request, look the person up, erase them, and the request is answered.</summary>
[Collection(BrowserCollection.Name)]
public class PrivacyRequestsJourneyTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task A_privacy_officer_registers_an_erasure_request_looks_the_person_up_and_erases_them(int width)
    {
        var email = $"wis.mij.{width}.{Guid.NewGuid():N}"[..24] + "@example.org";
        var visitor = await browser.NewPageAsync(width);
        await visitor.GotoAsync("/initiatieven/innovatielab-open-overheid/");
        await visitor.GetByRole(AriaRole.Textbox, new() { Name = "Naam" }).FillAsync($"Wis Mij {width}");
        await visitor.GetByRole(AriaRole.Textbox, new() { Name = "E-mailadres" }).FillAsync(email);
        await visitor.GetByRole(AriaRole.Textbox, new() { Name = "Waarom wil je meedoen?" }).FillAsync("Graag, maar wis me later weer.");
        await visitor.GetByLabel("Ik geef toestemming").CheckAsync();
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Meld je aan" }).ClickAsync();
        await visitor.Context.CloseAsync();

        var officer = await BackofficeUsers.CreateAsync(browser.Site, BackofficeRoles.Privacy);
        var page = await browser.NewPageAsync(width);
        await page.GotoAsync("/backoffice/inloggen");
        await BackofficeLoginForm.SubmitAsync(page, officer, BackofficeUsers.Password);
        await page.GotoAsync("/backoffice/privacy");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Privacy\u00ADverzoeken$"));

        // The request as it came in, by mail: an erasure, today.
        await page.GetByLabel("E-mailadres van wie het vroeg").FillAsync(email);
        await page.GetByLabel("Soort verzoek").SelectOptionAsync(new SelectOptionValue { Label = "Wissen" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Vastleggen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Beantwoorden vóór");
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = $"{email} opzoeken" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Gegevens van {email}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Aanmelding (1)" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Graag, maar wis me later weer.", new() { Exact = true })).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        // Long labels (a consent sentence) and long addresses wrap: nothing runs off a phone's screen.
        Assert.Equal("", await page.EvaluateAsync<string>("[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).map(e => e.tagName + '.' + e.className).join(' | ')"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"backoffice-privacy-opzoeken-{width}.png"), FullPage = true });

        // Without the tick nothing happens, and the page says why.
        await page.GetByRole(AriaRole.Button, new() { Name = "Alles wissen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Vink aan");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByLabel($"Ja, wis alles over {email}").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Alles wissen" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Gewist: 0 ondertekeningen, 1 aanmelding");
        await Assertions.Expect(page.GetByText(email)).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("Alle gegevens gewist.").First).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"backoffice-privacy-{width}.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "Welke gegevens we bewaren en hoe lang" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Bewaartermijnen");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "verwijderd 14 dagen na het ondertekenen" })).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(page);

        await using var db = browser.Site.GetService<SiteDatabase>().Open();
        Assert.DoesNotContain((await db.FormEntries.ToListAsync()).SelectMany(e => e.Values), v => v.Value == email);
        await page.Context.CloseAsync();
    }
}
