using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PubliekeVeranderaars.Core.Forms;
using PubliekeVeranderaars.Core.Mail;
using PubliekeVeranderaars.Core.Signatures;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Tests.Signatures;

/// <summary>
/// Updates go only to signers who ticked the box and confirmed their address; every update carries its own way out,
/// and leaving (or withdrawing the signature) takes the consent and every update not yet sent with it.
/// </summary>
public class SignatureUpdatesTests
{
    private static readonly Actor Staff = Actor.User("redactie@example.org");

    private sealed record Services(SignatureService Signatures, SignatureUpdates Updates, FakeTimeProvider Clock);

    private static Services Create(TestDatabase db)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var links = new MailLinks(() => "https://publiekeveranderaars.nl");
        return new(new SignatureService(db.Database, db.Writer, new MailOptions(), links, new MailQuota(db.Writer, clock), clock,
                NullLogger<SignatureService>.Instance),
            new SignatureUpdates(db.Database, db.Writer, new MailOptions(), links, NullLogger<SignatureUpdates>.Instance), clock);
    }

    private static FormEntryValue[] Form(string email, bool updates) =>
    [
        new(SignatureService.NameField, "Naam van " + email), new(SignatureService.EmailField, email),
        new(SignatureService.UpdatesField, updates ? "true" : ""),
    ];

    /// <param name="agrees">Whether the address's owner ticks "yes, updates" again on the confirm page.</param>
    private static async Task SignAsync(TestDatabase db, Services services, string email, bool updates, bool confirm, bool agrees = true)
    {
        await services.Signatures.SignAsync(Form(email, updates));
        if (!confirm) return;
        await using var context = db.Database.Open();
        var mail = await context.OutboxMessages.Where(m => m.ToAddress == email).OrderBy(m => m.Id).LastAsync();
        var token = TokenIn(mail.TextBody, SignatureService.ConfirmPath);
        Assert.Equal(SignatureConfirmResult.Confirmed, await services.Signatures.ConfirmAsync(token, agreesToUpdates: agrees));
    }

    private static string TokenIn(string text, string path) =>
        Regex.Match(text, Regex.Escape(path) + @"\?token=([A-Za-z0-9_-]+)").Groups[1].Value;

    private static async Task<List<OutboxMessage>> UpdateMailsAsync(TestDatabase db)
    {
        await using var context = db.Database.Open();
        return await context.OutboxMessages.Where(m => m.BatchKey != null).OrderBy(m => m.Id).ToListAsync();
    }

    [Fact]
    public async Task Only_confirmed_signers_who_ticked_the_box_get_an_update_each_with_a_way_out_of_their_own()
    {
        await using var db = await TestDatabase.CreateAsync();
        var services = Create(db);
        await SignAsync(db, services, "wil@example.org", updates: true, confirm: true);
        await SignAsync(db, services, "wilniet@example.org", updates: false, confirm: true);
        await SignAsync(db, services, "onbevestigd@example.org", updates: true, confirm: false);
        await SignAsync(db, services, "ook@example.org", updates: true, confirm: true);

        Assert.Equal(2, await services.Updates.SubscriberCountAsync());
        var sent = await services.Updates.SendAsync(Guid.NewGuid(), "Het netwerk groeit", "Beste ondertekenaar,\n\nWe zijn met 500.", Staff);

        Assert.Equal((SignatureUpdateSendStatus.Queued, 2), (sent.Status, sent.Recipients));
        var mails = await UpdateMailsAsync(db);
        Assert.Equal(["ook@example.org", "wil@example.org"], mails.Select(m => m.ToAddress).Order());
        foreach (var mail in mails)
        {
            Assert.Equal("Het netwerk groeit", mail.Subject);
            Assert.Contains("We zijn met 500.", mail.TextBody);
            // The way out is in the text and in the header mail programs show as a button: each recipient's own link.
            var token = TokenIn(mail.TextBody, SignatureUpdates.UnsubscribePath);
            Assert.NotEmpty(token);
            Assert.EndsWith($"{SignatureUpdates.UnsubscribePath}?token={token}", mail.UnsubscribeUrl);
            Assert.Equal($"<{mail.UnsubscribeUrl}>", MimeMessageFactory.Create(mail).Headers["List-Unsubscribe"]);
        }
        Assert.NotEqual(mails[0].UnsubscribeUrl, mails[1].UnsubscribeUrl);

        await using var context = db.Database.Open();
        Assert.True(await context.AuditEntries.AnyAsync(a => a.Action == Core.Backoffice.AuditActions.SendUpdate && a.User == Staff.Name));
    }

    [Fact]
    public async Task Leaving_ends_the_consent_cancels_the_updates_not_yet_sent_and_keeps_the_signature()
    {
        await using var db = await TestDatabase.CreateAsync();
        var services = Create(db);
        await SignAsync(db, services, "wil@example.org", updates: true, confirm: true);
        await services.Updates.SendAsync(Guid.NewGuid(), "Eerste update", "Tekst een.", Staff);
        await services.Updates.SendAsync(Guid.NewGuid(), "Tweede update", "Tekst twee.", Staff);
        var token = TokenIn((await UpdateMailsAsync(db))[0].TextBody, SignatureUpdates.UnsubscribePath);

        Assert.True(await services.Updates.IsUnsubscribeTokenValidAsync(token));
        Assert.True(await services.Updates.UnsubscribeAsync(token));

        Assert.False(await services.Updates.IsUnsubscribeTokenValidAsync(token));
        Assert.False(await services.Updates.UnsubscribeAsync(token));
        Assert.Equal(0, await services.Updates.SubscriberCountAsync());
        Assert.All(await UpdateMailsAsync(db), m => Assert.Equal((OutboxStatus.Cancelled, MailTraces.Blanked, ""), (m.Status, m.ToAddress, m.TextBody + m.UnsubscribeUrl)));
        await using var context = db.Database.Open();
        var signature = await context.Signatures.SingleAsync();
        Assert.Equal((SignatureStatus.Confirmed, null), (signature.Status, signature.UpdatesConsentUtc));
        Assert.Equal(SignatureUpdateSendStatus.NoSubscribers, (await services.Updates.SendAsync(Guid.NewGuid(), "Derde", "Tekst.", Staff)).Status);
    }

    [Fact]
    public async Task Withdrawing_the_signature_takes_the_consent_and_the_queued_update_with_it()
    {
        await using var db = await TestDatabase.CreateAsync();
        var services = Create(db);
        await SignAsync(db, services, "wil@example.org", updates: true, confirm: true);
        await services.Updates.SendAsync(Guid.NewGuid(), "Een update", "Tekst.", Staff);
        string withdrawToken;
        await using (var context = db.Database.Open())
            withdrawToken = TokenIn((await context.OutboxMessages.OrderBy(m => m.Id).FirstAsync()).TextBody, SignatureService.WithdrawPath);
        var unsubscribe = TokenIn((await UpdateMailsAsync(db))[0].TextBody, SignatureUpdates.UnsubscribePath);

        Assert.True(await services.Signatures.WithdrawAsync(withdrawToken));

        var update = Assert.Single(await UpdateMailsAsync(db));
        Assert.Equal((OutboxStatus.Cancelled, MailTraces.Blanked, ""), (update.Status, update.ToAddress, update.TextBody + update.UnsubscribeUrl));
        Assert.False(await services.Updates.IsUnsubscribeTokenValidAsync(unsubscribe));
        Assert.Equal(0, await services.Updates.SubscriberCountAsync());
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task Signing_again_before_confirming_decides_the_consent_by_the_link_that_is_confirmed(bool first, bool second)
    {
        await using var db = await TestDatabase.CreateAsync();
        var services = Create(db);
        await services.Signatures.SignAsync(Form("wil@example.org", updates: first));
        services.Clock.Advance(SignatureService.ResendInterval + TimeSpan.FromMinutes(1));
        await SignAsync(db, services, "wil@example.org", updates: second, confirm: true);

        await using var context = db.Database.Open();
        Assert.Equal(second, (await context.Signatures.SingleAsync()).UpdatesConsentUtc is not null);
        Assert.Equal(second ? 1 : 0, await services.Updates.SubscriberCountAsync());
    }

    [Fact]
    public async Task A_tick_typed_by_someone_else_is_no_consent_until_the_addresss_owner_ticks_it_on_the_confirm_page()
    {
        await using var db = await TestDatabase.CreateAsync();
        var services = Create(db);
        // Whoever knows the address can tick the box on the form; only the inbox's owner sees the confirm page.
        await SignAsync(db, services, "slachtoffer@example.org", updates: true, confirm: true, agrees: false);

        await using var context = db.Database.Open();
        Assert.Equal((SignatureStatus.Confirmed, null), ((await context.Signatures.SingleAsync()).Status, (await context.Signatures.SingleAsync()).UpdatesConsentUtc));
        Assert.Equal(0, await services.Updates.SubscriberCountAsync());
    }

    [Fact]
    public async Task Leaving_also_cancels_an_update_that_failed_so_nobody_can_send_it_again()
    {
        await using var db = await TestDatabase.CreateAsync();
        var services = Create(db);
        await SignAsync(db, services, "wil@example.org", updates: true, confirm: true);
        await services.Updates.SendAsync(Guid.NewGuid(), "Een update", "Tekst.", Staff);
        var update = (await UpdateMailsAsync(db)).Single();
        await using (var context = db.Database.Open())
            await context.OutboxMessages.Where(m => m.Id == update.Id).ExecuteUpdateAsync(m => m.SetProperty(x => x.Status, OutboxStatus.Failed));

        Assert.True(await services.Updates.UnsubscribeAsync(TokenIn(update.TextBody, SignatureUpdates.UnsubscribePath)));

        var after = (await UpdateMailsAsync(db)).Single();
        Assert.Equal((MailTraces.Blanked, ""), (after.ToAddress, after.TextBody + after.UnsubscribeUrl));
        Assert.NotEqual(OutboxStatus.Pending, after.Status);
        // Staff's "send again" on the mail screen finds nobody to send it to.
        Assert.False(await new OutboxQueries(db.Database, db.Writer).RetryAsync(after.Id, Staff));
    }

    [Fact]
    public async Task The_same_draft_posted_twice_is_sent_once()
    {
        await using var db = await TestDatabase.CreateAsync();
        var services = Create(db);
        await SignAsync(db, services, "wil@example.org", updates: true, confirm: true);
        var key = Guid.NewGuid();

        Assert.Equal(SignatureUpdateSendStatus.Queued, (await services.Updates.SendAsync(key, "Update", "Tekst.", Staff)).Status);
        Assert.Equal(SignatureUpdateSendStatus.AlreadySent, (await services.Updates.SendAsync(key, "Update", "Tekst.", Staff)).Status);

        Assert.Single(await UpdateMailsAsync(db));
        var listed = Assert.Single(await services.Updates.ListAsync());
        Assert.Equal(("Update", 1, 1), (listed.Update.Subject, listed.Update.Recipients, listed.Pending));
    }

    [Theory]
    [InlineData("", "Tekst.", SignatureUpdates.SubjectField, "Vul een onderwerp in.")]
    [InlineData("   ", "Tekst.", SignatureUpdates.SubjectField, "Vul een onderwerp in.")]
    [InlineData("Onderwerp", " ", SignatureUpdates.TextField, "Vul de tekst van de update in.")]
    public void An_empty_subject_or_text_is_refused_in_dutch(string subject, string text, string field, string message)
    {
        var errors = SignatureUpdates.Validate(subject, text);
        Assert.Equal(message, Assert.Single(errors, e => e.Key == field).Value);
    }

    [Fact]
    public void A_subject_or_text_that_is_too_long_is_refused_in_dutch()
    {
        var errors = SignatureUpdates.Validate(new string('a', SignatureUpdates.MaxSubjectLength + 1), new string('b', SignatureUpdates.MaxTextLength + 1));
        Assert.Equal($"Het onderwerp is te lang: hooguit {SignatureUpdates.MaxSubjectLength} tekens.", errors[SignatureUpdates.SubjectField]);
        Assert.Equal($"De tekst is te lang: hooguit {SignatureUpdates.MaxTextLength} tekens.", errors[SignatureUpdates.TextField]);
        Assert.Empty(SignatureUpdates.Validate("Onderwerp", "Tekst."));
    }
}
