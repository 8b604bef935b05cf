using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Initiatives;
using PubliekeVeranderaars.Core.Signatures;
using PubliekeVeranderaars.Core.Storage;
using PubliekeVeranderaars.Web.Tests.Forms;
using PubliekeVeranderaars.Web.Tests.Signatures;

namespace PubliekeVeranderaars.Web.Tests.Privacy;

/// <summary>
/// A site as a user starts it (logs at Information, mail to the pickup folder), once per database provider:
/// withdrawal and erasure leave nothing of the person anywhere, and an access export holds all of them and no one else.
/// </summary>
public abstract class PersonalDataFixture(DatabaseProvider provider) : IDisposable
{
    public SiteHost Site { get; } = new(provider, new Dictionary<string, string?>
    {
        ["Serilog:MinimumLevel:Default"] = "Information",
        ["Mail:Outbox:PollSeconds"] = "1",
        ["Forms:RateLimit:PermitsPerMinute"] = "1000000",
    });

    public void Dispose() => Site.Dispose();
}

public sealed class SqlitePersonalDataFixture() : PersonalDataFixture(DatabaseProvider.Sqlite);
public sealed class PostgresPersonalDataFixture() : PersonalDataFixture(DatabaseProvider.Postgres);

public abstract class PersonalDataTests(PersonalDataFixture fixture)
{
    private const string SignPath = "/ondertekenen/";
    private readonly SiteHost _site = fixture.Site;

    private string PickupFolder => Path.Combine(_site.DataDirectory, "mail");

