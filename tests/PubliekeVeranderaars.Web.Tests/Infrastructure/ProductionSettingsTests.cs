using System.Net;
using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Web.Tests.Infrastructure;

/// <summary>The site as it is deployed: Production settings, a public address, a proxy in front.</summary>
public sealed class ProductionSettingsTests
{
    private const string PublicHost = "publiekeveranderaars.test";
    private const string PublicBaseUrl = "https://" + PublicHost;

    private static SiteHost ProductionSite() => new(DatabaseProvider.Sqlite,
        new Dictionary<string, string?> { ["Site:BaseUrl"] = PublicBaseUrl }, environment: "Production");

    private static HttpRequestMessage Get(string path, string host, bool viaHttpsProxy = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = host;
        // The test client connects from loopback: the trusted proxy that terminates TLS.
        if (viaHttpsProxy) request.Headers.Add("X-Forwarded-Proto", "https");
        return request;
    }

    /// <summary>The site's binary started as a service starts it, on a fresh data directory, until it exits (or a minute passes).</summary>
    private static async Task<(int Exit, string Output)> StartSiteAsync(string environment, string variable, string value)
    {
        var data = Directory.CreateTempSubdirectory("pv-start-").FullName;
        try
        {
            return await SiteProcess.RunAsync(new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = environment, ["Site__DataDirectory"] = data, ["uSync__Folder"] = RepositoryPaths.USyncSeed,
                [variable] = value,
            }, TimeSpan.FromSeconds(60), "--urls", "http://127.0.0.1:0");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Production_refuses_to_start_without_a_base_url_and_says_what_to_set()
    {
        var (exit, output) = await StartSiteAsync("Production", "Site__BaseUrl", "");

        Assert.True(exit > 0, $"exit {exit}: {output}");
        Assert.Contains("Site:BaseUrl", output);
        Assert.Contains("Site__BaseUrl", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Theory]
    [InlineData("Database__Provider", "Oracle", "Database:Provider")]
    [InlineData("Site__BaseUrl", "publiekeveranderaars.nl", "Site:BaseUrl")]
    [InlineData("Forms__RateLimit__PermitsPerMinute", "0", "Forms:RateLimit:PermitsPerMinute")]
    [InlineData("Media__ImageWorkerIdleTime", "365.00:00:00", "Media:ImageWorkerIdleTime")]
    public async Task A_wrong_setting_stops_the_site_with_one_line_that_names_the_key(string variable, string value, string key)
    {
        var (exit, output) = await StartSiteAsync("Development", variable, value);

        Assert.True(exit == 78, $"exit {exit}: {output}");
        Assert.Contains(key, output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task With_a_base_url_only_requests_for_its_host_are_served()
    {
        using var site = ProductionSite();
        using var client = site.CreateHttpClient();

        var foreign = await client.SendAsync(Get("/", "evil.example", viaHttpsProxy: true));
        var own = await client.SendAsync(Get("/", PublicHost, viaHttpsProxy: true));

        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task Https_requests_through_the_trusted_proxy_get_hsts_in_production()
    {
        using var site = ProductionSite();
        using var client = site.CreateHttpClient();

        var response = await client.SendAsync(Get("/", PublicHost, viaHttpsProxy: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var hsts = Assert.Single(response.Headers.GetValues("Strict-Transport-Security"));
        Assert.Matches(@"max-age=\d{8,}", hsts);
    }

    [Fact]
    public async Task No_response_names_the_web_server()
    {
        using var site = ProductionSite();
        using var client = site.CreateHttpClient();

        var page = await client.SendAsync(Get("/", PublicHost, viaHttpsProxy: true));
        var missing = await client.SendAsync(Get("/bestaat-niet/", PublicHost, viaHttpsProxy: true));

        Assert.False(page.Headers.Contains("Server"), string.Join(",", page.Headers.Server));
        Assert.False(missing.Headers.Contains("Server"), string.Join(",", missing.Headers.Server));
    }

    [Fact]
    public async Task A_server_error_in_production_shows_a_dutch_page_without_a_stack_trace()
    {
        using var site = ProductionSite();
        var email = await BackofficeUsers.CreateAsync(site, BackofficeRoles.Administrator);
        // A real failure: the audit trail's table is gone, so logging in (which writes to it) cannot complete.
        await using (var db = site.GetService<SiteDatabase>().Open())
        {
            await db.Database.ExecuteSqlRawAsync("DROP TABLE AuditEntries");
        }
        // Behind TLS the cookies are Secure, which HttpClient keeps to https: carry them by hand, as the proxy does.
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = site.BaseAddress };
        var form = await client.SendAsync(Get("/backoffice/inloggen", PublicHost, viaHttpsProxy: true));
        var token = (await Html.ParseAsync(form)).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var request = new HttpRequestMessage(HttpMethod.Post, "/backoffice/inloggen")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["Email"] = email, ["Password"] = BackofficeUsers.Password,
            }),
        };
        request.Headers.Host = PublicHost;
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("Cookie", string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("nl", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Er ging iets mis", page.Body!.TextContent);
        var html = page.DocumentElement.OuterHtml;
        Assert.DoesNotContain("Exception", html);
        Assert.DoesNotContain("   at ", html);
    }

    [Fact]
    public async Task Security_txt_names_a_contact_a_near_expiry_and_the_languages()
    {
        using var site = ProductionSite();
        using var client = site.CreateHttpClient();

        var response = await client.SendAsync(Get("/.well-known/security.txt", PublicHost, viaHttpsProxy: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith("Contact: mailto:", StringComparison.Ordinal) || l.StartsWith("Contact: https://", StringComparison.Ordinal));
        Assert.Contains("Preferred-Languages: nl, en", lines);
        Assert.Contains($"Canonical: {PublicBaseUrl}/.well-known/security.txt", lines);
        var expires = DateTimeOffset.Parse(lines.Single(l => l.StartsWith("Expires: ", StringComparison.Ordinal))["Expires: ".Length..],
            System.Globalization.CultureInfo.InvariantCulture);
        // RFC 9116: in the future, and less than a year ahead.
        Assert.InRange(expires, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddYears(1));
    }
}
