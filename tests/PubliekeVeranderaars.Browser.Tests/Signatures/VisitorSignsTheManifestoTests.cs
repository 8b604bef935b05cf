using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace PubliekeVeranderaars.Browser.Tests.Signatures;

[Collection(BrowserCollection.Name)]
public partial class VisitorSignsTheManifestoTests(BrowserFixture browser)
{
    private async Task<int> CountOnPageAsync(IPage page)
    {
        await page.GotoAsync("/ondertekenen/");
        var text = await page.Locator("#aantal .site-count__number").InnerTextAsync();
        return int.Parse(text.Replace(".", ""), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Visitor_signs_the_manifesto_confirms_by_email_and_withdraws()
    {
        var page = await browser.NewPageAsync();
        var before = await CountOnPageAsync(page);
        await BrowserFixture.AssertAccessibleAsync(page);
        var email = $"sanne.{Guid.NewGuid():N}@example.org";
        var name = "Sanne van Dijk-Öztürk";

        await page.GetByRole(AriaRole.Textbox, new() { Name = "Naam" }).FillAsync(name);
        await page.GetByRole(AriaRole.Textbox, new() { Name = "E-mailadres" }).FillAsync(email);
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Organisatie" }).FillAsync("Gemeente Amersfoort");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Functie" }).FillAsync("Innovatieadviseur");
        await page.GetByLabel("Toon mijn naam").CheckAsync();
        await page.GetByLabel("Ik geef toestemming").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Onderteken het manifest" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("We hebben je een e-mail gestuurd");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "ondertekenen-verstuurd.png"), FullPage = true });

        var mail = await browser.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email));
        var confirm = ConfirmLink().Match(mail.TextBody ?? "").Value;
        var withdraw = WithdrawLink().Match(mail.TextBody ?? "").Value;
        Assert.NotEmpty(confirm);
        Assert.NotEmpty(withdraw);

        // A fresh browser (no cookies of the signer) opens the link: nothing is counted yet.
        var mailClient = await browser.NewPageAsync();
        await mailClient.GotoAsync(new Uri(confirm).PathAndQuery);
        // The page says what the button confirms: the owner of the address sees what is signed in their name.
        await Assertions.Expect(mailClient.Locator(".site-details")).ToContainTextAsync(name);
        await Assertions.Expect(mailClient.Locator(".site-details")).ToContainTextAsync("Gemeente Amersfoort");
        await BrowserFixture.AssertAccessibleAsync(mailClient);
        await mailClient.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "ondertekening-bevestigen-1280.png"), FullPage = true });
        await mailClient.SetViewportSizeAsync(390, 844);
        await BrowserFixture.AssertAccessibleAsync(mailClient);
        await mailClient.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "ondertekening-bevestigen-390.png"), FullPage = true });
        Assert.Equal(before, await CountOnPageAsync(page));

        await mailClient.GetByRole(AriaRole.Button, new() { Name = "Ja, ik onderteken het manifest" }).ClickAsync();
        await Assertions.Expect(mailClient.GetByRole(AriaRole.Status)).ToContainTextAsync("je ondertekening is bevestigd");
        await BrowserFixture.AssertAccessibleAsync(mailClient);
        Assert.Equal(before + 1, await CountOnPageAsync(page));
        await Assertions.Expect(page.Locator(".signatory-list")).ToContainTextAsync(name);
        await Assertions.Expect(page.Locator(".signatory-list")).Not.ToContainTextAsync(email);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "ondertekenen.png"), FullPage = true });

        await mailClient.GotoAsync(new Uri(withdraw).PathAndQuery);
        await BrowserFixture.AssertAccessibleAsync(mailClient);
        await mailClient.GetByRole(AriaRole.Button, new() { Name = "Trek mijn ondertekening in" }).ClickAsync();
        await Assertions.Expect(mailClient.GetByRole(AriaRole.Status)).ToContainTextAsync("ingetrokken");

        Assert.Equal(before, await CountOnPageAsync(page));
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync(name);
        await mailClient.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_old_link_explains_itself_in_the_site_layout()
    {
        var page = await browser.NewPageAsync();

        var response = await page.GotoAsync("/ondertekenen/bevestigen?token=ongeldig");

        Assert.Equal(410, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ondertekening bevestigen");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("werkt niet (meer)");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    [GeneratedRegex(@"https?://\S+/ondertekenen/bevestigen\?token=[A-Za-z0-9_-]+")]
    private static partial Regex ConfirmLink();

    [GeneratedRegex(@"https?://\S+/ondertekenen/intrekken\?token=[A-Za-z0-9_-]+")]
    private static partial Regex WithdrawLink();
}
