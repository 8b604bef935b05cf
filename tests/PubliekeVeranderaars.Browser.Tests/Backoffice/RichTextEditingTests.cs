using System.Text.Json;
using Microsoft.Playwright;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Browser.Tests.Backoffice;

/// <summary>
/// Rich text as an editor writes it in the browser is what visitors and headless front ends get, letter for letter;
/// links to pages follow the page; a save that changes nothing changes nothing.
/// </summary>
[Collection(BrowserCollection.Name)]
public class RichTextEditingTests(BrowserFixture browser)
{
    private SiteContent Content => new(browser.Site);

    private Task<IPage> LogInAsync(int width = 1280) => BackofficeLoginForm.LogInAsNewUserAsync(browser, BackofficeRoles.Editor, width);

    /// <summary>A published page of its own, so this journey changes nothing other tests read.</summary>
    private async Task<(Guid Key, string Route)> NewPageAsync(string name, string body = "<p>Nog leeg.</p>")
    {
        var home = browser.Site.GetService<PublishedContentCache>().Current.Home!.Key;
        var created = await Content.CreateAsync(home, "contentPage", name, [new ContentPropertyValue("title", null, name), new ContentPropertyValue("body", null, body)]);
        Assert.True(created.Succeeded, string.Join(", ", created.Errors.Select(e => e.Message)));
        Assert.True((await Content.PublishAsync(created.Node!.Key)).Succeeded);
        return (created.Node.Key, browser.Site.GetService<PublishedContentCache>().Current.ByKey(created.Node.Key)!.Route);
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task Text_typed_in_the_editor_reads_the_same_on_the_site_and_in_the_delivery_api_and_its_page_link_follows_a_rename(int width)
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        var (target, _) = await NewPageAsync($"Doelpagina {run}");
        var (key, route) = await NewPageAsync($"Tekstpagina {run}");
        var page = await LogInAsync(width);
        await page.GotoAsync($"/backoffice/inhoud/{key}");

        var body = page.GetByRole(AriaRole.Textbox, new() { Name = "Tekst" });
        await body.ClickAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("Samen werken we aan een verbindende overheid.");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync("Lees meer: ");
        var toolbar = page.GetByRole(AriaRole.Toolbar, new() { Name = "Opmaak van Tekst" });
        await toolbar.GetByRole(AriaRole.Button, new() { Name = "Link" }).ClickAsync();

        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByLabel("Pagina op deze site").FillAsync($"Doelpagina {run}");
        await dialog.GetByRole(AriaRole.Button, new() { Name = $"Doelpagina {run}" }).ClickAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"backoffice-link-{width}.png"), FullPage = false });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Link invoegen" }).ClickAsync();
        await Assertions.Expect(dialog).Not.ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan en publiceren" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("gepubliceerd");

        // What is stored: plain spaces, a link to the page by its key, nothing opened in a new tab unasked.
        var stored = (await Content.GetLatestVersionAsync(key))!.Values.Single(v => v.Alias == "body").Value;
        Assert.StartsWith("<p>Samen werken we aan een verbindende overheid.</p><p>Lees meer: <a ", stored);
        Assert.Contains($"href=\"/{{localLink:{target}}}\"", stored);
        Assert.Contains("type=\"document\"", stored);
        Assert.EndsWith($">Doelpagina {run}</a></p>", stored);
        Assert.DoesNotContain("target=", stored);

        var visitor = await browser.NewPageAsync(width);
        await visitor.GotoAsync(route);
        var onSite = visitor.Locator(".utrecht-rich-text").First;
        await Assertions.Expect(onSite).ToContainTextAsync("Samen werken we aan een verbindende overheid.");
        var siteMarkup = await onSite.InnerHTMLAsync();
        using var api = JsonDocument.Parse(await (await visitor.APIRequest.GetAsync($"/umbraco/delivery/api/v2/content/item/{key}")).TextAsync());
        var apiMarkup = api.RootElement.GetProperty("properties").GetProperty("body").GetProperty("markup").GetString()!;
        var targetRoute = browser.Site.GetService<PublishedContentCache>().Current.ByKey(target)!.Route;
        foreach (var markup in new[] { siteMarkup, apiMarkup })
        {
            Assert.DoesNotContain("&nbsp;", markup);
            Assert.DoesNotContain("\u00A0", markup);
            Assert.Contains($"href=\"{targetRoute}\"", markup);
            Assert.DoesNotContain("target=", markup);
        }

        // The linked page gets another name, and so another address: the link follows it.
        var targetVersion = (await Content.GetLatestVersionAsync(target))!;
        Assert.True((await Content.SaveAsync(target, $"Nieuwe doelpagina {run}", targetVersion.Values)).Succeeded);
        Assert.True((await Content.PublishAsync(target)).Succeeded);
        var renamedRoute = browser.Site.GetService<PublishedContentCache>().Current.ByKey(target)!.Route;
        Assert.NotEqual(targetRoute, renamedRoute);
        await visitor.GotoAsync(route);
        await Assertions.Expect(visitor.Locator(".utrecht-rich-text").GetByRole(AriaRole.Link, new() { Name = $"Doelpagina {run}", Exact = true }))
            .ToHaveAttributeAsync("href", renamedRoute);
        await visitor.Context.CloseAsync();
        await page.Context.CloseAsync();
        await RemoveAsync(key, target);
    }

    /// <summary>The pages of a journey leave the site's navigation as they came, for the journeys after it.</summary>
    private async Task RemoveAsync(params Guid[] keys)
    {
        foreach (var key in keys) Assert.True((await Content.TrashAsync(key)).Succeeded);
    }

    [Fact]
    public async Task Saving_a_page_unchanged_in_the_browser_keeps_every_stored_value()
    {
        var home = browser.Site.GetService<PublishedContentCache>().Current.Home!.Key;
        var before = (await Content.GetLatestVersionAsync(home))!;
        var page = await LogInAsync(1280);
        await page.GotoAsync($"/backoffice/inhoud/{home}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan als concept" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Opgeslagen");

        var after = (await Content.GetLatestVersionAsync(home))!;
        Assert.NotEqual(before.Id, after.Id);
        Assert.Equal(before.Name, after.Name);
        Assert.Equal(before.Values.Select(v => (v.Alias, v.Culture, v.Value)), after.Values.Select(v => (v.Alias, v.Culture, v.Value)));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_address_without_https_is_completed_and_a_nonsense_address_is_refused_in_dutch()
    {
        var (key, _) = await NewPageAsync($"Adrespagina {Guid.NewGuid():N}"[..18]);
        var page = await LogInAsync(1280);
        await page.GotoAsync($"/backoffice/inhoud/{key}");
        var body = page.GetByRole(AriaRole.Textbox, new() { Name = "Tekst" });
        await body.ClickAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("Rijksoverheid");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.PressAsync("Control+K");

        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Of een adres").FillAsync("geen adres");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Link invoegen" }).ClickAsync();
        await Assertions.Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("geen bruikbaar adres");
        await dialog.GetByLabel("Of een adres").FillAsync("www.rijksoverheid.nl");
        await dialog.GetByLabel("In een nieuw tabblad openen").CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Link invoegen" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan als concept" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Opgeslagen");

        var stored = (await Content.GetLatestVersionAsync(key))!.Values.Single(v => v.Alias == "body").Value;
        Assert.StartsWith("<p><a ", stored);
        Assert.EndsWith(">Rijksoverheid</a></p>", stored);
        foreach (var attribute in new[] { "href=\"https://www.rijksoverheid.nl\"", "target=\"_blank\"", "rel=\"noopener\"" }) Assert.Contains(attribute, stored);
        await page.Context.CloseAsync();
        await RemoveAsync(key);
    }

    /// <summary>What Word puts on the clipboard: Mso classes, o:p, conditional comments, lists drawn as paragraphs.</summary>
    private const string FromWord = """
        <html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta charset="utf-8"><style><!-- p.MsoNormal {margin:0cm;} --></style></head>
        <body lang=NL style='tab-interval:35.4pt'><!--StartFragment--><p class=MsoNormal><b><span style='font-family:"Calibri",sans-serif'>Waarom</span></b><span
        style='font-family:"Calibri"'> wij veranderen<o:p></o:p></span></p>
        <p class=MsoNormal><o:p>&nbsp;</o:p></p>
        <p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol;mso-list:Ignore'>·<span
        style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span><![endif]>Samen leren<o:p></o:p></p>
        <p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol;mso-list:Ignore'>·<span
        style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span><![endif]>Durven <i>experimenteren</i><o:p></o:p></p>
        <p class=MsoNormal style='mso-list:l1 level1 lfo2'><![if !supportLists]><span style='mso-list:Ignore'>1.<span>&nbsp;&nbsp; </span></span><![endif]>Eerst luisteren<o:p></o:p></p>
        <!--EndFragment--></body></html>
        """;

    /// <summary>What Google Docs puts on the clipboard: a wrapper that is not bold, bold and italics as styles.</summary>
    private const string FromGoogleDocs = """
        <meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1a2b3c4d-7fff-4aaa-bbbb-0123456789ab"><p dir="ltr"
        style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;"><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;font-weight:700;font-style:normal;white-space:pre-wrap;">Publieke</span><span
        style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;font-weight:400;font-style:normal;white-space:pre-wrap;"> waarde </span><span
        style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;font-weight:400;font-style:italic;white-space:pre-wrap;">telt</span></p><br><ul
        style="margin-top:0;margin-bottom:0;padding-inline-start:48px;"><li dir="ltr" style="list-style-type:disc;font-size:11pt;" aria-level="1"><p dir="ltr"
        style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;" role="presentation"><span style="font-size:11pt;font-weight:400;">Eerste punt</span></p></li></ul></b>
        """;

    [Theory]
    [InlineData(FromWord, "<p><strong>Waarom</strong> wij veranderen</p><ul><li><p>Samen leren</p></li><li><p>Durven <em>experimenteren</em></p></li></ul><ol><li><p>Eerst luisteren</p></li></ol>")]
    [InlineData(FromGoogleDocs, "<p><strong>Publieke</strong> waarde <em>telt</em></p><ul><li><p>Eerste punt</p></li></ul>")]
    public async Task Text_pasted_from_word_or_google_docs_keeps_its_structure_and_loses_their_styling(string clipboard, string expected)
    {
        var (key, _) = await NewPageAsync($"Plakpagina {Guid.NewGuid():N}"[..18]);
        var page = await LogInAsync(1280);
        await page.GotoAsync($"/backoffice/inhoud/{key}");
        var body = page.GetByRole(AriaRole.Textbox, new() { Name = "Tekst" });
        await body.ClickAsync();
        await page.Keyboard.PressAsync("Control+A");

        // A real paste event with the clipboard's HTML, as the browser dispatches it on Ctrl+V.
        await body.EvaluateAsync("""
            (target, html) => {
              const data = new DataTransfer();
              data.setData("text/html", html);
              data.setData("text/plain", "");
              target.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
            }
            """, clipboard);
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan als concept" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Opgeslagen");

        var stored = (await Content.GetLatestVersionAsync(key))!.Values.Single(v => v.Alias == "body").Value;
        Assert.Equal(expected, stored);
        await page.Context.CloseAsync();
        await RemoveAsync(key);
    }

    /// <summary>
    /// Markup the editor cannot hold (a title on a paragraph) opens as HTML source, so typing keeps it; a page
    /// link as Umbraco 13 and older store it (no leading slash) is a link the editor holds, and stays one.
    /// </summary>
    [Theory]
    [InlineData("<p title=\"Inleiding\">Eerst dit.</p><p>Dan de rest.</p>", true, "<p title=\"Inleiding\">Eerst dit.</p>")]
    [InlineData("<p>Lees <a href=\"{localLink:umb://document/3cce2545e3ac44ecbf55a52cc5965db3}\" title=\"Privacy\">de privacy</a>.</p>", false,
        "href=\"{localLink:umb://document/3cce2545e3ac44ecbf55a52cc5965db3}\"")]
    public async Task What_the_editor_cannot_hold_is_edited_as_source_and_survives_typing(string stored, bool asSource, string kept)
    {
        var (key, _) = await NewPageAsync($"Bronpagina {Guid.NewGuid():N}"[..18], stored);
        var page = await LogInAsync(1280);
        await page.GotoAsync($"/backoffice/inhoud/{key}");

        var notice = page.Locator(".backoffice-rich-text__notice");
        if (asSource)
        {
            await Assertions.Expect(notice).ToBeVisibleAsync();
            await BrowserFixture.AssertAccessibleAsync(page);
            var source = page.Locator("textarea[data-rich-text]");
            await source.FillAsync(await source.InputValueAsync() + "<p>Erbij getypt.</p>");
        }
        else
        {
            await Assertions.Expect(notice).ToHaveCountAsync(0);
            await BrowserFixture.AssertAccessibleAsync(page);
            var body = page.GetByRole(AriaRole.Textbox, new() { Name = "Tekst" });
            await body.ClickAsync();
            await page.Keyboard.PressAsync("Control+End");
            await page.Keyboard.TypeAsync(" Erbij getypt.");
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan als concept" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Opgeslagen" })).ToBeVisibleAsync();

        var saved = (await Content.GetLatestVersionAsync(key))!.Values.Single(v => v.Alias == "body").Value;
        Assert.Contains("Erbij getypt.", saved);
        Assert.True(saved.Contains(kept, StringComparison.Ordinal), saved);
        await page.Context.CloseAsync();
        await RemoveAsync(key);
    }
}
