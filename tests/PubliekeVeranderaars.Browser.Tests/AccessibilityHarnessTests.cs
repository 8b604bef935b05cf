namespace PubliekeVeranderaars.Browser.Tests;

/// <summary>Proves the axe check can fail: a page with a known violation must not pass it.</summary>
[Collection(BrowserCollection.Name)]
public class AccessibilityHarnessTests(BrowserFixture browser)
{
    [Fact]
    public async Task Axe_check_fails_on_an_image_without_alternative_text()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");
        await page.EvaluateAsync("() => { const img = document.createElement('img'); img.src = '/favicon.png'; document.querySelector('main').append(img); }");

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => BrowserFixture.AssertAccessibleAsync(page));

        Assert.Contains("image-alt", failure.Message);
        await page.Context.CloseAsync();
    }
}
