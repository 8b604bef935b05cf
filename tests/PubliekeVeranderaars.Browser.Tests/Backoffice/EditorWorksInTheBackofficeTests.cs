using Microsoft.Playwright;
using PubliekeVeranderaars.Core.Backoffice;

namespace PubliekeVeranderaars.Browser.Tests.Backoffice;

[Collection(BrowserCollection.Name)]
public class EditorWorksInTheBackofficeTests(BrowserFixture browser)
{
    /// <param name="checkLoginPage">Run axe on the login page on the way (the screens' theory leaves it to the other tests).</param>
    private async Task<IPage> LogInAsync(string role, string? email = null, bool checkLoginPage = true)
    {
        email = await BackofficeUsers.CreateAsync(browser.Site, role, email);
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/backoffice/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Inloggen");
        if (checkLoginPage) await BrowserFixture.AssertAccessibleAsync(page);
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

        // The rich-text editor (TipTap, from npm) is a labelled text box with a toolbar of Dutch, labelled buttons.
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
         "/backoffice/inhoud/prullenbak", "/backoffice/wachtwoord-vergeten", "/backoffice/account", "/backoffice/aanmeldingen",
         "/backoffice/inhoud?filter=delen",
         // The initiatives folder: its list view, the question before it goes to the bin, and all its versions.
         "/backoffice/inhoud/874f0956-2f77-589a-b591-26d60912aaea/lijst", "/backoffice/inhoud/874f0956-2f77-589a-b591-26d60912aaea/prullenbak",
         "/backoffice/inhoud/874f0956-2f77-589a-b591-26d60912aaea/versies"];