    private static (string Name, string Email) NewPerson(string first)
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        return ($"{first} Privé{id}", $"{first.ToLowerInvariant()}.{id}@example.org");
    }

    private static List<KeyValuePair<string, string>> Sign(string name, string email, bool updates) =>
    [
        new("name", name), new("email", email), new("organisation", "Gemeente " + name), new("role", "Adviseur"), new("place", "Utrecht"),
        new("showPublicly", "on"), new("consent", "on"), .. updates ? [new KeyValuePair<string, string>("updates", "on")] : Array.Empty<KeyValuePair<string, string>>(),
    ];

    /// <summary>The signature mail the pickup folder got for an address: what a signer finds in their inbox.</summary>
    private async Task<MimeMessage> MailToAsync(string email, string subject = "Bevestig je ondertekening van het manifest")
    {
        for (var tries = 0; tries < 100; tries++)
        {
            if (Directory.Exists(PickupFolder))
                foreach (var file in Directory.EnumerateFiles(PickupFolder, "*.eml"))
                {
                    var message = await MimeMessage.LoadAsync(file);
                    if (message.Subject == subject && message.To.Mailboxes.Any(m => string.Equals(m.Address, email, StringComparison.OrdinalIgnoreCase))) return message;
                }
            await Task.Delay(100);
        }
        throw new TimeoutException("No mail to " + email);
    }

    /// <summary>Waits until the outbox has sent everything queued: the pickup folder then holds every copy.</summary>
    private async Task OutboxEmptyAsync()
    {
        for (var tries = 0; tries < 100; tries++)
        {
            await using var db = _site.GetService<SiteDatabase>().Open();
            if (!await db.OutboxMessages.AnyAsync(m => m.Status == Core.Mail.OutboxStatus.Pending)) return;
            await Task.Delay(100);
        }
        throw new TimeoutException("The outbox did not empty");
    }

    /// <summary>A sent mail's pickup copy goes just after its row is blanked: the search waits for that moment.</summary>
    private async Task<IReadOnlyList<string>> EventuallyNoTracesAsync(params string[] needles)
    {
        for (var tries = 0; ; tries++)
        {
            var traces = await PersonalDataTraces.WhereAsync(_site, needles);
            if (traces.Count == 0 || tries == 20) return traces;
            await Task.Delay(100);
        }
    }

    private async Task<string> PublicListAsync()
    {
        using var client = _site.CreateHttpClient();
        return (await Html.ParseAsync(await client.GetAsync(SignPath))).QuerySelector(".signatory-list")?.TextContent ?? "";
    }

    private async Task SignAndConfirmAsync(string name, string email, bool updates = false)
    {
        using var poster = new FormPoster(_site);
        Assert.Equal(HttpStatusCode.SeeOther, (await poster.PostAsync(SignPath, Sign(name, email, updates))).StatusCode);
        var mail = await MailToAsync(email);
        Assert.Contains("bevestigd", await (await SignatureLinks.PressAsync(_site, SignatureLinks.Confirm(mail),
            updates ? [("updates", "true")] : [])).Content.ReadAsStringAsync());
        Assert.Contains(name, await PublicListAsync());
    }

    private IReadOnlyList<PublishedContent> OpenInitiatives() =>
        _site.GetService<PublishedContentCache>().Current.All.Where(c => c.ContentTypeAlias == InitiativeStatus.InitiativeTypeAlias).Where(InitiativeStatus.IsOpen).ToList();

    private async Task JoinAsync(PublishedContent initiative, string name, string email)
    {
        using var poster = new FormPoster(_site);
        var response = await poster.PostAsync(initiative.Route, FormPoster.Join(name, email, motivation: $"Ik ben {name} en doe mee."));
        Assert.True(FormPoster.IsThankYou(response), await response.Content.ReadAsStringAsync());
    }

    /// <summary>Staff send an update through the back office, as communication staff do; it reaches the pickup folder.</summary>
    private async Task SendUpdateAsync(string subject)
    {
        using var editor = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor));
        var token = await BackofficeUsers.TokenAsync(editor, "/backoffice/updates");
        var sent = await editor.PostAsync("/backoffice/updates", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("key", Guid.NewGuid().ToString()), new("subject", subject),
             new("text", "Beste ondertekenaar,\r\n\r\nHet netwerk groeit."), new("confirm", "true")]));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        await OutboxEmptyAsync();
    }

    [Fact]
    public async Task A_signer_who_withdraws_leaves_neither_address_nor_name_in_the_database_the_files_or_the_logs()
    {
        var (name, email) = NewPerson("Wendy");
        await SignAndConfirmAsync(name, email, updates: true);
        var mail = await MailToAsync(email);
        var subject = "Update " + Guid.NewGuid().ToString("N")[..8];
        await SendUpdateAsync(subject);
        var update = await MailToAsync(email, subject);
        Assert.Contains("/ondertekenen/afmelden?token=", update.Headers[MimeKit.HeaderId.ListUnsubscribe]);
        await OutboxEmptyAsync();
        Assert.NotEmpty(await PersonalDataTraces.WhereAsync(_site, email, name));

        var withdrawn = await SignatureLinks.PressAsync(_site, SignatureLinks.Withdraw(mail));
        Assert.Contains("ingetrokken", await withdrawn.Content.ReadAsStringAsync());

        Assert.DoesNotContain(name, await PublicListAsync());
        Assert.Empty(await PersonalDataTraces.WhereAsync(_site, email, name));
    }

    private async Task<JsonElement> ExportAsync(string typed)
    {
        using var admin = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Privacy));
        var token = await BackofficeUsers.TokenAsync(admin, "/backoffice/privacy");
        var export = await admin.PostAsync("/backoffice/privacy/export",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("email", typed), new("format", "json")]));
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        return JsonDocument.Parse(await export.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task An_address_inside_a_longer_one_is_another_person_and_an_address_pasted_from_a_mail_is_the_same()
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        await JoinAsync(OpenInitiatives()[0], "Jan Langer", $"jan{id}@example.org");
        await OutboxEmptyAsync();

        // "an…@example.org" is written inside "jan…@example.org": it is not the same person, so nothing of Jan's.
        Assert.Empty((await ExportAsync($"an{id}@example.org")).GetProperty("records").EnumerateArray());
        // As staff paste it from the request's mail: a name around it, a full stop after it.
        foreach (var typed in new[] { $"Jan Langer <jan{id}@example.org>", $"mailto:JAN{id}@example.org." })
            Assert.Contains((await ExportAsync(typed)).GetProperty("records").EnumerateArray(), r => r.GetProperty("kind").GetString() == "Aanmelding");
    }

    [Fact]
    public async Task A_sign_up_deleted_by_staff_takes_its_mails_to_the_visitor_and_the_owner_with_it()
    {
        var (name, email) = NewPerson("Dora");
        await JoinAsync(OpenInitiatives()[0], name, email);
        await OutboxEmptyAsync();
        Guid key;
        await using (var db = _site.GetService<SiteDatabase>().Open())
            key = (await db.FormEntries.ToListAsync()).Single(e => e.Values.Any(v => v.Value == email)).Key;
        Assert.NotEmpty(await PersonalDataTraces.WhereAsync(_site, email, name));

        using var editor = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor));
        var token = await BackofficeUsers.TokenAsync(editor, $"/backoffice/inzendingen/{key}");
        var deleted = await editor.PostAsync($"/backoffice/inzendingen/{key}/verwijderen", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Empty(await PersonalDataTraces.WhereAsync(_site, email, name));
    }

    [Fact]
    public async Task Withdrawing_a_signature_keeps_the_signers_sign_up_for_an_initiative_and_its_mails()
    {
        var (name, email) = NewPerson("Wim");
        await SignAndConfirmAsync(name, email);
        await JoinAsync(OpenInitiatives()[0], name, email);
        await OutboxEmptyAsync();

        await SignatureLinks.PressAsync(_site, SignatureLinks.Withdraw(await MailToAsync(email)));

        var traces = await PersonalDataTraces.WhereAsync(_site, email);
        Assert.DoesNotContain(traces, t => t.StartsWith("table Signatures", StringComparison.Ordinal));
        Assert.Contains(traces, t => t.StartsWith("table FormEntries", StringComparison.Ordinal));
        Assert.Contains(traces, t => t.StartsWith("table OutboxMessages", StringComparison.Ordinal) && t.Contains("Formulier doeMee"));
        Assert.DoesNotContain(traces, t => t.StartsWith("table OutboxMessages", StringComparison.Ordinal) && t.Contains(SignatureService.MailSource));
    }

    [Fact]
    public async Task Looking_a_person_up_is_in_the_audit_trail_by_hash_never_by_address()
    {
        var (_, email) = NewPerson("Lotte");
        using var privacy = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Privacy));
        var token = await BackofficeUsers.TokenAsync(privacy, "/backoffice/privacy");

        var shown = await privacy.PostAsync("/backoffice/privacy/opzoeken", new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("email", email)]));

        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        await using var db = _site.GetService<SiteDatabase>().Open();
        var entry = await db.AuditEntries.OrderByDescending(a => a.Id).FirstAsync(a => a.Action == AuditActions.LookUpPersonalData);
        Assert.StartsWith("persoon ", entry.Target);
        Assert.DoesNotContain("@", entry.Target + entry.Details);
    }

    [Fact]
    public async Task A_member_of_staff_is_found_with_their_account_and_what_they_did_and_an_erasure_leaves_both()
    {
        var email = await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor);
        using (await BackofficeUsers.LoginAsync(_site, email)) { }

        var records = (await ExportAsync(email.ToUpperInvariant())).GetProperty("records").EnumerateArray().ToList();

        var account = Assert.Single(records, r => r.GetProperty("kind").GetString() == "Account in de back office");
        Assert.Contains(account.GetProperty("fields").EnumerateArray(), f => f.GetProperty("label").GetString() == "Rol" && f.GetProperty("value").GetString() == "Redacteur");
        var audit = Assert.Single(records, r => r.GetProperty("kind").GetString() == "Logboek");
        Assert.Contains(audit.GetProperty("fields").EnumerateArray(), f => f.GetProperty("value").GetString()!.StartsWith("Ingelogd", StringComparison.Ordinal));

        using var admin = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Administrator));
        var token = await BackofficeUsers.TokenAsync(admin, "/backoffice/privacy");
        await admin.PostAsync("/backoffice/privacy/wissen",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("email", email), new("confirm", "true")]));
        await using var db = _site.GetService<SiteDatabase>().Open();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.User == email && e.Action == AuditActions.Login));
        Assert.True(await db.Users.AnyAsync(u => u.Email == email));
    }

    [Fact]
    public async Task An_initiative_owner_is_found_by_a_lookup_and_erasure_takes_their_name_address_and_portrait_from_every_version()
    {
        var (name, email) = NewPerson("Olav");
        var content = new SiteContent(_site);
        var parent = _site.GetService<PublishedContentCache>().Current.All.First(c => c.ContentTypeAlias == "initiativesPage");
        var title = $"Eigen initiatief {Guid.NewGuid():N}"[..28];
        var created = await content.CreateAsync(parent.Key, InitiativeStatus.InitiativeTypeAlias, title,
            [new("title", null, title), new("summary", null, "Van een eigenaar die gewist wil worden."), new("ownerName", null, name),
             new("ownerEmail", null, email.ToUpperInvariant()), new("status", null, "[\"open\"]")], "redactie");
        Assert.True(created.Succeeded);
        var key = created.Node!.Key;
        Assert.True((await content.PublishAsync(key)).Succeeded);
        // A later draft holds the address too.
        var latest = (await content.GetLatestVersionAsync(key))!;
        await content.SaveAsync(key, latest.Name, [.. latest.Values.Where(v => v.Alias != "summary"), new("summary", null, "Een nieuwere versie.")], "redactie");
        using var visitor = _site.CreateHttpClient();
        var route = _site.GetService<PublishedContentCache>().Current.ByKey(key)!.Route;
        // The page encodes the "é" of the name: its last part identifies it.
        var shown = name[^10..];
        Assert.Contains(shown, await visitor.GetStringAsync(route));

        var records = (await ExportAsync(email)).GetProperty("records").EnumerateArray().ToList();
        Assert.Contains(records, r => r.GetProperty("kind").GetString() == "Pagina" && r.GetProperty("key").GetString() == key.ToString());

        using var admin = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Administrator));
        var token = await BackofficeUsers.TokenAsync(admin, "/backoffice/privacy");
        var erased = await admin.PostAsync("/backoffice/privacy/wissen",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("email", email), new("confirm", "true")]));
        Assert.Equal(HttpStatusCode.Redirect, erased.StatusCode);

        Assert.DoesNotContain(shown, await visitor.GetStringAsync(route));
        await using (var db = _site.GetService<SiteDatabase>().Open())
        {
            foreach (var version in await db.ContentVersions.Where(v => v.NodeKey == key).ToListAsync())
            {
                Assert.DoesNotContain(version.Values, v => v.Value.Contains(name, StringComparison.Ordinal));
                Assert.DoesNotContain(version.Values, v => v.Value.Contains(email, StringComparison.OrdinalIgnoreCase));
            }
        }
        Assert.Empty(await EventuallyNoTracesAsync(email, name));
    }

    [Fact]
    public async Task An_erased_person_who_signed_and_joined_two_initiatives_is_nowhere_and_the_access_export_held_all_of_them_and_nobody_else()
    {
        var (name, email) = NewPerson("Ezra");
        var (otherName, otherEmail) = NewPerson("Olga");
        var initiatives = OpenInitiatives();
        Assert.True(initiatives.Count >= 2);
        await SignAndConfirmAsync(name, email, updates: true);
        var subject = "Update " + Guid.NewGuid().ToString("N")[..8];
        await SendUpdateAsync(subject);
        await MailToAsync(email, subject);
        await JoinAsync(initiatives[0], name, email);
        await JoinAsync(initiatives[1], name, email);
        await JoinAsync(initiatives[0], otherName, otherEmail);
        await OutboxEmptyAsync();

        using var admin = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Administrator));
        async Task<HttpResponseMessage> PostAsync(string path, params (string Name, string Value)[] fields)
        {
            var token = await BackofficeUsers.TokenAsync(admin, "/backoffice/privacy");
            return await admin.PostAsync(path, new FormUrlEncodedContent(
                [new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]));
        }

        // The access export: every record the database holds about the person, and nothing about anyone else.
        var export = await PostAsync("/backoffice/privacy/export", ("email", email), ("format", "json"));
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var exported = await export.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(exported);
        var keys = json.RootElement.GetProperty("records").EnumerateArray().Select(r => (r.GetProperty("kind").GetString(), r.GetProperty("key").GetString())).ToList();
        await using (var db = _site.GetService<SiteDatabase>().Open())
        {
            var signature = await db.Signatures.SingleAsync(s => s.Email == email);
            Assert.Contains(("Ondertekening", signature.Key.ToString()), keys);
            var entries = (await db.FormEntries.ToListAsync()).Where(e => e.Values.Any(v => v.Value == email)).ToList();
            Assert.Equal(2, entries.Count);
            foreach (var entry in entries) Assert.Contains(("Aanmelding", entry.Key.ToString()), keys);
            var mails = (await db.OutboxMessages.ToListAsync()).Where(m => m.ToAddress == email || m.TextBody.Contains(email)).ToList();
            // The confirmation of the signature, the update, each sign-up's confirmation to the person and its mail to the owner.
            Assert.True(mails.Count >= 6, $"{mails.Count} mails");
            Assert.Contains(mails, m => m.Subject == subject);
            foreach (var message in mails) Assert.Contains(("E-mail", message.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), keys);
        }
        Assert.Contains(name, exported);
        Assert.Contains("ja, toestemming gegeven op", exported);
        Assert.DoesNotContain(otherEmail, exported);
        Assert.DoesNotContain(otherName, exported);

        var readable = await (await PostAsync("/backoffice/privacy/export", ("email", email), ("format", "html"))).Content.ReadAsStringAsync();
        Assert.Contains($"Ik ben {name} en doe mee.", readable);

        // Erasing asks first, then takes everything.
        var unconfirmed = await PostAsync("/backoffice/privacy/wissen", ("email", email));
        Assert.Contains("Vink aan", await unconfirmed.Content.ReadAsStringAsync());
        Assert.NotEmpty(await PersonalDataTraces.WhereAsync(_site, email, name));
        Assert.Equal(HttpStatusCode.Redirect,
            (await PostAsync("/backoffice/privacy/wissen", ("email", email), ("confirm", "true"), ("tellPerson", "true"))).StatusCode);

        // The person is told, and that mail too is blanked once it is sent, its copy gone.
        await OutboxEmptyAsync();
        await using (var db = _site.GetService<SiteDatabase>().Open())
        {
            var told = await db.OutboxMessages.OrderBy(m => m.Id).LastAsync();
            Assert.Equal(("Privacyverzoek: antwoord", Core.Mail.OutboxStatus.Sent, Core.Mail.MailTraces.Blanked), (told.Source, told.Status, told.ToAddress));
        }
        Assert.DoesNotContain(name, await PublicListAsync());
        Assert.Empty(await EventuallyNoTracesAsync(email, name));
        // The other person is untouched; the audit trail says an erasure happened, by hash.
        Assert.NotEmpty(await PersonalDataTraces.WhereAsync(_site, otherEmail));
        await using (var db = _site.GetService<SiteDatabase>().Open())
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.ErasePersonalData && a.Target.StartsWith("persoon ")));
    }
}

public sealed class SqlitePersonalDataTests(SqlitePersonalDataFixture fixture) : PersonalDataTests(fixture), IClassFixture<SqlitePersonalDataFixture>;

public sealed class PostgresPersonalDataTests(PostgresPersonalDataFixture fixture) : PersonalDataTests(fixture), IClassFixture<PostgresPersonalDataFixture>;
