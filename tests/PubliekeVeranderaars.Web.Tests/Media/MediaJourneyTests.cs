using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Media;
using PubliekeVeranderaars.Core.Storage;
using PubliekeVeranderaars.Web.Tests.Backoffice;

namespace PubliekeVeranderaars.Web.Tests.Media;

/// <summary>
/// An editor uploads a photo, describes it, picks it on an initiative and publishes: visitors get a responsive image,
/// the Delivery API gives it in Umbraco's shape, and deleting it warns that a page uses it. On SQLite and PostgreSQL.
/// </summary>
public abstract class MediaJourneyTests(SiteHost site)
{
    private const string Alt = "Twee collega's tekenen samen een plan op een whiteboard.";

    [Fact]
    public async Task An_uploaded_photo_picked_on_an_initiative_is_shown_responsive_and_served_from_the_api_in_umbracos_shape()
    {
        using var editor = await BackofficeUsers.LoginAsync(site, await BackofficeUsers.CreateAsync(site, BackofficeRoles.Editor));
        var key = await MediaUploads.UploadAsync(editor, "whiteboard-sessie.jpg", TestImages.JpegWithGps(1600, 1200));
        await MediaUploads.DescribeAsync(editor, key, "Whiteboard", Alt, focalLeft: "30", focalTop: "40");
        var initiative = await NewInitiativeAsync(editor);

        var published = await EditorForm.PostAsync(editor, initiative, "/publiceren", new Dictionary<string, string> { ["p:image"] = key.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        using var visitor = site.CreateHttpClient();
        var route = site.GetService<PublishedContentCache>().Current.ByKey(initiative)!.Route;
        var page = await Html.ParseAsync(await visitor.GetAsync(route));
        var img = page.QuerySelector("main img")!;
        Assert.Equal(Alt, img.GetAttribute("alt"));
        Assert.Equal(("800", "450"), (img.GetAttribute("width"), img.GetAttribute("height")));
        Assert.Contains("calc(100vw - 2rem)", img.GetAttribute("sizes"));
        var srcset = img.GetAttribute("srcset")!.Split(", ");
        Assert.Contains(srcset, s => s.EndsWith(" 1600w", StringComparison.Ordinal));
        Assert.Contains(srcset, s => s.EndsWith(" 320w", StringComparison.Ordinal));
        Assert.Contains("rxy=0.3,0.4", img.GetAttribute("src"));
        Assert.Contains(page.QuerySelectorAll("meta[property='og:image']"), m => m.GetAttribute("content")!.Contains("/media/"));

        // The variant: WebP for a browser that takes it, cached for a year, revalidated by its ETag.
        using var webp = new HttpRequestMessage(HttpMethod.Get, img.GetAttribute("src"));
        webp.Headers.Accept.ParseAdd("image/webp,*/*");
        var variant = await visitor.SendAsync(webp);
        Assert.Equal(HttpStatusCode.OK, variant.StatusCode);
        Assert.Equal("image/webp", variant.Content.Headers.ContentType!.MediaType);
        Assert.Contains("immutable", variant.Headers.CacheControl!.ToString());
        Assert.Contains("Accept", variant.Headers.Vary);
        var bytes = await variant.Content.ReadAsByteArrayAsync();
        Assert.Equal((800, 450, "webpload_buffer"), TestImages.Describe(bytes));
        Assert.False(TestImages.HasExif(bytes));
        using var again = new HttpRequestMessage(HttpMethod.Get, img.GetAttribute("src"));
        again.Headers.Accept.ParseAdd("image/webp");
        again.Headers.IfNoneMatch.Add(variant.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await visitor.SendAsync(again)).StatusCode);
        // The upload and the variant were processed as the site does by default: in a worker process, not in the site.
        Assert.True(site.GetService<IMediaImageProcessor>() is MediaImageWorkerPool { WorkersStarted: > 0 });

        var item = JsonNode.Parse(await visitor.GetStringAsync($"/umbraco/delivery/api/v2/content/item/{initiative}"))!;
        var picked = item["properties"]!["image"]!.AsArray().Single()!;
        Assert.Equal(key.ToString(), (string)picked["id"]!);
        Assert.Equal(("Whiteboard", "Image", "jpg", 1600, 1200), ((string)picked["name"]!, (string)picked["mediaType"]!, (string)picked["extension"]!,
            (int)picked["width"]!, (int)picked["height"]!));
        Assert.StartsWith("/media/", (string)picked["url"]!);
        Assert.True((long)picked["bytes"]! > 0);
        Assert.Equal((0.3, 0.4), ((double)picked["focalPoint"]!["left"]!, (double)picked["focalPoint"]!["top"]!));
        Assert.Equal(Alt, (string)picked["properties"]!["altText"]!);
        Assert.NotNull(picked["crops"]!.AsArray());

        var media = JsonNode.Parse(await visitor.GetStringAsync($"/umbraco/delivery/api/v2/media/item/{key}"))!;
        Assert.Equal((string)picked["url"]!, (string)media["url"]!);
        Assert.Equal("/whiteboard/", (string)media["path"]!);
        Assert.Contains(media["crops"]!.AsArray(), c => (string)c!["alias"]! == "share" && (int)c["width"]! == 1200);
        Assert.Equal(key.ToString(), (string)JsonNode.Parse(await visitor.GetStringAsync("/umbraco/delivery/api/v2/media/item/whiteboard"))!["id"]!);
        var top = JsonNode.Parse(await visitor.GetStringAsync("/umbraco/delivery/api/v2/media?fetch=children:/&filter=mediaType:Image&take=1000"))!;
        Assert.Contains(top["items"]!.AsArray(), m => (string)m!["id"]! == key.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, (await visitor.GetAsync("/umbraco/delivery/api/v2/media?filter=mediaType:Image")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/umbraco/delivery/api/v2/media/item/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Deleting_an_image_that_a_page_shows_asks_first_and_the_page_then_shows_none()
    {
        using var editor = await BackofficeUsers.LoginAsync(site, await BackofficeUsers.CreateAsync(site, BackofficeRoles.Editor));
        var key = await MediaUploads.UploadAsync(editor, "portret.png", TestImages.Png(600, 800));
        await MediaUploads.DescribeAsync(editor, key, "Portret", "Portret van de eigenaar.");
        var initiative = await NewInitiativeAsync(editor);
        await EditorForm.PostAsync(editor, initiative, "/publiceren", new Dictionary<string, string> { ["p:ownerPortrait"] = key.ToString() });
        using var visitor = site.CreateHttpClient();
        var route = site.GetService<PublishedContentCache>().Current.ByKey(initiative)!.Route;
        Assert.NotNull((await Html.ParseAsync(await visitor.GetAsync(route))).QuerySelector("img.site-owner__portrait"));

        var token = await BackofficeUsers.TokenAsync(editor, $"/backoffice/media/{key}");
        var refused = await editor.PostAsync($"/backoffice/media/{key}/verwijderen",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("in gebruik op 1 pagina", (await Html.ParseAsync(refused)).QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(site.GetService<PublishedContentCache>().Current.Media[key].Src)).StatusCode);

        // A writer may upload and describe, but taking an image off live pages is an editor's decision.
        using var writer = await BackofficeUsers.LoginAsync(site, await BackofficeUsers.CreateAsync(site, BackofficeRoles.Writer));
        var writerToken = await BackofficeUsers.TokenAsync(writer, $"/backoffice/media/{key}");
        var writerTries = await writer.PostAsync($"/backoffice/media/{key}/verwijderen",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = writerToken, ["bevestigd"] = "true" }));
        Assert.Contains("Alleen een redacteur", (await Html.ParseAsync(writerTries)).QuerySelector("[role=alert]")!.TextContent);

        var confirmed = await editor.PostAsync($"/backoffice/media/{key}/verwijderen",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["bevestigd"] = "true" }));
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Null((await Html.ParseAsync(await visitor.GetAsync(route))).QuerySelector("img.site-owner__portrait"));
    }