    [Theory]
    [MemberData(nameof(AdministratorScreens))]
    public async Task Every_back_office_screen_has_no_wcag_violations(string path)
    {
        var page = await LogInAsync(BackofficeRoles.Administrator, checkLoginPage: false);

        await page.GotoAsync(path);

        await BrowserFixture.AssertAccessibleAsync(page);
        if (path == "/backoffice/formulieren/doeMee")
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "backoffice-aanmeldingen.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// The screens above, and those with the widest content: editors with rich text (its toolbar), with pickers and
    /// blocks (the home page), with an image (an initiative), and the media section.
    /// </summary>
    public static TheoryData<string> PhoneScreens()
    {
        var screens = new TheoryData<string>();
        foreach (var path in AdministratorScreens()) screens.Add(path);
        foreach (var path in new[] { "/backoffice/inhoud/14d4e16e-f59e-58a0-8436-e950aba62138", "/backoffice/inhoud/e61467ce-17b6-513c-9807-f1c66f523d31",
                     "/backoffice/inhoud/6b73f964-5923-502a-a5a6-8716de352129", "/backoffice/media" })
            screens.Add(path);
        return screens;
    }

    [Theory]
    [MemberData(nameof(PhoneScreens))]
    public async Task Every_back_office_screen_fits_a_phone_without_scrolling_sideways(string path)
    {
        var page = await LogInAsync(BackofficeRoles.Administrator, checkLoginPage: false);
        await page.SetViewportSizeAsync(PhoneWidth, 844);

        await page.GotoAsync(path);

        // What sticks out, to say where in a failure.
        var wide = await page.EvaluateAsync<string>("[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).map(e => e.tagName + '.' + e.className).slice(0, 5).join(' | ')");
        Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth"), $"{path} is wider than {PhoneWidth} px: {wide}");
        await page.Context.CloseAsync();
    }

    private const int PhoneWidth = 390;

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

        // The same words as for any failed login: the page never tells that this account exists and is now locked.
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("klopt niet");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("blokkeren");
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
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Inhoudsboom" }).GetByRole(AriaRole.Link, new() { Name = "Privacy" }).ClickAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Tekst" }).ClickAsync();
        await page.Keyboard.PressAsync("Control+Home");
        await page.Keyboard.TypeAsync("Kort gezegd: we bewaren zo weinig mogelijk. ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan als concept" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Vergelijk" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("ins").First).ToContainTextAsync("Kort gezegd");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("versies vergelijken");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "backoffice-vergelijken-1280.png"), FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "backoffice-vergelijken-390.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    private Task<IPage> LogInAsync(string email, int width) => BackofficeLoginForm.LogInAsync(browser, email, width);

    private static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, name), FullPage = true });

    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task Editor_turns_on_two_step_verification_keeps_the_recovery_codes_and_logs_in_with_the_app(int width)
    {
        var email = await BackofficeUsers.CreateAsync(browser.Site, BackofficeRoles.Editor);
        var page = await LogInAsync(email, width);
        await page.GotoAsync("/backoffice/account");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByLabel("Wachtwoord").FillAsync(BackofficeUsers.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Instellen" }).ClickAsync();
        var key = (await page.Locator("code.backoffice-key").First.TextContentAsync())!;
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByLabel("Code uit de app").FillAsync(Totp.Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanzetten" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Bewaar deze herstelcodes");
        await Assertions.Expect(page.Locator(".backoffice-codes code")).ToHaveCountAsync(10);
        await BrowserFixture.AssertAccessibleAsync(page);
        await ScreenshotAsync(page, $"backoffice-tweestaps-{width}.png");

        await page.GetByRole(AriaRole.Button, new() { Name = "Uitloggen" }).ClickAsync();
        await BackofficeLoginForm.SubmitAsync(page, email, BackofficeUsers.Password);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Code invullen");
        await BrowserFixture.AssertAccessibleAsync(page);
        // The code that turned it on is used up: the app's next one (half a minute of clock drift is allowed) logs in.
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Overzicht");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task Administrator_removes_a_user_whose_open_session_ends_at_once(int width)
    {
        var leaving = await BackofficeUsers.CreateAsync(browser.Site, BackofficeRoles.Editor);
        var session = await LogInAsync(leaving, width);
        var admin = await LogInAsync(await BackofficeUsers.CreateAsync(browser.Site, BackofficeRoles.Administrator), width);
        await admin.GotoAsync("/backoffice/gebruikers");
        await BrowserFixture.AssertAccessibleAsync(admin);
        await ScreenshotAsync(admin, $"backoffice-gebruikers-{width}.png");

        await admin.GetByRole(AriaRole.Button, new() { Name = $"Verwijderen {leaving}" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Alert)).ToContainTextAsync("echt wilt verwijderen");
        await admin.GetByLabel($"Zeker dat {leaving} weg moet").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = $"Verwijderen {leaving}" }).ClickAsync();
        await Assertions.Expect(admin.Locator("main table")).Not.ToContainTextAsync(leaving);

        await session.ReloadAsync();
        await Assertions.Expect(session.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Inloggen");
        await session.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task A_screen_that_does_not_exist_answers_with_a_dutch_page(int width)
    {
        var page = await LogInAsync(await BackofficeUsers.CreateAsync(browser.Site, BackofficeRoles.Editor), width);

        var response = await page.GotoAsync($"/backoffice/inzendingen/{Guid.NewGuid()}");

        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Pagina niet gevonden");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Naar de startpagina" })).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await ScreenshotAsync(page, $"foutpagina-{width}.png");
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

    /// <summary>A new page at the given width, logged in as a new user of the role, on the overview.</summary>
    public static async Task<IPage> LogInAsNewUserAsync(BrowserFixture browser, string role, int width = 1280) =>
        await LogInAsync(browser, await BackofficeUsers.CreateAsync(browser.Site, role), width);

    /// <summary>A new page at the given width, logged in as this user, on the overview.</summary>
    public static async Task<IPage> LogInAsync(BrowserFixture browser, string email, int width = 1280)
    {
        var page = await browser.NewPageAsync(width);
        await page.GotoAsync("/backoffice/inloggen");
        await SubmitAsync(page, email, BackofficeUsers.Password);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Overzicht");
        return page;
    }
}
