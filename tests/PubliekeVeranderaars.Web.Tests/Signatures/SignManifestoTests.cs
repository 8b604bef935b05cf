using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Signatures;
using PubliekeVeranderaars.Core.Storage;
using PubliekeVeranderaars.Web.Tests.Forms;

namespace PubliekeVeranderaars.Web.Tests.Signatures;

/// <summary>Signing, confirming and withdrawing over real HTTP and SMTP, once per database provider.</summary>
public abstract class SignManifestoTests(MailSiteFixture fixture)
{
    private const string SignPath = "/ondertekenen/";
    private readonly SiteHost _site = fixture.Site;
    private readonly TestSmtpServer _smtp = fixture.Smtp;

    private static List<KeyValuePair<string, string>> Sign(string name, string email, bool showPublicly = false, string organisation = "",
        string role = "", string place = "", bool updates = false)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("name", name), new("email", email), new("organisation", organisation), new("role", role), new("place", place), new("consent", "on"),
        };
        if (showPublicly) fields.Add(new("showPublicly", "on"));
        if (updates) fields.Add(new("updates", "on"));
        return fields;
    }

    private async Task<int> CountAsync()
    {
        using var client = _site.CreateHttpClient();
        return (await client.GetFromJsonAsync<CountBody>("/api/signatures/count"))!.Confirmed;
    }

    private sealed record CountBody(int Confirmed);

    private async Task<string> PublicListAsync()
    {
        using var client = _site.CreateHttpClient();
        var page = await Html.ParseAsync(await client.GetAsync(SignPath));
        return page.QuerySelector(".signatory-list")?.TextContent ?? "";
    }

    private static string NewAddress(string who) => $"{who}.{Guid.NewGuid():N}@example.org";

    private async Task<Signature> SignatureAsync(string email)
    {
        await using var db = _site.GetService<SiteDatabase>().Open();
        return await db.Signatures.AsNoTracking().SingleAsync(s => s.Email == email);
    }

    [Fact]
    public async Task A_signer_who_asked_for_updates_gets_one_by_smtp_with_a_way_out_and_leaving_keeps_the_signature()
    {
        using var poster = new FormPoster(_site);
        var email = NewAddress("uma");
        Assert.Equal(HttpStatusCode.SeeOther, (await poster.PostAsync(SignPath, Sign("Uma", email, updates: true))).StatusCode);
        var confirmation = await _smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email));
        // Not confirmed yet: the box alone is no consent, the address has not proven itself.
        Assert.Null((await SignatureAsync(email)).UpdatesConsentUtc);
        await SignatureLinks.PressAsync(_site, SignatureLinks.Confirm(confirmation), ("updates", "true"));
        Assert.NotNull((await SignatureAsync(email)).UpdatesConsentUtc);

        using var editor = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, Core.Backoffice.BackofficeRoles.Editor));
        var subject = $"Nieuws {Guid.NewGuid():N}"[..16];
        async Task<HttpResponseMessage> PostUpdateAsync(bool confirm)
        {
            var token = await BackofficeUsers.TokenAsync(editor, "/backoffice/updates");
            List<KeyValuePair<string, string>> fields = [new("__RequestVerificationToken", token), new("key", Guid.NewGuid().ToString()),
                new("subject", subject), new("text", "Beste ondertekenaar,\r\n\r\nWe groeien.")];
            if (confirm) fields.Add(new("confirm", "true"));
            return await editor.PostAsync("/backoffice/updates", new FormUrlEncodedContent(fields));
        }

        // Not ticked "yes, send": told in Dutch, what was typed is still there, nothing sent.
        var refused = await PostUpdateAsync(confirm: false);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await Html.ParseAsync(refused);
        Assert.Contains("Vink aan dat je deze update nu naar", page.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(subject, page.QuerySelector("#update-onderwerp")!.GetAttribute("value"));
        Assert.Contains("We groeien.", page.QuerySelector("#update-tekst")!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await PostUpdateAsync(confirm: true)).StatusCode);
        var update = await _smtp.WaitForAsync(m => m.Subject == subject && m.To.Mailboxes.Any(a => a.Address == email));
        var header = update.Headers[MimeKit.HeaderId.ListUnsubscribe];
        var link = System.Text.RegularExpressions.Regex.Match(update.TextBody ?? "", @"https?://\S+/ondertekenen/afmelden\?token=[A-Za-z0-9_-]+").Value;
        Assert.Equal($"<{link}>", header);
        Assert.Contains("<p>We groeien.</p>", update.HtmlBody);
        var listed = await Html.ParseAsync(await editor.GetAsync("/backoffice/updates"));
        Assert.Contains(subject, listed.QuerySelector("table")!.TextContent);

        // A mail scanner opening the link changes nothing; the button does, once; the signature stays counted.
        using (var scanner = _site.CreateHttpClient()) Assert.Equal(HttpStatusCode.OK, (await scanner.GetAsync(new Uri(link).PathAndQuery)).StatusCode);
        Assert.NotNull((await SignatureAsync(email)).UpdatesConsentUtc);
        var left = await SignatureLinks.PressAsync(_site, new Uri(link).PathAndQuery);
        Assert.Contains("Je bent afgemeld", await left.Content.ReadAsStringAsync());
        var after = await SignatureAsync(email);
        Assert.Equal((SignatureStatus.Confirmed, null), (after.Status, after.UpdatesConsentUtc));
        using (var again = _site.CreateHttpClient()) Assert.Equal(HttpStatusCode.Gone, (await again.GetAsync(new Uri(link).PathAndQuery)).StatusCode);
    }

    [Fact]
    public async Task A_writer_may_not_send_updates()
    {
        using var writer = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, Core.Backoffice.BackofficeRoles.Writer));
        var response = await writer.GetAsync("/backoffice/updates");
        Assert.True(response.StatusCode is HttpStatusCode.Forbidden || response.Headers.Location?.ToString().Contains("geen-toegang") == true,
            $"{response.StatusCode} {response.Headers.Location}");
    }

    [Fact]
    public async Task Signer_confirms_by_mail_is_counted_and_listed_then_withdraws_and_is_gone()
    {
        using var poster = new FormPoster(_site);
        var email = NewAddress("els");
        var name = $"Els {Guid.NewGuid():N}"[..14];
        var before = await CountAsync();

        var signed = await poster.PostAsync(SignPath, Sign(name, email, showPublicly: true, role: "Beleidsadviseur"));
        Assert.Equal(HttpStatusCode.SeeOther, signed.StatusCode);
        var mail = await _smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email));
        Assert.Equal(before, await CountAsync());
        Assert.DoesNotContain(name, await PublicListAsync());

        // Opening the link (as a mail scanner would) confirms nothing.
        using (var scanner = _site.CreateHttpClient())
        {
            var opened = await scanner.GetAsync(SignatureLinks.Confirm(mail));
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
            // The page says what the button confirms, so the address's owner sees what is signed in their name.
            var details = (await Html.ParseAsync(opened)).QuerySelector(".site-details")?.TextContent ?? "";
            Assert.Contains(name, details);
            Assert.Contains("Beleidsadviseur", details);
        }
        Assert.Equal(before, await CountAsync());

        var confirmed = await SignatureLinks.PressAsync(_site, SignatureLinks.Confirm(mail));
        Assert.Contains("bevestigd", await confirmed.Content.ReadAsStringAsync());
        Assert.Equal(before + 1, await CountAsync());
        Assert.Contains(name, await PublicListAsync());
        Assert.DoesNotContain(email, await PublicListAsync());

        var withdrawn = await SignatureLinks.PressAsync(_site, SignatureLinks.Withdraw(mail));
        Assert.Contains("ingetrokken", await withdrawn.Content.ReadAsStringAsync());
        Assert.Equal(before, await CountAsync());
        Assert.DoesNotContain(name, await PublicListAsync());
        await using var db = _site.GetService<SiteDatabase>().Open();
        Assert.False(await db.Signatures.AnyAsync(s => s.Email == email));
        Assert.False(await db.SignatureTokens.AnyAsync(t => db.Signatures.All(s => s.Key != t.SignatureKey)));
    }

    [Fact]
    public async Task Two_hundred_parallel_signers_each_confirming_add_exactly_two_hundred()
    {
        const int signers = 200;
        var before = await CountAsync();
        var addresses = Enumerable.Range(0, signers).Select(i => NewAddress($"parallel{i}")).ToList();

        await Parallel.ForEachAsync(addresses, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (email, _) =>
        {
            using var poster = new FormPoster(_site);
            var response = await poster.PostAsync(SignPath, Sign("Parallel", email));
            Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        });
        var links = new List<string>();
        foreach (var email in addresses)
            links.Add(SignatureLinks.Confirm(await _smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email), TimeSpan.FromSeconds(60))));
        await Parallel.ForEachAsync(links, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (link, _) =>
        {
            var response = await SignatureLinks.PressAsync(_site, link);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        });

        Assert.Equal(before + signers, await CountAsync());
    }

    [Fact]
    public async Task A_repeated_address_counts_once_and_the_page_answers_the_same()
    {
        using var poster = new FormPoster(_site);
        var email = NewAddress("dubbel");
        var before = await CountAsync();

        var first = await poster.PostAsync(SignPath, Sign("Dubbel", email));
        var second = await poster.PostAsync(SignPath, Sign("Dubbel Twee", "  " + email.ToUpperInvariant() + " "));
        var mail = await _smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email));
        await SignatureLinks.PressAsync(_site, SignatureLinks.Confirm(mail));
        var third = await poster.PostAsync(SignPath, Sign("Dubbel Drie", email));

        Assert.Equal((first.StatusCode, first.Headers.Location), (second.StatusCode, second.Headers.Location));
        Assert.Equal((first.StatusCode, first.Headers.Location), (third.StatusCode, third.Headers.Location));
        Assert.Equal(before + 1, await CountAsync());
        await using var db = _site.GetService<SiteDatabase>().Open();
        Assert.Equal(1, await db.Signatures.CountAsync(s => s.Email == email));
    }

    [Fact]
    public async Task Confirm_and_withdraw_links_never_follow_the_host_that_the_request_names()
    {
        using var poster = new FormPoster(_site);
        var email = NewAddress("host");
        var fields = Sign("Host", email);
        fields.Add(new(FormPoster.TokenField, await poster.TokenAsync(SignPath)));
        var request = new HttpRequestMessage(HttpMethod.Post, SignPath) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Host = "evil.example";

        var response = await poster.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var mail = await _smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email));
        var links = System.Text.RegularExpressions.Regex.Matches(mail.TextBody ?? "", @"https?://\S+").Select(m => new Uri(m.Value)).ToList();
        Assert.Equal(2, links.Count);
        Assert.All(links, link => Assert.Equal(_site.BaseAddress.Authority, link.Authority));
    }

    [Fact]
    public async Task The_confirmation_mail_repeats_nothing_the_signer_typed()
    {
        using var poster = new FormPoster(_site);
        var email = NewAddress("spam");
        const string name = "Win een prijs op http://spam.example nu";

        await poster.PostAsync(SignPath, Sign(name, email, organisation: "Bel 0900-SPAM", role: "Klik hier", place: "spam.example"));

        var mail = await _smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email));
        foreach (var typed in new[] { "spam.example", "0900-SPAM", "Klik hier", "prijs" })
        {
            Assert.DoesNotContain(typed, mail.TextBody);
            Assert.DoesNotContain(typed, mail.HtmlBody);
            Assert.DoesNotContain(typed, mail.Subject);
        }
    }

    public static TheoryData<string> ForgedTokens() =>
    [
        "", "abc", new string('A', SignatureTokens.TokenLength), "../../etc/passwd", new string('x', 5000), "%00%0d%0a", "' OR 1=1 --",
    ];

    [Theory]
    [MemberData(nameof(ForgedTokens))]
    public async Task A_forged_token_confirms_and_withdraws_nothing_and_gets_no_server_error(string token)
    {
        using var client = _site.CreateHttpClient();
        var before = await CountAsync();
        var query = "?token=" + Uri.EscapeDataString(token);

        foreach (var path in new[] { SignatureService.ConfirmPath, SignatureService.WithdrawPath })
        {
            var get = await client.GetAsync(path + query);
            Assert.Equal(HttpStatusCode.Gone, get.StatusCode);
            Assert.Contains("werkt niet", await get.Content.ReadAsStringAsync());
        }
        var antiforgery = await Html.ParseAsync(await client.GetAsync(SignPath));
        var form = new Dictionary<string, string>
        {
            ["token"] = token,
            ["__RequestVerificationToken"] = antiforgery.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        };
        var post = await client.PostAsync(SignatureService.ConfirmPath, new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Gone, post.StatusCode);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task A_used_confirm_link_does_not_work_twice()
    {
        using var poster = new FormPoster(_site);
        var email = NewAddress("eenmalig");
        await poster.PostAsync(SignPath, Sign("Eenmalig", email));
        var link = SignatureLinks.Confirm(await _smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email)));
        await SignatureLinks.PressAsync(_site, link);
        var count = await CountAsync();

        using var client = _site.CreateHttpClient();
        var again = await client.GetAsync(link);

        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Equal(count, await CountAsync());
    }

    [Fact]
    public async Task A_confirm_post_without_antiforgery_token_is_refused()
    {
        using var poster = new FormPoster(_site);
        var email = NewAddress("zondertoken");
        await poster.PostAsync(SignPath, Sign("Zonder", email));
        var link = SignatureLinks.Confirm(await _smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email)));
        var before = await CountAsync();

        using var client = _site.CreateHttpClient();
        var response = await client.PostAsync(SignatureService.ConfirmPath,
            new FormUrlEncodedContent([new("token", link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..])]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task The_expiry_job_deletes_exactly_the_pending_signatures_older_than_fourteen_days()
    {
        var now = DateTime.UtcNow;
        var cases = new (string Email, SignatureStatus Status, DateTime Created, bool Expired)[]
        {
            (NewAddress("oud"), SignatureStatus.Pending, now.AddDays(-15), true),
            (NewAddress("heeloud"), SignatureStatus.Pending, now.AddDays(-400), true),
            (NewAddress("jong"), SignatureStatus.Pending, now.AddDays(-13), false),
            (NewAddress("bevestigd"), SignatureStatus.Confirmed, now.AddDays(-100), false),
        };
        await using (var db = _site.GetService<SiteDatabase>().Open())
        {
            foreach (var c in cases)
            {
                var key = Guid.NewGuid();
                db.Signatures.Add(new Signature
                {
                    Key = key, Email = c.Email, Name = "Test", Status = c.Status, CreatedUtc = c.Created, LastMailUtc = c.Created,
                    ConfirmedUtc = c.Status == SignatureStatus.Confirmed ? c.Created : null,
                });
                db.SignatureTokens.Add(new SignatureToken { Hash = SignatureTokens.Hash(SignatureTokens.NewToken()), SignatureKey = key, Purpose = SignatureTokenPurpose.Withdraw, CreatedUtc = c.Created });
            }
            await db.SaveChangesAsync();
        }
        var emails = cases.Select(c => c.Email).ToList();
        await using (var db = _site.GetService<SiteDatabase>().Open())
        {
            // Other tests of this class leave only fresh signatures, so exactly our two are due.
            Assert.Equal(2, await db.Signatures.CountAsync(s => s.Status == SignatureStatus.Pending && s.CreatedUtc < now.AddDays(-14)));
        }

        var deleted = await _site.GetService<SignatureExpiry>().DeleteExpiredAsync();

        Assert.Equal(2, deleted);
        await using var after = _site.GetService<SiteDatabase>().Open();
        var left = await after.Signatures.Where(s => emails.Contains(s.Email)).Select(s => s.Email).ToListAsync();
        Assert.Equal(cases.Where(c => !c.Expired).Select(c => c.Email).Order(), left.Order());
        Assert.False(await after.SignatureTokens.AnyAsync(t => after.Signatures.All(s => s.Key != t.SignatureKey)));
    }

    [Fact]
    public async Task The_count_api_answers_with_the_confirmed_number_as_json()
    {
        using var client = _site.CreateHttpClient();

        var response = await client.GetAsync("/api/signatures/count");

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches("^\\{\"confirmed\":[0-9]+\\}$", await response.Content.ReadAsStringAsync());
    }
}

public sealed class SignManifestoOnSqliteTests(SqliteMailSiteFixture fixture)
    : SignManifestoTests(fixture), IClassFixture<SqliteMailSiteFixture>;

public sealed class SignManifestoOnPostgresTests(PostgresMailSiteFixture fixture)
    : SignManifestoTests(fixture), IClassFixture<PostgresMailSiteFixture>;
