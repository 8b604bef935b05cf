using Microsoft.Playwright;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Storage;
using PubliekeVeranderaars.Core.Sync;

namespace PubliekeVeranderaars.Browser.Tests.Backoffice;

/// <summary>
/// A page imported from a multilingual Umbraco site is edited one language at a time, as an Umbraco editor switches
/// languages: the other language stays as it was (issue 16).
/// </summary>
[Collection(BrowserCollection.Name)]
public class MultilingualEditingTests(BrowserFixture browser)
{
    /// <summary>
    /// A two-language page of its own, as a uSync file from such a site brings it: a root of its own, so no branch of
    /// the tree that other journeys click through grows past what the tree shows.
    /// </summary>
    private async Task<Guid> ImportTwoLanguagePageAsync()
    {
        var key = Guid.NewGuid();
        var folder = Directory.CreateTempSubdirectory("pv-talen").FullName;
        Directory.CreateDirectory(Path.Combine(folder, USyncFolders.Content));
        await File.WriteAllTextAsync(Path.Combine(folder, USyncFolders.Content, $"over-ons-{key:N}.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <Content Key="{key}" Alias="Over ons" Level="1">
              <Info>
                <Parent Key="00000000-0000-0000-0000-000000000000"></Parent>
                <Path>/OverOns</Path>
                <Trashed>false</Trashed>
                <ContentType>contentPage</ContentType>
                <CreateDate>2026-11-30T10:00:00</CreateDate>
                <NodeName Default="Over ons {key:N}">
                  <Name Culture="en-US">About us {key:N}</Name>
                  <Name Culture="nl-NL">Over ons {key:N}</Name>
                </NodeName>
                <SortOrder>90</SortOrder>
                <Published Default="true">
                  <Published Culture="en-US">true</Published>
                  <Published Culture="nl-NL">true</Published>
                </Published>
                <Schedule />
              </Info>
              <Properties>
                <body>
                  <Value><![CDATA[<p>Een tekst voor alle talen.</p>]]></Value>
                </body>
                <title>
                  <Value Culture="en-US"><![CDATA[Who we are]]></Value>
                  <Value Culture="nl-NL"><![CDATA[Wie wij zijn]]></Value>
                </title>
              </Properties>
            </Content>
            """);
        await browser.Site.GetService<USyncImportService>().ImportAsync(folder, actor: Actor.System);
        return key;
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task An_editor_switches_to_english_changes_the_title_and_the_dutch_title_stays(int width)
    {
        var key = await ImportTwoLanguagePageAsync();
        var page = await BackofficeLoginForm.LogInAsNewUserAsync(browser, BackofficeRoles.Editor, width);
        await page.GotoAsync($"/backoffice/inhoud/{key}");
        await Assertions.Expect(page.GetByLabel("Titel")).ToHaveValueAsync("Wie wij zijn");

        var languages = page.GetByRole(AriaRole.Navigation, new() { Name = "Taal van deze pagina" });
        await languages.GetByRole(AriaRole.Link, new() { Name = $"en-US: About us {key:N}" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Titel")).ToHaveValueAsync("Who we are");
        await page.GetByLabel("Titel").FillAsync("Who we really are");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"backoffice-talen-{width}.png"), FullPage = false });
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan als concept" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex(@"^\s*Opgeslagen") })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Titel")).ToHaveValueAsync("Who we really are");
        await Assertions.Expect(languages.GetByRole(AriaRole.Link, new() { Name = $"en-US: About us {key:N}" })).ToHaveAttributeAsync("aria-current", "page");
        var saved = (await browser.Site.GetService<ContentQueries>().LatestVersionAsync(key))!;
        Assert.Equal("Who we really are", saved.Values.Single(v => v.Alias == "title" && v.Culture == "en-US").Value);
        Assert.Equal("Wie wij zijn", saved.Values.Single(v => v.Alias == "title" && v.Culture == "nl-NL").Value);
        await page.Context.CloseAsync();
    }
}
