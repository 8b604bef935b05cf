using Microsoft.Playwright;

namespace PubliekeVeranderaars.Browser.Tests.Forms;

[Collection(BrowserCollection.Name)]
public class VisitorJoinsAnInitiativeTests(BrowserFixture browser)
{
    [Fact]
    public async Task Visitor_joins_an_initiative_and_the_owner_gets_the_mail()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/initiatieven/leernetwerk-publieke-innovatie/");
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Meld je aan" }).ClickAsync();

        var summary = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(summary).ToContainTextAsync("Vul je naam in.");
        await Assertions.Expect(summary).ToContainTextAsync("Geef toestemming");
        await Assertions.Expect(page.GetByLabel("Naam")).ToHaveAttributeAsync("aria-invalid", "true");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "doe-mee-fouten.png"), FullPage = true });

        var name = "Fenna Þórsdóttir-Ĳzerman";
        await page.GetByLabel("Naam").FillAsync(name);
        await page.GetByLabel("E-mailadres").FillAsync("fenna@example.org");
        await page.GetByLabel("Organisatie").FillAsync("Provincie Zeeland");
        await page.GetByLabel("Waarom wil je meedoen?").FillAsync("Ik leer graag van andere vernieuwers 🌱");
        await page.GetByLabel("Ik geef toestemming").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Meld je aan" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Bedankt voor je aanmelding");
        await BrowserFixture.AssertAccessibleAsync(page);
        var mail = await browser.Smtp.WaitForAsync(m =>
            m.To.Mailboxes.Any(a => a.Address == "leernetwerk@publiekeveranderaars.example") && (m.Subject ?? "").Contains(name));
        Assert.Contains("Ik leer graag van andere vernieuwers 🌱", mail.TextBody);
        Assert.Equal("fenna@example.org", mail.ReplyTo.Mailboxes.Single().Address);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Keyboard_user_fills_in_the_form_without_a_mouse()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/initiatieven/innovatielab-open-overheid/");
        await page.GetByLabel("Naam").FocusAsync();

        await page.Keyboard.TypeAsync("Toetsenbord Gebruiker");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("toetsenbord@example.org");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "privacyverklaring" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Meld je aan" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Bedankt voor je aanmelding");
        await browser.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == "toetsenbord@example.org"));
        await page.Context.CloseAsync();
    }
}
