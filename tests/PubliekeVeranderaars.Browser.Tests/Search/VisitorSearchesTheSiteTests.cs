using Microsoft.Playwright;

namespace PubliekeVeranderaars.Browser.Tests.Search;

[Collection(BrowserCollection.Name)]
public class VisitorSearchesTheSiteTests(BrowserFixture browser)
{
    private static string Screenshot(string name) => Path.Combine(BrowserFixture.ScreenshotFolder, name);

    [Fact]
    public async Task Visitor_searches_from_the_header_with_the_keyboard_and_opens_a_result()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/zo-veranderen-wij/");

        var box = page.GetByRole(AriaRole.Search).GetByRole(AriaRole.Searchbox, new() { Name = "Zoekterm" });
        await box.FocusAsync();
        await page.Keyboard.TypeAsync("ambtenaar");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync(new Uri(browser.Site.BaseAddress, "/zoeken/?q=ambtenaar").ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("resultaten voor ‘ambtenaar’");
        var result = page.GetByRole(AriaRole.Link, new() { Name = "Ambtenaren in Beeld" });
        await Assertions.Expect(result).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".site-search-results mark").First).ToHaveTextAsync("ambtenaren", new() { IgnoreCase = true });
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.ScreenshotAsync(new() { Path = Screenshot("zoeken-resultaten.png"), FullPage = true });

        await result.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(browser.Site.BaseAddress, "/initiatieven/ambtenaren-in-beeld/").ToString());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Visitor_on_a_phone_searches_from_the_header()
    {
        var page = await browser.NewPageAsync(width: 375, height: 740);
        await page.GotoAsync("/initiatieven/");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.ScreenshotAsync(new() { Path = Screenshot("zoeken-telefoon-kop.png") });

        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Zoekterm" }).FillAsync("netwerk");
        await page.GetByRole(AriaRole.Search).GetByRole(AriaRole.Button, new() { Name = "Zoeken" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("voor ‘netwerk’");
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "the results scroll sideways on a phone");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Visitor_with_a_typo_is_offered_the_word_meant()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/zoeken/?q=ambtenraen");

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("woorden die erop lijken");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.ScreenshotAsync(new() { Path = Screenshot("zoeken-typfout.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "ambtenaren", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Searchbox, new() { Name = "Waar zoek je naar?" })).ToHaveValueAsync("ambtenaren");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Visitor_who_finds_nothing_gets_tips_and_ways_on()
    {
        var page = await browser.NewPageAsync(width: 375, height: 740);
        await page.GotoAsync("/zoeken/?q=xylofoonorkest");

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Geen resultaten voor ‘xylofoonorkest’");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tips" })).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.ScreenshotAsync(new() { Path = Screenshot("zoeken-geen-resultaten.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_query_that_is_too_long_is_explained_and_kept()
    {
        var page = await browser.NewPageAsync();
        var text = string.Concat(Enumerable.Repeat("ambtenaar ", 30)).Trim();
        await page.GotoAsync("/zoeken/?q=" + Uri.EscapeDataString(text));

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Je zoekopdracht is te lang");
        await Assertions.Expect(page.GetByRole(AriaRole.Searchbox, new() { Name = "Waar zoek je naar?" })).ToHaveValueAsync(text);
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }
}
