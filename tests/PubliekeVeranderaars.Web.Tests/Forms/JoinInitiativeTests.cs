using System.Net;
using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Forms;
using PubliekeVeranderaars.Core.Initiatives;
using PubliekeVeranderaars.Core.Mail;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Web.Tests.Forms;

/// <summary>"Doe mee" over real HTTP, with mail through a real SMTP server; run once per database provider.</summary>
public abstract class JoinInitiativeTests(MailSiteFixture fixture)
{
    private readonly SiteHost _site = fixture.Site;
    private readonly TestSmtpServer _smtp = fixture.Smtp;

    private IReadOnlyList<PublishedContent> Initiatives()
    {
        var snapshot = _site.GetService<PublishedContentCache>().Current;
        return snapshot.All.Where(c => c.ContentTypeAlias == InitiativeStatus.InitiativeTypeAlias).ToList();
    }

    private async Task<(int Entries, int Outbox)> CountsAsync()
    {
        await using var db = _site.GetService<SiteDatabase>().Open();
        return (await db.FormEntries.CountAsync(), await db.OutboxMessages.CountAsync());
    }

    [Fact]
    public async Task A_join_on_each_open_initiative_reaches_its_own_owner_with_the_text_intact()
    {
        using var poster = new FormPoster(_site);
        var open = Initiatives().Where(InitiativeStatus.IsOpen).ToList();
        Assert.True(open.Count >= 2);

        foreach (var initiative in open)
        {
            var name = $"Eéntje Ĳsselmeer {Guid.NewGuid():N}"[..30];
            var motivation = $"Ik wil graag meedoen aan {initiative.Name}! Ça va, één coöperatie 🚀🇳🇱\nTweede regel.";
            var volunteer = $"deelnemer.{Guid.NewGuid():N}@example.org";

            var response = await poster.PostAsync(initiative.Route, FormPoster.Join(name, volunteer, motivation));

            Assert.True(FormPoster.IsThankYou(response), $"{initiative.Route}: {response.StatusCode}");
            var owner = initiative.GetString("ownerEmail");
            var toOwner = await _smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == owner) && (m.Subject ?? "").Contains(name));
            Assert.Contains(motivation, (toOwner.TextBody ?? "").ReplaceLineEndings("\n"));
            Assert.True((toOwner.HtmlBody ?? "").Contains(System.Net.WebUtility.HtmlEncode(name)), toOwner.HtmlBody);
            Assert.Equal(volunteer, toOwner.ReplyTo.Mailboxes.Single().Address);
            var confirmation = await _smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == volunteer));
            Assert.Contains(initiative.GetString("title"), confirmation.Subject);
        }
    }

    [Fact]
    public async Task The_confirmation_to_the_typed_address_carries_no_text_the_visitor_typed()
    {
        using var poster = new FormPoster(_site);
        var initiative = Initiatives().First(InitiativeStatus.IsOpen);
        var volunteer = $"ontvanger.{Guid.NewGuid():N}@example.org";
        const string name = "Gratis iPhone op spam.example";
        const string motivation = "Koop nu: http://spam.example/actie";

        var response = await poster.PostAsync(initiative.Route, FormPoster.Join(name, volunteer, motivation, organisation: "Bel 0900-SPAM"));

        Assert.True(FormPoster.IsThankYou(response));
        var confirmation = await _smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == volunteer));
        foreach (var typed in new[] { "spam.example", "iPhone", "0900-SPAM" })
        {
            Assert.DoesNotContain(typed, confirmation.Subject);
            Assert.DoesNotContain(typed, confirmation.TextBody);
            Assert.DoesNotContain(typed, confirmation.HtmlBody);
        }
        // The owner's own address is known to us: the owner gets everything the visitor wrote.
        var owner = initiative.GetString("ownerEmail");
        var toOwner = await _smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == owner) && m.ReplyTo.Mailboxes.Any(a => a.Address == volunteer));
        Assert.Contains(motivation, toOwner.TextBody);
        Assert.Contains(name, toOwner.TextBody);
    }

    [Fact]
    public async Task Joining_again_and_again_mails_the_typed_address_at_most_five_times_a_day_and_answers_the_same()
    {
        using var poster = new FormPoster(_site);
        var initiative = Initiatives().First(InitiativeStatus.IsOpen);
        var victim = $"slachtoffer.{Guid.NewGuid():N}@example.org";
        var answers = new List<string>();
        var before = await CountsAsync();

        for (var i = 0; i < 8; i++)
        {
            var response = await poster.PostAsync(initiative.Route, FormPoster.Join($"Poging {i}", victim));
            answers.Add($"{(int)response.StatusCode} {response.Headers.Location}");
        }

        Assert.Single(answers.Distinct());
        // Whether a mail goes is decided when it is queued: the outbox holds exactly what will be sent.
        await using (var db = _site.GetService<SiteDatabase>().Open())
        {
            Assert.Equal(5, await db.OutboxMessages.CountAsync(m => m.ToAddress == victim));
        }
        var owner = initiative.GetString("ownerEmail");
        await _smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == owner) && (m.Subject ?? "").Contains("Poging 7"));
        await _smtp.WaitForCountAsync(m => m.To.Mailboxes.Any(a => a.Address == victim), 5);
        // Every sign-up is kept and reaches the owner; only the mail to the typed address is capped.
        Assert.Equal(before.Entries + 8, (await CountsAsync()).Entries);
    }

    [Fact]
    public async Task Links_in_join_mails_never_follow_the_host_that_the_request_names()
    {
        using var poster = new FormPoster(_site);
        var initiative = Initiatives().First(InitiativeStatus.IsOpen);
        var volunteer = $"host.{Guid.NewGuid():N}@example.org";
        var fields = FormPoster.Join("Host Test", volunteer);
        fields.Add(new(FormPoster.TokenField, await poster.TokenAsync(initiative.Route)));
        var request = new HttpRequestMessage(HttpMethod.Post, initiative.Route) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Host = "evil.example";

        Assert.True(FormPoster.IsThankYou(await poster.Client.SendAsync(request)));

        var owner = initiative.GetString("ownerEmail");
        var mails = new[]
        {
            await _smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == volunteer)),
            await _smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == owner) && m.ReplyTo.Mailboxes.Any(a => a.Address == volunteer)),
        };
        foreach (var mail in mails)
        {
            Assert.DoesNotContain("evil.example", mail.TextBody);
            Assert.DoesNotContain("evil.example", mail.HtmlBody);
        }
    }

    [Fact]
    public async Task The_thank_you_page_shows_the_forms_message()
    {
        using var poster = new FormPoster(_site);
        var initiative = Initiatives().First(InitiativeStatus.IsOpen);
        var response = await poster.PostAsync(initiative.Route, FormPoster.Join("Bedankt Test", "bedankt@example.org"));

        var page = await Html.ParseAsync(await poster.Client.GetAsync(response.Headers.Location));

        Assert.Contains("Bedankt voor je aanmelding", page.QuerySelector("[role=status]")!.TextContent);
        Assert.Null(page.QuerySelector("form[method=post]"));
    }

    public static TheoryData<string, string[], string> BadInput() => new()
    {
        { "empty fields", ["name=", "email=", "consent=on"], "Vul je naam in." },
        { "malformed e-mail", ["name=Jan", "email=jan@@example", "consent=on"], "Vul een geldig e-mailadres in" },
        { "300 KB value", ["name=Jan", "email=jan@example.org", "consent=on", "motivation=" + new string('x', 300 * 1024)], "Dit veld is te lang" },
        { "control character", ["name=Jan\u0007", "email=jan@example.org", "consent=on"], "onzichtbare stuurtekens" },
        { "script tag", ["name=Jan", "email=jan@example.org", "consent=on", "motivation=<script>alert(1)</script>"], "geen HTML-code" },
        { "CR/LF in e-mail", ["name=Jan", "email=jan@example.org\r\nBcc: iedereen@example.org", "consent=on"], "geen regeleinden" },
        { "missing consent", ["name=Jan", "email=jan@example.org"], "Geef toestemming" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_gets_a_dutch_message_keeps_the_input_and_stores_and_sends_nothing(string why, string[] fields, string message)
    {
        using var poster = new FormPoster(_site);
        var initiative = Initiatives().First(InitiativeStatus.IsOpen);
        var before = await CountsAsync();
        var posted = fields.Select(f => f.Split('=', 2)).Select(p => new KeyValuePair<string, string>(p[0], p[1])).ToList();

        var response = await poster.PostAsync(initiative.Route, posted);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{why}: {response.StatusCode}");
        var page = await Html.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector("[role=alert]")!.TextContent);
        var name = posted.First(p => p.Key == "name").Value;
        Assert.Equal(name, page.QuerySelector("input[name=name]")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("[aria-invalid=true]"));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_post_without_antiforgery_token_is_refused_and_shows_the_input_again()
    {
        using var poster = new FormPoster(_site);
        var initiative = Initiatives().First(InitiativeStatus.IsOpen);
        var before = await CountsAsync();

        var response = await poster.PostAsync(initiative.Route, FormPoster.Join("Zonder Token", "zonder@example.org"), withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains("niet veilig worden verstuurd", page.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal("Zonder Token", page.QuerySelector("input[name=name]")!.GetAttribute("value"));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_bot_that_fills_the_honeypot_is_thanked_and_nothing_is_stored()
    {
        using var poster = new FormPoster(_site);
        var initiative = Initiatives().First(InitiativeStatus.IsOpen);
        var before = await CountsAsync();
        var fields = FormPoster.Join("Robot", "robot@example.org");
        fields.Add(new("website", "https://spam.example"));

        var response = await poster.PostAsync(initiative.Route, fields);

        Assert.True(FormPoster.IsThankYou(response));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_closed_initiative_shows_why_and_refuses_a_post()
    {
        using var poster = new FormPoster(_site);
        var closed = Initiatives().First(i => !InitiativeStatus.IsOpen(i));
        var page = await Html.ParseAsync(await poster.Client.GetAsync(closed.Route));
        Assert.Null(page.QuerySelector("form[method=post]"));
        Assert.Contains(closed.GetString("closedReason"), page.Body!.TextContent);
        var before = await CountsAsync();

        var response = await poster.Client.PostAsync(closed.Route, new FormUrlEncodedContent(FormPoster.Join("Te Laat", "laat@example.org")));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Mail_waits_while_the_smtp_server_is_down_and_goes_out_when_it_is_back()
    {
        using var poster = new FormPoster(_site);
        var initiative = Initiatives().First(InitiativeStatus.IsOpen);
        var volunteer = $"wachten.{Guid.NewGuid():N}@example.org";
        await _smtp.StopAsync();
        try
        {
            Assert.True(FormPoster.IsThankYou(await poster.PostAsync(initiative.Route, FormPoster.Join("Geduldig", volunteer))));
            await WaitUntilAsync(async () =>
            {
                await using var db = _site.GetService<SiteDatabase>().Open();
                return await db.OutboxMessages.AnyAsync(m => m.ToAddress == volunteer && m.Attempts >= 2 && m.Status == OutboxStatus.Pending);
            });
        }
        finally
        {
            _smtp.Start();
        }

        var arrived = await _smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == volunteer), TimeSpan.FromSeconds(30));

        Assert.NotNull(arrived);
    }

    [Fact]
    public async Task A_retention_run_deletes_exactly_the_expired_entries()
    {
        var form = _site.GetService<FormDefinitionStore>().ByAlias("doeMee")!;
        var now = DateTime.UtcNow;
        var expired = new[] { now.AddDays(-form.RetentionDays - 1), now.AddDays(-form.RetentionDays - 400) };
        var kept = new[] { now.AddDays(-form.RetentionDays + 1), now.AddDays(-1) };
        var keys = new Dictionary<Guid, bool>();
        await using (var db = _site.GetService<SiteDatabase>().Open())
        {
            foreach (var (created, isExpired) in expired.Select(d => (d, true)).Concat(kept.Select(d => (d, false))))
            {
                var entry = new FormEntry { Key = Guid.NewGuid(), FormKey = form.Key, FormVersion = 1, CreatedUtc = created, Values = [new("name", "Oud")] };
                db.FormEntries.Add(entry);
                keys[entry.Key] = isExpired;
            }
            await db.SaveChangesAsync();
        }

        var deleted = await _site.GetService<FormEntryRetention>().DeleteExpiredAsync();

        Assert.Equal(expired.Length, deleted);
        await using var after = _site.GetService<SiteDatabase>().Open();
        var remaining = await after.FormEntries.Where(e => keys.Keys.Contains(e.Key)).Select(e => e.Key).ToListAsync();
        Assert.Equal(keys.Where(k => !k.Value).Select(k => k.Key).Order(), remaining.Order());
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Condition not met in time");
            await Task.Delay(100);
        }
    }
}

public sealed class JoinInitiativeOnSqliteTests(SqliteMailSiteFixture fixture)
    : JoinInitiativeTests(fixture), IClassFixture<SqliteMailSiteFixture>;

public sealed class JoinInitiativeOnPostgresTests(PostgresMailSiteFixture fixture)
    : JoinInitiativeTests(fixture), IClassFixture<PostgresMailSiteFixture>;
