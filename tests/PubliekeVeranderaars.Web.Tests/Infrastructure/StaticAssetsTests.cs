using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace PubliekeVeranderaars.Web.Tests.Infrastructure;

/// <summary>
/// What a visitor's phone downloads (issue 17): one style sheet with only what the public pages use, compressed once
/// at build time and chosen by Accept-Encoding, cached for a year under a versioned address, a favicon, no 404s.
/// </summary>
public sealed partial class StaticAssetsTests(SqliteSiteFixture fixture) : IClassFixture<SqliteSiteFixture>
{
    /// <summary>Goal 5 of issue 17: the first visit of the home page transfers at most this much.</summary>
    private const int HomeFirstVisitBudget = 50 * 1024;

    public static TheoryData<string, string> Encodings() => new()
    {
        { "br", "br" },
        { "gzip", "gzip" },
        { "gzip, deflate, br", "br" },
        { "br;q=0, gzip", "gzip" },
        { "identity", "" },
        { "", "" },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task Style_sheets_and_scripts_are_sent_in_the_best_encoding_the_browser_takes(string acceptEncoding, string expected)
    {
        using var client = fixture.Site.CreateHttpClient();
        var assets = (await AssetsOfAsync(client, "/")).Concat(await AssetsOfAsync(client, "/backoffice/inloggen"))
            .Where(a => !a.Contains(".svg", StringComparison.Ordinal)).Distinct().ToList();
        Assert.Contains(assets, a => a.Contains("/lib/site/public.css", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.Contains("/lib/backoffice/backoffice.js", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            var plain = await client.GetByteArrayAsync(asset);
            using var request = new HttpRequestMessage(HttpMethod.Get, asset);
            if (acceptEncoding.Length > 0) request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);

            using var response = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(expected.Length == 0 ? [] : [expected], response.Content.Headers.ContentEncoding);
            Assert.Contains("Accept-Encoding", response.Headers.Vary);
            Assert.Equal(asset.Contains(".css", StringComparison.Ordinal) ? "text/css" : "text/javascript", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
            var body = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(plain, Decode(body, expected));
            // Compressed once at build time at the highest level, not per request at the fastest.
            if (expected.Length > 0)
                Assert.True(body.Length < Fastest(plain, expected), $"{asset} in {expected}: {body.Length} of {plain.Length} bytes, the fastest level {Fastest(plain, expected)}");
            Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        }
    }

    [Fact]
    public async Task The_first_visit_of_the_home_page_stays_within_its_budget()
    {
        using var client = fixture.Site.CreateHttpClient();
        using var page = await client.GetAsync("/");
        var html = await page.Content.ReadAsByteArrayAsync();
        var total = html.Length;
        foreach (var asset in await AssetsOfAsync(client, "/"))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, asset);
            request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, deflate, br");
            using var response = await client.SendAsync(request);
            total += (await response.Content.ReadAsByteArrayAsync()).Length;
        }
        Assert.True(total <= HomeFirstVisitBudget, $"the home page's first visit is {total} bytes; the budget is {HomeFirstVisitBudget}");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/zo-veranderen-wij/")]
    [InlineData("/zo-veranderen-wij/verbeelden/")]
    [InlineData("/initiatieven/")]
    [InlineData("/initiatieven/innovatielab-open-overheid/")]
    [InlineData("/ondertekenen/")]
    [InlineData("/privacy/")]
    [InlineData("/zoeken?q=samen")]
    [InlineData("/bestaat-niet/")]
    public async Task The_public_style_sheet_keeps_every_library_class_a_public_page_uses(string path)
    {
        using var client = fixture.Site.CreateHttpClient();
        var document = await Html.ParseAsync(await client.GetAsync(path));
        var used = document.QuerySelectorAll("[class]").SelectMany(e => e.ClassList).ToHashSet();
        var packages = Path.Combine(RepositoryPaths.Root, "PubliekeVeranderaars.Web", "node_modules");
        var library = await File.ReadAllTextAsync(Path.Combine(packages, "@utrecht", "component-library-css", "dist", "index.css"));
        var theme = await File.ReadAllTextAsync(Path.Combine(packages, "@nl-design-system-unstable", "voorbeeld-design-tokens", "dist", "theme.css"));
        var sheet = await client.GetStringAsync("/lib/site/public.css");

        var styledByLibrary = used.Where(c => Regex.IsMatch(library, $@"\.{Regex.Escape(c)}(?![\w-])")).ToList();
        Assert.NotEmpty(styledByLibrary);
        Assert.All(styledByLibrary, c => Assert.Matches($@"\.{Regex.Escape(c)}(?![\w-])", sheet));
        // And it is a fraction of the library and the theme: what no public page uses is left out.
        Assert.True(sheet.Length < (library.Length + theme.Length) / 3, $"public.css is {sheet.Length} bytes, the library and theme {library.Length + theme.Length}");
    }

    [Fact]
    public async Task The_back_offices_style_sheet_keeps_every_library_class_its_screens_and_scripts_use_and_only_those()
    {
        using var admin = await BackofficeUsers.LoginAsync(fixture.Site,
            await BackofficeUsers.CreateAsync(fixture.Site, Core.Backoffice.BackofficeRoles.Administrator));
        // Every screen the back office links to from its start, its content tree and its media section, one level deep.
        var screens = new HashSet<string> { "/backoffice/", "/backoffice/inhoud", "/backoffice/media" };
        foreach (var start in screens.ToList())
        {
            var document = await Html.ParseAsync(await admin.GetAsync(start));
            foreach (var href in document.QuerySelectorAll("a[href^='/backoffice']").Select(a => a.GetAttribute("href")!.Split('#')[0]))
                if (!href.Contains("uitloggen", StringComparison.Ordinal) && !href.Contains("export", StringComparison.Ordinal)) screens.Add(href);
        }
        var used = new HashSet<string>();
        foreach (var screen in screens)
        {
            var response = await admin.GetAsync(screen);
            if (response.Content.Headers.ContentType?.MediaType != "text/html") continue;
            used.UnionWith((await Html.ParseAsync(response)).QuerySelectorAll("[class]").SelectMany(e => e.ClassList));
        }
        using (var anonymous = fixture.Site.CreateHttpClient())
            used.UnionWith((await Html.ParseAsync(await anonymous.GetAsync("/backoffice/inloggen"))).QuerySelectorAll("[class]").SelectMany(e => e.ClassList));
        // The scripts build alerts, buttons and links of their own.
        var scripts = Path.Combine(RepositoryPaths.Root, "PubliekeVeranderaars.Web", "Frontend");
        foreach (var script in Directory.GetFiles(scripts, "*.js"))
            used.UnionWith(UtrechtClassName().Matches(await File.ReadAllTextAsync(script)).Select(m => m.Value));
        var packages = Path.Combine(RepositoryPaths.Root, "PubliekeVeranderaars.Web", "node_modules");
        var library = await File.ReadAllTextAsync(Path.Combine(packages, "@utrecht", "component-library-css", "dist", "index.css"));
        var theme = await File.ReadAllTextAsync(Path.Combine(packages, "@nl-design-system-unstable", "voorbeeld-design-tokens", "dist", "theme.css"));
        var sheet = await admin.GetStringAsync("/lib/site/backoffice.css");

        var styledByLibrary = used.Where(c => Regex.IsMatch(library, $@"\.{Regex.Escape(c)}(?![\w-])")).ToList();
        Assert.True(screens.Count > 10, $"only {screens.Count} screens were found");
        Assert.NotEmpty(styledByLibrary);
        Assert.All(styledByLibrary, c => Assert.Matches($@"\.{Regex.Escape(c)}(?![\w-])", sheet));
        // An editor's first screen loads it: what no screen uses is left out.
        Assert.True(sheet.Length < (library.Length + theme.Length) / 3, $"backoffice.css is {sheet.Length} bytes, the library and theme {library.Length + theme.Length}");
    }

    [GeneratedRegex(@"\butrecht-[a-z0-9]+(?:-{1,2}[a-z0-9]+)*")]
    private static partial Regex UtrechtClassName();

    [Fact]
    public async Task The_back_office_loads_the_rich_text_editor_only_where_rich_text_is_edited()
    {
        using var anonymous = fixture.Site.CreateHttpClient();
        using var admin = await BackofficeUsers.LoginAsync(fixture.Site,
            await BackofficeUsers.CreateAsync(fixture.Site, Core.Backoffice.BackofficeRoles.Administrator));
        var login = await AssetsOfAsync(anonymous, "/backoffice/inloggen");
        var tree = await AssetsOfAsync(admin, "/backoffice/inhoud");
        var home = Guid.Parse((await Html.ParseAsync(await admin.GetAsync("/backoffice/inhoud")))
            .QuerySelector("nav[aria-label='Inhoudsboom'] a[href^='/backoffice/inhoud/']")!.GetAttribute("href")!.Split('/')[3]);
        var editor = await AssetsOfAsync(admin, $"/backoffice/inhoud/{home}");
        static bool RichText(string asset) => asset.Contains("/lib/backoffice/backoffice-rich-text.js", StringComparison.Ordinal);
        static bool Backoffice(string asset) => asset.Contains("/lib/backoffice/backoffice.js", StringComparison.Ordinal);

        // The login, the tree, the lists and the media section load the small script; the editor (TipTap and
        // ProseMirror, ten times its size) only a screen with rich text to edit, before it, as it was one script.
        var script = await anonymous.GetStringAsync(login.Single(Backoffice));
        Assert.DoesNotContain("ProseMirror", script, StringComparison.Ordinal);
        Assert.True(script.Length < BackofficeScriptLimit, $"backoffice.js is {script.Length} bytes");
        Assert.DoesNotContain(login, RichText);
        Assert.DoesNotContain(tree, RichText);
        Assert.True(editor.ToList().FindIndex(RichText) is >= 0 and var i && i < editor.ToList().FindIndex(Backoffice), string.Join(", ", editor));
        using var request = new HttpRequestMessage(HttpMethod.Get, editor.Single(RichText));
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br");
        using var response = await admin.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.Contains("ProseMirror", System.Text.Encoding.UTF8.GetString(Decode(await response.Content.ReadAsByteArrayAsync(), "br")), StringComparison.Ordinal);
    }

    /// <summary>The back office's own script without the rich text editor: tens of kilobytes, not hundreds.</summary>
    private const int BackofficeScriptLimit = 64 * 1024;

    [Fact]
    public async Task Pages_are_not_compressed_because_they_carry_tokens_next_to_what_visitors_type()
    {
        using var client = fixture.Site.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ondertekenen/");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        Assert.Empty((await client.SendAsync(request)).Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task There_is_a_favicon_and_pages_name_it()
    {
        using var client = fixture.Site.CreateHttpClient(followRedirects: true);
        var icon = await client.GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.StartsWith("image/", icon.Content.Headers.ContentType!.MediaType);
        var page = await Html.ParseAsync(await client.GetAsync("/"));
        Assert.NotNull(page.QuerySelector("link[rel=icon]"));
    }

    /// <summary>The style sheets, scripts and icons a page links to, as their versioned addresses.</summary>
    private static async Task<IReadOnlyList<string>> AssetsOfAsync(HttpClient client, string path)
    {
        var document = await Html.ParseAsync(await client.GetAsync(path));
        return document.QuerySelectorAll("link[rel=stylesheet][href], link[rel=icon][href], script[src]")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!)
            .Where(href => href.StartsWith('/'))
            .ToList();
    }

    private static int Fastest(byte[] plain, string encoding)
    {
        using var output = new MemoryStream();
        using (Stream encoder = encoding == "br" ? new BrotliStream(output, CompressionLevel.Fastest, leaveOpen: true) : new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            encoder.Write(plain);
        return (int)output.Length;
    }

    private static byte[] Decode(byte[] body, string encoding)
    {
        if (encoding.Length == 0) return body;
        using var input = new MemoryStream(body);
        using Stream decoder = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }
}
