using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Initiatives;

namespace PubliekeVeranderaars.Web.Tests.Infrastructure;

/// <summary>
/// Whatever arrives (another content type, huge or nonsensical values), every form and screen answers with a 4xx
/// and a Dutch page, never a server error.
/// </summary>
public sealed partial class MalformedRequestTests(SqliteSiteFixture fixture) : IClassFixture<SqliteSiteFixture>
{
    private readonly SiteHost _site = fixture.Site;

    private static readonly string Huge = new('x', 3 * 1024 * 1024);

    /// <summary>Bodies a careless client or an attacker sends instead of a form.</summary>
    private static IEnumerable<(string What, Func<HttpContent> Body)> Bodies(string token) =>
    [
        ("json", () => new StringContent("{\"name\":\"Jan\",\"email\":\"jan@example.org\"}", Encoding.UTF8, "application/json")),
        ("plain text", () => new StringContent("name=Jan&email=jan@example.org", Encoding.UTF8, "text/plain")),
        ("xml", () => new StringContent("<form><name>Jan</name></form>", Encoding.UTF8, "application/xml")),
        ("no content type", () => new ByteArrayContent("name=Jan"u8.ToArray())),
        ("broken multipart", () =>
        {
            var content = new StringContent("--grens\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nJan", Encoding.UTF8);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=grens");
            return content;
        }),
        ("unknown charset", () => Form(token, "application/x-www-form-urlencoded; charset=utf-7")),
        ("charset the runtime lacks", () => Form(token, "application/x-www-form-urlencoded; charset=ibm037")),
        ("multipart with an unknown charset", () =>
        {
            var content = new StringContent($"--grens\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n{token}\r\n--grens--\r\n");
            content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=grens; charset=x-onbekend");
            return content;
        }),
        ("a part in a charset the runtime refuses", () =>
        {
            var content = new StringContent($"--XX\r\nContent-Disposition: form-data; name=\"name\"\r\nContent-Type: text/plain; charset=utf-7\r\n\r\nJan\r\n--XX--\r\n");
            content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=XX");
            return content;
        }),
        ("huge value", () => new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("name", Huge), new("email", Huge)])),
        ("nonsense values", () => new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token), new("name", "\u0000\uFFFF"), new("email", "@@"), new("direction", "omhoog"),
            new("versionId", "-99999999999999999999"), new("parent", "geen-guid"), new("publishAt", "9999-12-31T23:59"),
            new("unpublishAt", "0001-01-01T00:00"), new("role", "Superheld"), new("type", "../../etc"), new("code", "𝟙𝟚𝟛"),
            new("token", "%00"), new("format", "exe"), new("childName", Huge[..5000]),
        ])),
    ];

    private static HttpContent Form(string token, string contentType)
    {
        var content = new StringContent($"__RequestVerificationToken={Uri.EscapeDataString(token)}&name=Jan&email=jan%40example.org");
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    /// <summary>Query values for every screen: dates at the edge of the calendar, pages out of range, long searches.</summary>
    private static readonly string[] Queries =
    [
        "?tot=9999-12-31&van=0001-01-01", "?van=9999-12-31", "?tot=0001-01-01", "?van=gisteren&tot=31-12-2026", "?pagina=-1",
        "?pagina=2147483647", "?pagina=abc", "?zoek=" + new string('z', 5000), "?format=exe", "?returnUrl=//evil.example",
        "?q=" + Uri.EscapeDataString("\"(((") + "&pagina=99999999999",
    ];

    private List<(string Method, string Pattern)> Endpoints() =>
        _site.GetService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, e.RoutePattern.RawText!.TrimStart('/'))))
            .Where(e => !e.Item2.Contains("{**", StringComparison.Ordinal))
            .Distinct().ToList();

    /// <summary>A real page for routes that take a key; the posts below may well move it to the recycle bin.</summary>
    private static readonly Guid PrivacyPage = Guid.Parse("14d4e16e-f59e-58a0-8436-e950aba62138");

    private static string Concrete(string pattern)
    {
        return "/" + RouteValue().Replace(pattern, m => m.Groups[3].Value switch
        {
            "guid" => PrivacyPage.ToString(),
            "long" or "int" => "1",
            _ => m.Groups[1].Value == "alias" ? "doeMee" : "x",
        });
    }

    private IEnumerable<string> PublicFormPaths()
    {
        var snapshot = _site.GetService<PublishedContentCache>().Current;
        return snapshot.All.Where(c => c.ContentTypeAlias == InitiativeStatus.InitiativeTypeAlias).Select(c => c.Route)
            .Concat(["/ondertekenen/", "/ondertekenen/bevestigen", "/ondertekenen/intrekken", "/", "/zo-veranderen-wij/"]);
    }

    [Fact]
    public async Task Every_form_answers_other_content_types_and_bad_values_without_a_server_error()
    {
        using var admin = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Administrator));
        using var anonymous = _site.CreateHttpClient();
        var token = await BackofficeUsers.TokenAsync(admin, "/backoffice/gebruikers");
        var anonymousToken = await BackofficeUsers.TokenAsync(anonymous, "/backoffice/inloggen");
        var posts = Endpoints().Where(e => e.Method == "POST").Select(e => Concrete(e.Pattern))
            .Where(p => !p.EndsWith("/uitloggen", StringComparison.Ordinal)).ToList();
        var failures = new List<string>();

        foreach (var path in posts.Concat(PublicFormPaths()))
        {
            foreach (var (client, clientToken) in new[] { (admin, token), (anonymous, anonymousToken) })
            {
                foreach (var (what, body) in Bodies(clientToken))
                {
                    HttpResponseMessage response;
                    try
                    {
                        response = await client.PostAsync(path, body());
                    }
                    catch (HttpRequestException) when (what == "huge value")
                    {
                        // Refused before it was read to the end (413 and the connection closed): what a limit is for.
                        continue;
                    }
                    if ((int)response.StatusCode >= 500) failures.Add($"POST {path} ({what}): {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(posts.Count >= 20, $"only {posts.Count} POST endpoints found");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Public_forms_answer_a_body_that_is_not_a_form_with_400_or_415_and_a_dutch_page()
    {
        using var anonymous = _site.CreateHttpClient();
        var token = await BackofficeUsers.TokenAsync(anonymous, "/ondertekenen/");
        var failures = new List<string>();

        foreach (var path in PublicFormPaths().Where(p => p is not "/" and not "/zo-veranderen-wij/"))
        {
            foreach (var (what, body) in Bodies(token).Where(b => b.What is "json" or "plain text" or "xml" or "no content type"))
            {
                var response = await anonymous.PostAsync(path, body());
                var html = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode is not (400 or 415) || !html.Contains("lang=\"nl\"", StringComparison.Ordinal))
                    failures.Add($"POST {path} ({what}): {(int)response.StatusCode}, {(html.Length == 0 ? "empty" : html[..Math.Min(80, html.Length)])}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Every_screen_answers_odd_query_values_without_a_server_error()
    {
        using var admin = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Administrator));
        using var owner = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.InitiativeOwner));
        using var anonymous = _site.CreateHttpClient();
        var gets = Endpoints().Where(e => e.Method == "GET").Select(e => Concrete(e.Pattern)).Concat(["/zoeken/", "/ondertekenen/"]).ToList();
        var failures = new List<string>();

        foreach (var path in gets)
        {
            foreach (var client in new[] { admin, owner, anonymous })
            {
                foreach (var query in Queries)
                {
                    var response = await client.GetAsync(path + query);
                    if ((int)response.StatusCode >= 500) failures.Add($"GET {path}{query[..Math.Min(40, query.Length)]}: {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [InlineData("/ondertekenen/", "application/json")]
    [InlineData("/ondertekenen/", "application/x-www-form-urlencoded; charset=utf-7")]
    [InlineData("/backoffice/inloggen", "application/x-www-form-urlencoded; charset=utf-7")]
    [InlineData("/ondertekenen/", "multipart/form-data; boundary=XX")]
    public async Task A_form_posted_in_a_way_our_pages_never_post_gets_a_dutch_415_page(string path, string contentType)
    {
        using var client = _site.CreateHttpClient();
        var body = new StringContent("name=Jan&email=jan%40example.org");
        body.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        var response = await client.PostAsync(path, body);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("nl", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains("formulier", page.Body!.TextContent);
    }

    [Fact]
    public async Task An_owners_entries_up_to_the_last_day_of_the_calendar_answer_normally()
    {
        using var owner = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.InitiativeOwner));

        var response = await owner.GetAsync("/backoffice/formulieren/doeMee?tot=9999-12-31");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [GeneratedRegex(@"\{(\w+)(:(\w+))?\}")]
    private static partial Regex RouteValue();
}