    [Fact]
    public async Task A_writer_can_neither_change_nor_bin_with_its_folder_nor_bring_back_an_image_that_live_pages_show()
    {
        using var editor = await BackofficeUsers.LoginAsync(site, await BackofficeUsers.CreateAsync(site, BackofficeRoles.Editor));
        var library = site.GetService<Core.Media.MediaLibrary>();
        var folder = await library.CreateFolderAsync($"Portretten {Guid.NewGuid():N}", null, Actor.System);
        var key = await MediaUploads.UploadAsync(editor, "eigenaar.png", TestImages.Png(600, 800), folder.Item!.Key);
        await MediaUploads.DescribeAsync(editor, key, "Eigenaar", "Portret van de eigenaar.");
        var initiative = await NewInitiativeAsync(editor);
        await EditorForm.PostAsync(editor, initiative, "/publiceren", new Dictionary<string, string> { ["p:ownerPortrait"] = key.ToString() });
        var queries = site.GetService<Core.Media.MediaQueries>();

        using var writer = await BackofficeUsers.LoginAsync(site, await BackofficeUsers.CreateAsync(site, BackofficeRoles.Writer));
        async Task<HttpResponseMessage> WriterPostsAsync(string path, Dictionary<string, string> fields)
        {
            fields["__RequestVerificationToken"] = await BackofficeUsers.TokenAsync(writer, "/backoffice/media");
            return await writer.PostAsync(path, new FormUrlEncodedContent(fields));
        }

        // The alt text and the name are what visitors read on the live page.
        var renamed = await WriterPostsAsync($"/backoffice/media/{key}", new() { ["naam"] = "Iemand anders", ["alt"] = "Een ander portret." });
        Assert.Equal(HttpStatusCode.BadRequest, renamed.StatusCode);
        Assert.Contains("Alleen een redacteur", (await Html.ParseAsync(renamed)).QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(("Eigenaar", "Portret van de eigenaar."), ((await queries.FindAsync(key))!.Name, (await queries.FindAsync(key))!.AltText));

        // The folder takes everything in it to the bin.
        await WriterPostsAsync($"/backoffice/media/{folder.Item.Key}/verwijderen", new() { ["bevestigd"] = "true" });
        Assert.False((await queries.FindAsync(key))!.Trashed);
        Assert.False((await queries.FindAsync(folder.Item.Key))!.Trashed);

        // Once an editor binned it, bringing it back onto the live page is an editor's decision too.
        var token = await BackofficeUsers.TokenAsync(editor, $"/backoffice/media/{key}");
        await editor.PostAsync($"/backoffice/media/{key}/verwijderen",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["bevestigd"] = "true" }));
        Assert.True((await queries.FindAsync(key))!.Trashed);
        await WriterPostsAsync($"/backoffice/media/{key}/terugzetten", []);
        Assert.True((await queries.FindAsync(key))!.Trashed);
    }

    [Fact]
    public async Task A_bomb_a_script_and_an_svg_are_refused_in_dutch_and_nothing_is_stored()
    {
        using var editor = await BackofficeUsers.LoginAsync(site, await BackofficeUsers.CreateAsync(site, BackofficeRoles.Writer));
        var bomb = await MediaUploads.PostAsync(editor, "bom.png", TestImages.PngHeaderClaiming(50_000, 50_000));
        var svg = await MediaUploads.PostAsync(editor, "logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"u8.ToArray());
        var script = await MediaUploads.PostAsync(editor, "foto.jpg", "<script>alert(1)</script>"u8.ToArray());
        var broken = await MediaUploads.PostAsync(editor, "kapot.jpg", [0xFF, 0xD8, 0xFF, 0xE0, .. "niet echt een foto"u8.ToArray()]);

        foreach (var (response, message) in new[] { (bomb, "megapixel"), (svg, "SVG"), (script, "geen JPEG-"), (broken, "beschadigd of onvolledig") })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(message, (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())![0]!["error"]!);
        }
    }

    [Fact]
    public async Task A_front_end_asking_for_a_named_crop_gets_exactly_its_size()
    {
        using var editor = await BackofficeUsers.LoginAsync(site, await BackofficeUsers.CreateAsync(site, BackofficeRoles.Editor));
        var key = await MediaUploads.UploadAsync(editor, "groot.jpg", TestImages.Jpeg(2400, 1800));
        var src = site.GetService<Core.Media.MediaCache>() is { } media ? (await media.FindAsync(key))!.Src! : "";
        using var visitor = site.CreateHttpClient();

        // The seed's image cropper defines "share" as 1200 × 630 (Open Graph), as an Umbraco front end reads from the API.
        var share = await visitor.GetAsync(src + "?width=1200&height=630&format=jpg");
        Assert.Equal(HttpStatusCode.OK, share.StatusCode);
        var (width, height, _) = TestImages.Describe(await share.Content.ReadAsByteArrayAsync());
        Assert.Equal((1200, 630), (width, height));
    }

    [Fact]
    public async Task A_browser_that_takes_avif_gets_avif_and_one_that_takes_only_webp_gets_webp()
    {
        using var editor = await BackofficeUsers.LoginAsync(site, await BackofficeUsers.CreateAsync(site, BackofficeRoles.Editor));
        var key = await MediaUploads.UploadAsync(editor, "formaat.jpg", TestImages.Jpeg(1600, 1200));
        var src = (await site.GetService<Core.Media.MediaCache>().FindAsync(key))!.Src!;
        using var visitor = site.CreateHttpClient();

        async Task<(string? Type, string Loader, int Width)> GetAsync(string accept)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, src + "?width=800");
            request.Headers.TryAddWithoutValidation("Accept", accept);
            var response = await visitor.SendAsync(request);
            Assert.Contains("Accept", response.Headers.Vary);
            var (width, _, loader) = TestImages.Describe(await response.Content.ReadAsByteArrayAsync());
            return (response.Content.Headers.ContentType?.MediaType, loader, width);
        }

        // What Chromium and Firefox send for an <img>, and what an older browser sends.
        var avif = await GetAsync("image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8");
        Assert.Equal("image/avif", avif.Type);
        Assert.StartsWith("heifload", avif.Loader);
        Assert.Equal(800, avif.Width);
        var webp = await GetAsync("image/webp,*/*");
        Assert.Equal(("image/webp", 800), (webp.Type, webp.Width));
    }

    [Fact]
    public async Task A_share_image_smaller_than_the_share_size_is_announced_at_the_size_it_is_served()
    {
        using var editor = await BackofficeUsers.LoginAsync(site, await BackofficeUsers.CreateAsync(site, BackofficeRoles.Editor));
        var key = await MediaUploads.UploadAsync(editor, "klein.png", TestImages.Png(400, 300));
        await MediaUploads.DescribeAsync(editor, key, "Klein", "Een klein beeld.");
        var initiative = await NewInitiativeAsync(editor);
        await EditorForm.PostAsync(editor, initiative, "/publiceren", new Dictionary<string, string> { ["p:image"] = key.ToString() });
        using var visitor = site.CreateHttpClient();
        var page = await Html.ParseAsync(await visitor.GetAsync(site.GetService<PublishedContentCache>().Current.ByKey(initiative)!.Route));

        string Meta(string property) => page.QuerySelector($"meta[property='{property}']")!.GetAttribute("content")!;
        var served = await visitor.GetAsync(new Uri(Meta("og:image")).PathAndQuery);
        var (width, height, _) = TestImages.Describe(await served.Content.ReadAsByteArrayAsync());
        Assert.Equal((width.ToString(), height.ToString()), (Meta("og:image:width"), Meta("og:image:height")));
        Assert.Equal("400", Meta("og:image:width"));
    }

    [Fact]
    public async Task A_pdf_is_downloaded_not_opened_on_the_site_and_one_with_a_script_is_refused_in_dutch()
    {
        using var editor = await BackofficeUsers.LoginAsync(site, await BackofficeUsers.CreateAsync(site, BackofficeRoles.Editor));
        var plain = await MediaUploads.UploadAsync(editor, "jaarverslag.pdf", "%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray());
        var scripted = await MediaUploads.PostAsync(editor, "factuur.pdf",
            "%PDF-1.7\n1 0 obj<</OpenAction<</S/JavaScript/JS(app.alert(1))>>>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray());

        Assert.Equal(HttpStatusCode.BadRequest, scripted.StatusCode);
        Assert.Contains("bevat JavaScript", (string)JsonNode.Parse(await scripted.Content.ReadAsStringAsync())![0]!["error"]!);
        using var visitor = site.CreateHttpClient();
        var served = await visitor.GetAsync((await site.GetService<Core.Media.MediaQueries>().FindAsync(plain))!.Src);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("attachment", served.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Contains("sandbox", served.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Anonymous_visitors_cannot_reach_the_media_section_and_files_in_the_bin_are_not_served()
    {
        using var anonymous = site.CreateHttpClient();
        foreach (var path in new[] { "/backoffice/media", "/backoffice/media/prullenbak", $"/backoffice/media/{Guid.NewGuid()}" })
            Assert.Contains("/backoffice/inloggen", (await anonymous.GetAsync(path)).Headers.Location?.ToString() ?? "");

        using var editor = await BackofficeUsers.LoginAsync(site, await BackofficeUsers.CreateAsync(site, BackofficeRoles.Editor));
        var key = await MediaUploads.UploadAsync(editor, "weg.png", TestImages.Png());
        var src = (await site.GetService<Core.Media.MediaQueries>().FindAsync(key))!.Src!;
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(src)).StatusCode);
        // A variant served once is remembered: it must be forgotten as soon as its image goes to the bin.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(src + "?width=160")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(src + "?width=160")).StatusCode);
        var token = await BackofficeUsers.TokenAsync(editor, $"/backoffice/media/{key}");
        await editor.PostAsync($"/backoffice/media/{key}/verwijderen", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(src)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(src + "?width=160")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/media/abcdefgh/..%2F..%2Fkeys%2Fkey.xml")).StatusCode);
    }

    private async Task<Guid> NewInitiativeAsync(HttpClient editor)
    {
        var parent = site.GetService<PublishedContentCache>().Current.All.First(c => c.ContentTypeAlias == "initiativesPage");
        var created = await site.GetService<ContentEditingService>().CreateAsync(parent.Key, "initiative", $"Beeldinitiatief {Guid.NewGuid():N}",
            [new("title", null, "Beeldinitiatief"), new("summary", null, "Met een beeld."), new("ownerName", null, "Sanne"),
             new("ownerEmail", null, "sanne@example.org"), new("status", null, "[\"open\"]")], Actor.System);
        Assert.True(created.Succeeded, string.Join(", ", created.Errors.Select(e => e.Message)));
        return created.Node!.Key;
    }
}

public sealed class MediaJourneyOnSqliteTests(SqliteSiteFixture fixture) : MediaJourneyTests(fixture.Site), IClassFixture<SqliteSiteFixture>;

public sealed class MediaJourneyOnPostgresTests(PostgresSiteFixture fixture) : MediaJourneyTests(fixture.Site), IClassFixture<PostgresSiteFixture>;

/// <summary>Uploads as the media section's script sends them: one file per request, asking for JSON.</summary>
public static class MediaUploads
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string fileName, byte[] content, Guid? folder = null)
    {
        var token = await BackofficeUsers.TokenAsync(client, "/backoffice/media");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(content) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } }, "bestanden", fileName },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/backoffice/media/uploaden" + (folder is { } f ? $"?map={f}" : "")) { Content = form };
        request.Headers.Accept.ParseAdd("application/json");
        return await client.SendAsync(request);
    }

    public static async Task<Guid> UploadAsync(HttpClient client, string fileName, byte[] content, Guid? folder = null)
    {
        var response = await PostAsync(client, fileName, content, folder);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return Guid.Parse((string)JsonNode.Parse(body)![0]!["key"]!);
    }

    public static async Task DescribeAsync(HttpClient client, Guid key, string name, string alt, string focalLeft = "", string focalTop = "")
    {
        var token = await BackofficeUsers.TokenAsync(client, $"/backoffice/media/{key}");
        var saved = await client.PostAsync($"/backoffice/media/{key}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["naam"] = name, ["alt"] = alt, ["focusLinks"] = focalLeft, ["focusBoven"] = focalTop,
        }));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }
}
