using Microsoft.Playwright;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Browser.Tests.Backoffice;

/// <summary>Work in the page editor is never lost without a word: leaving, side actions, a crash, a colleague's save.</summary>
[Collection(BrowserCollection.Name)]
public class NoLostEditsTests(BrowserFixture browser) : IAsyncLifetime
{
    private SiteContent Content => new(browser.Site);

    /// <summary>The pages this test made: gone afterwards, so the home page's branch of the tree stays short for other journeys.</summary>
    private readonly List<Guid> _made = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        var tree = browser.Site.GetService<ContentTreeService>();
        foreach (var key in _made)
        {
            await tree.TrashAsync(key, PubliekeVeranderaars.Core.Storage.Actor.System);
            await tree.DeleteForGoodAsync(key, PubliekeVeranderaars.Core.Storage.Actor.System);
        }
    }

    private Task<IPage> LogInAsync(int width = 1280) => BackofficeLoginForm.LogInAsNewUserAsync(browser, BackofficeRoles.Editor, width);

    /// <summary>An unpublished page of its own: nothing other journeys read changes.</summary>
    private async Task<Guid> NewPageAsync()
    {
        var home = browser.Site.GetService<PublishedContentCache>().Current.Home!.Key;
        var name = $"Concept {Guid.NewGuid():N}"[..16];
        var created = await Content.CreateAsync(home, "contentPage", name, [new ContentPropertyValue("title", null, name), new ContentPropertyValue("body", null, "<p>Begin.</p>")]);
        _made.Add(created.Node!.Key);
        return created.Node.Key;
    }

    /// <summary>Clicks "← Alle inhoud" and stays if the browser asks: the kind of dialog shown, or null without one.</summary>
    private static async Task<string?> DialogOnLeavingAsync(IPage page)
    {
        string? asked = null;
        page.Dialog += async (_, dialog) =>
        {
            asked = dialog.Type;
            await dialog.DismissAsync();
        };
        await page.GetByRole(AriaRole.Link, new() { Name = "← Alle inhoud" }).ClickAsync();
        await page.WaitForTimeoutAsync(500);
        return asked;
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task Leaving_with_unsaved_changes_asks_first_and_staying_keeps_them(int width)
    {
        var key = await NewPageAsync();
        var page = await LogInAsync(width);
        await page.GotoAsync($"/backoffice/inhoud/{key}");
        await page.GetByLabel("Titel").FillAsync("Een titel die nog niet is opgeslagen");

        Assert.Equal("beforeunload", await DialogOnLeavingAsync(page));
        Assert.EndsWith($"/backoffice/inhoud/{key}", page.Url);
        await Assertions.Expect(page.GetByLabel("Titel")).ToHaveValueAsync("Een titel die nog niet is opgeslagen");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task After_a_refused_save_the_shown_text_is_still_unsaved_and_leaving_or_planning_asks_first(int width)
    {
        var key = await NewPageAsync();
        var page = await LogInAsync(width);
        await page.GotoAsync($"/backoffice/inhoud/{key}");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Tekst" }).ClickAsync();
        await page.Keyboard.TypeAsync(" Een alinea die niet verloren mag gaan.");
        await page.GetByLabel("Titel").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan als concept" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).First).ToContainTextAsync("Titel");

        // The page as the server showed it again holds text that is stored nowhere: the side actions refuse...
        await page.GetByLabel("Publiceren op", new() { Exact = true }).FillAsync(DateTime.Now.AddDays(3).ToString("yyyy-MM-ddTHH:mm"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Planning opslaan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "nog niet zijn opgeslagen" })).ToBeVisibleAsync();
        Assert.Null((await Content.NodeAsync(key))!.PublishAtUtc);
        await BrowserFixture.AssertAccessibleAsync(page);

        // ...and leaving asks first.
        Assert.Equal("beforeunload", await DialogOnLeavingAsync(page));
        await Assertions.Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Tekst" })).ToContainTextAsync("niet verloren mag gaan");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task Planning_with_unsaved_text_is_refused_in_dutch_and_plans_nothing(int width)
    {
        var key = await NewPageAsync();
        var page = await LogInAsync(width);
        await page.GotoAsync($"/backoffice/inhoud/{key}");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Tekst" }).ClickAsync();
        await page.Keyboard.TypeAsync(" Nog niet opgeslagen.");
        await page.GetByLabel("Publiceren op", new() { Exact = true }).FillAsync(DateTime.Now.AddDays(3).ToString("yyyy-MM-ddTHH:mm"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Planning opslaan" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("nog niet zijn opgeslagen");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"backoffice-planning-niet-opgeslagen-{width}.png"), FullPage = false });
        Assert.Null((await Content.NodeAsync(key))!.PublishAtUtc);

        // Saved first, the planning goes through.
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan als concept" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex(@"^\s*Opgeslagen") })).ToBeVisibleAsync();
        await page.GetByLabel("Publiceren op", new() { Exact = true }).FillAsync(DateTime.Now.AddDays(3).ToString("yyyy-MM-ddTHH:mm"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Planning opslaan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "planning is opgeslagen" })).ToBeVisibleAsync();
        Assert.NotNull((await Content.NodeAsync(key))!.PublishAtUtc);
        Assert.Contains("Nog niet opgeslagen.", (await Content.GetLatestVersionAsync(key))!.Values.Single(v => v.Alias == "body").Value);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Saving_right_after_typing_keeps_no_copy_and_offers_nothing_back()
    {
        var key = await NewPageAsync();
        var page = await LogInAsync();
        await page.GotoAsync($"/backoffice/inhoud/{key}");
        // A slow server: the save is still under way when the copy kept while typing would be written.
        await page.RouteAsync($"**/backoffice/inhoud/{key}**", async route =>
        {
            if (route.Request.Method == "POST") await Task.Delay(1500);
            await route.FallbackAsync();
        });
        await page.GetByLabel("Titel").FillAsync("Meteen opgeslagen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan als concept" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex(@"^\s*Opgeslagen") })).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(1000);
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "niet zijn opgeslagen" })).ToHaveCountAsync(0);
        Assert.Equal(0, await page.EvaluateAsync<int>("Object.keys(localStorage).filter(k => k.startsWith('pv-concept:')).length"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Edits_of_a_closed_tab_are_offered_back_when_the_page_opens_again()
    {
        var key = await NewPageAsync();
        var page = await LogInAsync();
        await page.GotoAsync($"/backoffice/inhoud/{key}");
        await page.GetByLabel("Titel").FillAsync("Bijna kwijt");
        await page.WaitForTimeoutAsync(1200);
        await page.CloseAsync(new() { RunBeforeUnload = false });

        var again = await page.Context.NewPageAsync();
        await again.GotoAsync($"/backoffice/inhoud/{key}");
        await Assertions.Expect(again.GetByRole(AriaRole.Status).Filter(new() { HasText = "niet zijn opgeslagen" })).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(again);
        await again.GetByRole(AriaRole.Button, new() { Name = "Wijzigingen terugzetten" }).ClickAsync();

        await Assertions.Expect(again.GetByLabel("Titel")).ToHaveValueAsync("Bijna kwijt");
        await again.GetByRole(AriaRole.Button, new() { Name = "Opslaan als concept" }).ClickAsync();
        await Assertions.Expect(again.GetByRole(AriaRole.Status).Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex(@"^\s*Opgeslagen") })).ToBeVisibleAsync();
        Assert.Equal("Bijna kwijt", (await Content.GetLatestVersionAsync(key))!.Values.Single(v => v.Alias == "title").Value);
        await again.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task The_second_of_two_editors_changing_the_same_text_sees_both_versions_and_decides(int width)
    {
        var key = await NewPageAsync();
        var first = await LogInAsync(width);
        var second = await LogInAsync(width);
        await first.GotoAsync($"/backoffice/inhoud/{key}");
        await second.GotoAsync($"/backoffice/inhoud/{key}");
        await first.GetByLabel("Titel").FillAsync("Titel van de eerste");
        await second.GetByLabel("Titel").FillAsync("Titel van de tweede");

        await first.GetByRole(AriaRole.Button, new() { Name = "Opslaan als concept" }).ClickAsync();
        await Assertions.Expect(first.GetByRole(AriaRole.Status).Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex(@"^\s*Opgeslagen") })).ToBeVisibleAsync();
        await second.GetByRole(AriaRole.Button, new() { Name = "Opslaan als concept" }).ClickAsync();

        var alert = second.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToContainTextAsync("Niet opgeslagen");
        await Assertions.Expect(alert).ToContainTextAsync("Titel van de eerste");
        await Assertions.Expect(alert).ToContainTextAsync("Titel van de tweede");
        await Assertions.Expect(second.GetByLabel("Titel")).ToHaveValueAsync("Titel van de tweede");
        await BrowserFixture.AssertAccessibleAsync(second);
        await second.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"backoffice-conflict-{width}.png"), FullPage = false });

        await second.GetByRole(AriaRole.Button, new() { Name = "Opslaan als concept" }).ClickAsync();
        await Assertions.Expect(second.GetByRole(AriaRole.Status).Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex(@"^\s*Opgeslagen") })).ToBeVisibleAsync();
        Assert.Equal("Titel van de tweede", (await Content.GetLatestVersionAsync(key))!.Values.Single(v => v.Alias == "title").Value);
        await first.Context.CloseAsync();
        await second.Context.CloseAsync();
    }
}
