using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Browser.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright (never a downloaded browser), against the seeded site on a real port.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Without these Chromium tries to reach Google's services, which this closed network refuses.</summary>
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    private IPlaywright? _playwright;
    public TestSmtpServer Smtp { get; }
    public SiteHost Site { get; }

    public BrowserFixture()
    {
        Smtp = new TestSmtpServer();
        Site = new SiteHost(DatabaseProvider.Sqlite, SiteHost.MailTo(Smtp));
    }
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Set by tests/refresh-screenshots.sh to docs/screenshots; otherwise screenshots stay with the test output.</summary>
    public const string ScreenshotFolderVariable = "PV_SCREENSHOTS";

    /// <summary>
    /// Where screenshots go: the test output, so a test run leaves the repository as it was; the repository's
    /// docs/screenshots only when tests/refresh-screenshots.sh asks for it.
    /// </summary>
    public static string ScreenshotFolder => Directory.CreateDirectory(
        Environment.GetEnvironmentVariable(ScreenshotFolderVariable) is { Length: > 0 } chosen
            ? chosen
            : Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs,
        });
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Site.BaseAddress.ToString(), Locale = "nl-NL", ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        return await context.NewPageAsync();
    }

    /// <summary>Runs axe for WCAG 2.1 A and AA and fails with every violation and the nodes it found.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] },
        });
        var violations = result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(" | ", v.Nodes.Select(n => n.Target?.ToString()))}");
        Assert.True(result.Violations.Length == 0, $"axe on {page.Url}:\n" + string.Join("\n", violations));
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        Site.Dispose();
        await Smtp.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
