using System.Net;
using System.Text.RegularExpressions;
using PubliekeVeranderaars.Core.Backoffice;

namespace PubliekeVeranderaars.Web.Tests.Backoffice;

/// <summary>Passwords set through mailed links: forgotten passwords and invitations, over real HTTP and SMTP.</summary>
public partial class BackofficePasswordTests(SqliteMailSiteFixture fixture) : IClassFixture<SqliteMailSiteFixture>
{
    private readonly SiteHost _site = fixture.Site;
    private readonly TestSmtpServer _smtp = fixture.Smtp;

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string tokenPage, params (string, string)[] fields)
    {
        var token = await BackofficeUsers.TokenAsync(client, tokenPage);
        return await client.PostAsync(path, new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))]));
    }

    private static async Task<HttpResponseMessage> SetPasswordAsync(HttpClient client, string link, string password)
    {
        var page = await Html.ParseAsync(await client.GetAsync(link));
        string Hidden(string name) => page.QuerySelector($"input[name={name}]")!.GetAttribute("value")!;
        return await client.PostAsync("/backoffice/wachtwoord-instellen", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Hidden("__RequestVerificationToken"), ["Email"] = Hidden("Email"), ["Token"] = Hidden("Token"),
            ["Password"] = password, ["Confirmation"] = password,
        }));
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_through_the_mailed_link()
    {
        var email = await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor);
        using var client = _site.CreateHttpClient();

        var asked = await PostAsync(client, "/backoffice/wachtwoord-vergeten", "/backoffice/wachtwoord-vergeten", ("email", email));
        var unknown = await PostAsync(client, "/backoffice/wachtwoord-vergeten", "/backoffice/wachtwoord-vergeten", ("email", "onbekend@example.org"));
        var knownAnswer = (await Html.ParseAsync(asked)).QuerySelector("[role=status]")!.TextContent;
        var unknownAnswer = (await Html.ParseAsync(unknown)).QuerySelector("[role=status]")!.TextContent;
        Assert.Equal(knownAnswer, unknownAnswer);

        var mail = await _smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email));
        var link = new Uri(SetLink().Match(mail.TextBody ?? "").Value).PathAndQuery;
        var set = await SetPasswordAsync(client, link, "een nieuw lang wachtwoord");

        Assert.Contains("Je wachtwoord is ingesteld", await set.Content.ReadAsStringAsync());
        using var loggedIn = await BackofficeUsers.LoginAsync(_site, email, "een nieuw lang wachtwoord");
        Assert.Equal(HttpStatusCode.OK, (await loggedIn.GetAsync("/backoffice/")).StatusCode);
        Assert.Contains(await _site.GetService<AuditLog>().LatestAsync(), e => e.Action == AuditActions.PasswordSet && e.User == email);
        Assert.DoesNotContain(_smtp.Messages, m => m.To.Mailboxes.Any(a => a.Address == "onbekend@example.org"));

        var reused = await SetPasswordAsync(client, link, "nog een ander wachtwoord");
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Contains("werkt niet (meer)", await reused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_administrator_invites_a_user_who_sets_a_password_and_logs_in()
    {
        using var admin = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Administrator));
        var invited = $"nieuw.{Guid.NewGuid():N}@example.org";

        var created = await PostAsync(admin, "/backoffice/gebruikers", "/backoffice/gebruikers",
            ("email", invited), ("name", "Nieuwe Collega"), ("role", BackofficeRoles.Writer), ("password", ""));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        var mail = await _smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == invited));
        Assert.Contains("Je account", mail.Subject);
        using var client = _site.CreateHttpClient();
        await SetPasswordAsync(client, new Uri(SetLink().Match(mail.TextBody ?? "").Value).PathAndQuery, "mijn eigen lange wachtwoord");
        using var writer = await BackofficeUsers.LoginAsync(_site, invited, "mijn eigen lange wachtwoord");
        Assert.Equal(HttpStatusCode.OK, (await writer.GetAsync("/backoffice/inhoud")).StatusCode);
        Assert.Contains(await _site.GetService<AuditLog>().LatestAsync(), e => e.Action == AuditActions.Invite && e.Target == invited);
    }

    [Fact]
    public async Task A_short_password_is_refused_in_dutch()
    {
        var email = await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Writer);
        using var client = _site.CreateHttpClient();
        await PostAsync(client, "/backoffice/wachtwoord-vergeten", "/backoffice/wachtwoord-vergeten", ("email", email));
        var mail = await _smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email));

        var response = await SetPasswordAsync(client, new Uri(SetLink().Match(mail.TextBody ?? "").Value).PathAndQuery, "kort");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("minstens 10 tekens", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_reset_link_never_follows_the_host_that_the_request_names()
    {
        var email = await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor);
        using var client = _site.CreateHttpClient();
        var token = await BackofficeUsers.TokenAsync(client, "/backoffice/wachtwoord-vergeten");
        var request = new HttpRequestMessage(HttpMethod.Post, "/backoffice/wachtwoord-vergeten")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["email"] = email }),
        };
        request.Headers.Host = "evil.example";

        await client.SendAsync(request);

        var mail = await _smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email));
        var link = new Uri(SetLink().Match(mail.TextBody ?? "").Value);
        Assert.Equal(_site.BaseAddress.Authority, link.Authority);
        Assert.DoesNotContain("evil.example", mail.HtmlBody);
    }

    [Fact]
    public async Task Asking_for_a_new_password_again_and_again_sends_at_most_three_mails_a_day()
    {
        var email = await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Writer);
        using var client = _site.CreateHttpClient();
        var answers = new List<string>();

        for (var i = 0; i < 6; i++)
        {
            var response = await PostAsync(client, "/backoffice/wachtwoord-vergeten", "/backoffice/wachtwoord-vergeten", ("email", email));
            answers.Add((await Html.ParseAsync(response)).QuerySelector("[role=status]")!.TextContent);
        }

        // Whether a mail goes is decided when it is queued: the outbox holds exactly what will be sent.
        var resets = _site.GetService<Web.Backoffice.BackofficePasswordResets>();
        for (var waited = 0; resets.Pending > 0 && waited < 100; waited++) await Task.Delay(100);
        await using (var db = _site.GetService<Core.Storage.SiteDatabase>().Open())
        {
            Assert.Equal(3, await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.OutboxMessages, m => m.ToAddress == email));
        }
        await _smtp.WaitForCountAsync(m => m.To.Mailboxes.Any(a => a.Address == email), 3);
        Assert.Single(answers.Distinct());
    }

    [GeneratedRegex(@"https?://\S+/backoffice/wachtwoord-instellen\?\S+")]
    private static partial Regex SetLink();
}
