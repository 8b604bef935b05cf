using Microsoft.Playwright;

namespace PubliekeVeranderaars.Browser.Tests.Content;

[Collection(BrowserCollection.Name)]
public class VisitorReadsTheManifestoTests(BrowserFixture browser)
{
    public static TheoryData<string> SeedPages() =>
    [
        "/", "/zo-veranderen-wij/", "/zo-veranderen-wij/cocreeren/", "/initiatieven/",
        "/initiatieven/innovatielab-open-overheid/", "/initiatieven/leernetwerk-publieke-innovatie/",
        "/initiatieven/ambtenaren-in-beeld/", "/ondertekenen/", "/privacy/", "/toegankelijkheid/", "/deze-pagina-bestaat-niet/",
        "/umbraco/delivery/api/v2/",
    ];

    [Theory]
    [MemberData(nameof(SeedPages))]
    public async Task Every_seed_page_has_no_wcag_violations(string path)
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync(path);

        await BrowserFixture.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    [Theory]
    [MemberData(nameof(SeedPages))]
    public async Task Every_seed_page_has_no_wcag_violations_on_a_phone(string path)
    {
        var page = await browser.NewPageAsync(width: 375, height: 740);

        await page.GotoAsync(path);

        await BrowserFixture.AssertAccessibleAsync(page);
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, $"{path} scrolls sideways on a phone");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task Visitor_finds_the_accessibility_statement_in_the_footer_and_how_to_report_a_problem(int width)
    {
        var page = await browser.NewPageAsync(width);
        await page.GotoAsync("/ondertekenen/");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Voettekst" }).GetByRole(AriaRole.Link, new() { Name = "Toegankelijkheid" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Toegankelijkheid");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "toegankelijkheid@publiekeveranderaars.nl" })).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"toegankelijkheid-{width}.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Visitor_reads_the_mission_and_follows_the_menu_to_the_twelve_principles()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Wij, Publieke Veranderaars");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "home.png"), FullPage = true });

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" }).GetByRole(AriaRole.Link, new() { Name = "Zo veranderen wij" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Uri(browser.Site.BaseAddress, "/zo-veranderen-wij/").ToString());
        await Assertions.Expect(page.Locator(".principle-list__item")).ToHaveCountAsync(12);
        await Assertions.Expect(page.Locator(".principle-list__item").First).ToContainTextAsync("Verbeelden");
        await Assertions.Expect(page.Locator(".principle-list__item").Last).ToContainTextAsync("Ontmoeten");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "zo-veranderen-wij.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Keyboard_user_skips_to_the_content_with_the_first_tab()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/initiatieven/");

        await page.Keyboard.PressAsync("Tab");
        var skipLink = page.GetByRole(AriaRole.Link, new() { Name = "Direct naar de inhoud" });
        await Assertions.Expect(skipLink).ToBeFocusedAsync();
        await Assertions.Expect(skipLink).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator("main#inhoud")).ToBeFocusedAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Visitor_browses_initiatives_and_sees_which_take_sign_ups()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/initiatieven/");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "initiatieven.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "Ambtenaren in Beeld" }).ClickAsync();

        await Assertions.Expect(page.Locator("#doe-mee + p")).ToContainTextAsync("neemt geen aanmeldingen aan");
        await page.GoBackAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Innovatielab Open Overheid" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Note)).ToContainTextAsync("Voorbeeldinitiatief");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "initiatief.png"), FullPage = true });
        await page.Context.CloseAsync();
    }
}

[Collection(BrowserCollection.Name)]
public class LongWordsTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_long_unbroken_word_in_content_wraps_on_a_phone()
    {
        var content = new SiteContent(browser.Site);
        var cache = browser.Site.GetService<PubliekeVeranderaars.Core.Content.PublishedContentCache>();
        var key = cache.Current.ByRoute("/zo-veranderen-wij/delen/")!.Key;
        var version = (await content.GetLatestVersionAsync(key))!;
        var longWord = "https://www.voorbeeld.nl/" + new string('x', 120);
        await content.SaveAsync(key, version.Name, version.Values.Select(v => v.Alias == "text" ? v with { Value = longWord } : v).ToList(), "test");
        await content.PublishAsync(key);
        try
        {
            var page = await browser.NewPageAsync(width: 375, height: 740);
            await page.GotoAsync("/zo-veranderen-wij/delen/");

            Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth"));
            await page.Context.CloseAsync();
        }
        finally
        {
            await content.SaveAsync(key, version.Name, version.Values, "test");
            await content.PublishAsync(key);
        }
    }

    [Theory]
    [InlineData(390)]
    [InlineData(320)]
    public async Task A_long_unbroken_initiative_title_wraps_in_the_list_and_the_search_results_on_a_phone(int width)
    {
        var content = new SiteContent(browser.Site);
        var cache = browser.Site.GetService<PubliekeVeranderaars.Core.Content.PublishedContentCache>();
        var parent = cache.Current.ByRoute("/initiatieven/")!.Key;
        var word = "Samenwerkingsverbandsontwikkelingsprogramma" + Guid.NewGuid().ToString("N")[..12];
        var created = await content.CreateAsync(parent, "initiative", word,
            [new("title", null, word), new("summary", null, word + " " + word), new("ownerName", null, word),
             new("ownerEmail", null, "lang@example.org"), new("status", null, "[\"open\"]")], "test");
        var key = created.Node!.Key;
        await content.PublishAsync(key);
        try
        {
            var page = await browser.NewPageAsync(width: width, height: 740);
            foreach (var path in new[] { "/initiatieven/", "/zoeken/?q=" + word, cache.Current.ByKey(key)!.Route })
            {
                await page.GotoAsync(path);
                await Assertions.Expect(page.GetByText(word).First).ToBeVisibleAsync();
                // What sticks out, to say where in a failure.
                var wide = await page.EvaluateAsync<string>("[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).map(e => e.tagName + '.' + e.className).slice(0, 5).join(' | ')");
                Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth"), $"{path} is wider than {width} px: {wide}");
            }
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"lange-titel-{width}.png") });
            await page.Context.CloseAsync();
        }
        finally
        {
            await content.TrashAsync(key);
            await browser.Site.GetService<PubliekeVeranderaars.Core.Content.ContentTreeService>()
                .DeleteForGoodAsync(key, PubliekeVeranderaars.Core.Storage.Actor.System);
        }
    }
}
