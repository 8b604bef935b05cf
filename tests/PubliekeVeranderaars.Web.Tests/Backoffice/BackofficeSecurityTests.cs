using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using PubliekeVeranderaars.Core.Backoffice;

namespace PubliekeVeranderaars.Web.Tests.Backoffice;

/// <summary>Nothing in the back office answers an anonymous visitor but the login itself; each role reaches only its part.</summary>
public class BackofficeSecurityTests(SqliteSiteFixture fixture) : IClassFixture<SqliteSiteFixture>
{
    private readonly SiteHost _site = fixture.Site;

    /// <summary>Logging in, and setting a password through a mailed link, must work before one is logged in.</summary>
    private static readonly string[] AnonymousByDesign =
    [
        "GET backoffice/inloggen", "POST backoffice/inloggen", "GET backoffice/geen-toegang",
        "GET backoffice/wachtwoord-vergeten", "POST backoffice/wachtwoord-vergeten",
        "GET backoffice/wachtwoord-instellen", "POST backoffice/wachtwoord-instellen",
        "GET backoffice/inloggen/code", "POST backoffice/inloggen/code",
    ];

    private List<(string Method, string Pattern, RouteEndpoint Endpoint)> BackofficeEndpoints() =>
        _site.GetService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("backoffice", StringComparison.OrdinalIgnoreCase) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, e.RoutePattern.RawText!.TrimStart('/'), e)))
            .ToList();

    private static string Concrete(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, @"\{(\w+)(:(\w+))?\}", m => m.Groups[3].Value switch
        {
            "guid" => Guid.NewGuid().ToString(),
            "long" or "int" => "1",
            _ => "x",
        });

    [Fact]
    public void Only_the_login_code_and_password_pages_allow_anonymous_visitors()
    {
        var anonymous = BackofficeEndpoints()
            .Where(e => e.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => $"{e.Method} {e.Pattern}").Order().ToArray();

        Assert.Equal(AnonymousByDesign.Order().ToArray(), anonymous);
    }

    [Fact]
    public async Task Every_back_office_endpoint_sends_an_anonymous_request_to_the_login()
    {
        var endpoints = BackofficeEndpoints().Where(e => !AnonymousByDesign.Contains($"{e.Method} {e.Pattern}")).ToList();
        Assert.True(endpoints.Count >= 15, $"only {endpoints.Count} back-office endpoints found");
        using var client = _site.CreateHttpClient();

        foreach (var (method, pattern, _) in endpoints)
        {
            var request = new HttpRequestMessage(new HttpMethod(method), "/" + Concrete(pattern));
            if (method == "POST") request.Content = new FormUrlEncodedContent([new("name", "Kwaadwillend")]);
            var response = await client.SendAsync(request);

            var status = (int)response.StatusCode;
            Assert.True(status is 401 or 403 || (response.StatusCode == HttpStatusCode.Redirect
                && response.Headers.Location!.ToString().Contains("/backoffice/inloggen", StringComparison.Ordinal)),
                $"{method} /{pattern} answered {status} {response.Headers.Location}");
        }
    }

    public static TheoryData<string, string[]> Matrix() => new()
    {
        { "/backoffice/", [BackofficeRoles.Administrator, BackofficeRoles.Editor, BackofficeRoles.Writer, BackofficeRoles.InitiativeOwner, BackofficeRoles.Privacy] },
        { "/backoffice/account", [BackofficeRoles.Administrator, BackofficeRoles.Editor, BackofficeRoles.Writer, BackofficeRoles.InitiativeOwner, BackofficeRoles.Privacy] },
        { "/backoffice/usync", [BackofficeRoles.Administrator] },
        { "/backoffice/zoekindex", [BackofficeRoles.Administrator] },
        { "/backoffice/inhoud", [BackofficeRoles.Administrator, BackofficeRoles.Editor, BackofficeRoles.Writer] },
        { "/backoffice/formulieren", [BackofficeRoles.Administrator, BackofficeRoles.Editor, BackofficeRoles.InitiativeOwner] },
        { "/backoffice/aanmeldingen", [BackofficeRoles.Administrator, BackofficeRoles.Editor, BackofficeRoles.InitiativeOwner] },
        { "/backoffice/formulieren/doeMee", [BackofficeRoles.Administrator, BackofficeRoles.Editor, BackofficeRoles.InitiativeOwner] },
        { "/backoffice/handtekeningen", [BackofficeRoles.Administrator, BackofficeRoles.Editor] },
        { "/backoffice/signatures/export?format=csv", [BackofficeRoles.Administrator, BackofficeRoles.Editor] },
        { "/backoffice/mail", [BackofficeRoles.Administrator, BackofficeRoles.Editor] },
        { "/backoffice/audit", [BackofficeRoles.Administrator] },
        { "/backoffice/gebruikers", [BackofficeRoles.Administrator] },
        { "/backoffice/privacy", [BackofficeRoles.Administrator, BackofficeRoles.Privacy] },
        { "/backoffice/bewaartermijnen", [BackofficeRoles.Administrator, BackofficeRoles.Privacy] },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_role_reaches_only_what_it_may(string path, string[] allowed)
    {
        foreach (var role in BackofficeRoles.All)
        {
            using var client = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, role));

            var response = await client.GetAsync(path);

            if (allowed.Contains(role)) Assert.True(response.StatusCode == HttpStatusCode.OK, $"{role} on {path}: {response.StatusCode}");
            else Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("geen-toegang"),
                $"{role} on {path}: {response.StatusCode} {response.Headers.Location}");
        }
    }

    [Fact]
    public async Task The_sixth_attempt_after_five_wrong_passwords_is_refused_even_with_the_right_password()
    {
        var email = await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor);
        using var client = _site.CreateHttpClient();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var wrong = await BackofficeUsers.PostLoginAsync(client, email, "verkeerd-wachtwoord");
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        var sixth = await BackofficeUsers.PostLoginAsync(client, email, BackofficeUsers.Password);

        Assert.Equal(HttpStatusCode.BadRequest, sixth.StatusCode);
        // The same answer as any failed login: the page never tells that this account exists and is locked.
        Assert.Contains("klopt niet", await sixth.Content.ReadAsStringAsync());
        var audit = await _site.GetService<AuditLog>().LatestAsync();
        // Identity reports the fifth wrong password itself as the lock-out; the sixth attempt is refused as locked.
        Assert.Equal(6, audit.Count(e => e.User == email && e.Action is AuditActions.LoginFailed or AuditActions.LockedOut));
        Assert.Equal(2, audit.Count(e => e.User == email && e.Action == AuditActions.LockedOut));
        Assert.DoesNotContain(audit, e => e.User == email && e.Action == AuditActions.Login);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_address_get_the_same_answer()
    {
        var email = await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Writer);
        using var client = _site.CreateHttpClient();

        var wrong = await (await BackofficeUsers.PostLoginAsync(client, email, "verkeerd-wachtwoord")).Content.ReadAsStringAsync();
        var unknown = await (await BackofficeUsers.PostLoginAsync(client, "niemand@example.org", "verkeerd-wachtwoord")).Content.ReadAsStringAsync();

        Assert.Contains("klopt niet", wrong);
        Assert.Contains("klopt niet", unknown);
    }

    [Fact]
    public async Task The_export_download_needs_a_login_and_lands_in_the_audit_trail()
    {
        using (var anonymous = _site.CreateHttpClient())
        {
            var refused = await anonymous.GetAsync("/backoffice/signatures/export?format=csv");
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        }
        var editor = await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor);
        using var client = await BackofficeUsers.LoginAsync(_site, editor);
        await using (var db = _site.GetService<Core.Storage.SiteDatabase>().Open())
        {
            // Rows matter: an empty export never exercises the streaming of rows over HTTP.
            db.Signatures.Add(new Core.Signatures.Signature
            {
                Key = Guid.NewGuid(), Name = "=Export Test", Email = $"export.{Guid.NewGuid():N}@example.org",
                Status = Core.Signatures.SignatureStatus.Confirmed, CreatedUtc = DateTime.UtcNow, ConfirmedUtc = DateTime.UtcNow, LastMailUtc = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        var csv = await client.GetAsync("/backoffice/signatures/export?format=csv");
        var xlsx = await client.GetAsync("/backoffice/signatures/export?format=xlsx");

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.StartsWith("attachment;", csv.Content.Headers.ContentDisposition?.ToString());
        var text = System.Text.Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync());
        Assert.StartsWith("\uFEFFNaam;", text);
        Assert.Contains("'=Export Test", text);
        Assert.Equal("PK"u8.ToArray(), (await xlsx.Content.ReadAsByteArrayAsync())[..2]);
        var audit = await _site.GetService<AuditLog>().LatestAsync();
        Assert.Equal(2, audit.Count(e => e.User == editor && e.Action == AuditActions.ExportPersonalData));
    }
}
