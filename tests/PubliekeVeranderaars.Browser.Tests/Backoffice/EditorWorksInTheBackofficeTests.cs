using Microsoft.Playwright;
using PubliekeVeranderaars.Core.Backoffice;

namespace PubliekeVeranderaars.Browser.Tests.Backoffice;

[Collection(BrowserCollection.Name)]
public class EditorWorksInTheBackofficeTests(BrowserFixture browser)
{
    private async Task<IPage> LogInAsync(string role, string? email = null)
    {
        email = await BackofficeUsers.CreateAsync(browser.Site, role, email);
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/backoffice/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Inloggen");
        await BrowserFixture.AssertAccessibleAsync(page);
        await BackofficeLoginForm.SubmitAsync(page, email, BackofficeUsers.Password);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Overzicht");
        return page;
    }

    [Fact]
    public async Task Editor_changes_the_mission_text_publishes_and_a_visitor_sees_it()
    {
        var page = await LogInAsync(BackofficeRoles.Editor);
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Back office" }).GetByRole(AriaRole.Link, new() { Name = "Inhoud" }).ClickAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "backoffice-inhoud.png"), FullPage = true });
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Inhoudsboom" }).GetByRole(AriaRole.Link, new() { Name = "Wij, Publieke Veranderaars", Exact = true }).ClickAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "backoffice-editor.png"), FullPage = true });

        // The rich-text editor (Quill, from npm) is a labelled text box with a toolbar of Dutch, labelled buttons.
        var mission = page.GetByRole(AriaRole.Textbox, new() { Name = "Missie" });
        await mission.FillAsync($"Wij veranderen de overheid van binnenuit ({Guid.NewGuid():N}).");
        await mission.PressAsync("Control+A");
        await page.GetByRole(AriaRole.Toolbar, new() { Name = "Opmaak van Missie" }).GetByRole(AriaRole.Button, new() { Name = "Vet" }).ClickAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan en publiceren" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("gepubliceerd");

        var visitor = await browser.NewPageAsync();
        await visitor.GotoAsync("/");
        await Assertions.Expect(visitor.Locator(".site-lead strong")).ToContainTextAsync("Wij veranderen de overheid van binnenuit");
        await visitor.Context.CloseAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Terugzetten" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan en publiceren" }).ClickAsync();
        visitor = await browser.NewPageAsync();
        await visitor.GotoAsync("/");
        await Assertions.Expect(visitor.Locator("main")).Not.ToContainTextAsync("Wij veranderen de overheid van binnenuit");
        await visitor.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Writer_sends_for_publishing_and_has_no_publish_button()
    {
        var page = await LogInAsync(BackofficeRoles.Writer);
        await page.GotoAsync("/backoffice/inhoud");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ondertekenen" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Opslaan en publiceren" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ter publicatie aanbieden" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("ter publicatie aangeboden");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Administrator_rebuilds_the_search_index()
    {
        var page = await LogInAsync(BackofficeRoles.Administrator);
        await page.GetByRole(AriaRole.Link, new() { Name = "Zoekindex" }).ClickAsync();
        await Assertions.Expect(page.Locator("dl")).ToContainTextAsync("In orde");

        await page.GetByRole(AriaRole.Button, new() { Name = "Zoekindex opnieuw opbouwen" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("De zoekindex is opnieuw opgebouwd");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "backoffice-zoekindex.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    public static TheoryData<string> AdministratorScreens() =>
        ["/backoffice/", "/backoffice/inhoud", "/backoffice/formulieren", "/backoffice/formulieren/doeMee", "/backoffice/handtekeningen",
         "/backoffice/mail", "/backoffice/audit", "/backoffice/gebruikers", "/backoffice/geen-toegang", "/backoffice/usync", "/backoffice/zoekindex",
         "/backoffice/inhoud/prullenbak", "/backoffice/wachtwoord-vergeten", "/backoffice/account"];

    [Theory]
    [MemberData(nameof(AdministratorScreens))]
    public async Task Every_back_office_screen_has_no_wcag_violations(string path)
    {
        var page = await LogInAsync(BackofficeRoles.Administrator);

        await page.GotoAsync(path);

        await BrowserFixture.AssertAccessibleAsync(page);
        if (path == "/backoffice/formulieren/doeMee")
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "backoffice-aanmeldingen.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Initiative_owner_sees_only_their_own_entries()
    {
        var visitor = await browser.NewPageAsync();
        await visitor.GotoAsync("/initiatieven/innovatielab-open-overheid/");
        await visitor.GetByRole(AriaRole.Textbox, new() { Name = "Naam" }).FillAsync("Ruben Eigenaarstest");
        await visitor.GetByRole(AriaRole.Textbox, new() { Name = "E-mailadres" }).FillAsync("ruben@example.org");
        await visitor.GetByLabel("Ik geef toestemming").CheckAsync();
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Meld je aan" }).ClickAsync();
        await Assertions.Expect(visitor.GetByRole(AriaRole.Status)).ToContainTextAsync("Bedankt");
        await visitor.Context.CloseAsync();

        var owner = await LogInAsync(BackofficeRoles.InitiativeOwner, "leernetwerk@publiekeveranderaars.example");
        await owner.GotoAsync("/backoffice/formulieren/doeMee");

        await Assertions.Expect(owner.Locator("main")).Not.ToContainTextAsync("Ruben Eigenaarstest");
        await Assertions.Expect(owner.GetByRole(AriaRole.Navigation, new() { Name = "Back office" }).GetByRole(AriaRole.Link, new() { Name = "Inhoud" })).ToHaveCountAsync(0);
        await BrowserFixture.AssertAccessibleAsync(owner);
        await owner.Context.CloseAsync();
    }
}

[Collection(BrowserCollection.Name)]
public class StaffSecurityJourneysTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_sixth_login_after_five_wrong_passwords_is_refused_even_with_the_right_password()
    {
        var email = await BackofficeUsers.CreateAsync(browser.Site, BackofficeRoles.Editor);
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/backoffice/inloggen");
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await BackofficeLoginForm.SubmitAsync(page, email, $"fout-wachtwoord-{attempt}");
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        }

        await BackofficeLoginForm.SubmitAsync(page, email, BackofficeUsers.Password);

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("tijdelijk geblokkeerd");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Inloggen");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_signature_export_needs_a_login_and_the_download_lands_in_the_audit_trail()
    {
        var anonymous = await browser.NewPageAsync();
        await anonymous.GotoAsync("/backoffice/signatures/export?format=xlsx");
        await Assertions.Expect(anonymous.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Inloggen");
        await anonymous.Context.CloseAsync();

        var admin = await BackofficeUsers.CreateAsync(browser.Site, BackofficeRoles.Administrator);
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/backoffice/inloggen");
        await BackofficeLoginForm.SubmitAsync(page, admin, BackofficeUsers.Password);
        await page.GotoAsync("/backoffice/handtekeningen");
        await BrowserFixture.AssertAccessibleAsync(page);

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Download Excel (.xlsx)" }).ClickAsync());

        Assert.EndsWith(".xlsx", download.SuggestedFilename);
        await page.GotoAsync("/backoffice/audit");
        await Assertions.Expect(page.Locator("main table")).ToContainTextAsync("Persoonsgegevens geëxporteerd");
        await Assertions.Expect(page.Locator("main table")).ToContainTextAsync(admin);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_entry_in_full_and_a_version_comparison_have_no_wcag_violations()
    {
        var visitor = await browser.NewPageAsync();
        await visitor.GotoAsync("/initiatieven/innovatielab-open-overheid/");
        await visitor.GetByRole(AriaRole.Textbox, new() { Name = "Naam" }).FillAsync("Volledige Inzending");
        await visitor.GetByRole(AriaRole.Textbox, new() { Name = "E-mailadres" }).FillAsync("volledig@example.org");
        await visitor.GetByRole(AriaRole.Textbox, new() { Name = "Waarom wil je meedoen?" }).FillAsync("Twee\nregels.");
        await visitor.GetByLabel("Ik geef toestemming").CheckAsync();
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Meld je aan" }).ClickAsync();
        await visitor.Context.CloseAsync();

        var admin = await BackofficeUsers.CreateAsync(browser.Site, BackofficeRoles.Administrator);
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/backoffice/inloggen");
        await BackofficeLoginForm.SubmitAsync(page, admin, BackofficeUsers.Password);

        await page.GotoAsync("/backoffice/formulieren/doeMee");
        await page.GetByRole(AriaRole.Link, new() { Name = "Bekijk" }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Inzending voor");
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GotoAsync("/backoffice/inhoud");
        await page.GetByRole(AriaRole.Link, new() { Name = "Privacy" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan als concept" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Vergelijk" }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("versies vergelijken");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }
}

/// <summary>The login form, filled in and sent as a person would.</summary>
public static class BackofficeLoginForm
{
    public static async Task SubmitAsync(IPage page, string email, string password)
    {
        await page.GetByLabel("E-mailadres").FillAsync(email);
        await page.GetByLabel("Wachtwoord").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
    }
}
