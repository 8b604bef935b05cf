using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PubliekeVeranderaars.Core.Forms;
using PubliekeVeranderaars.Core.Mail;
using PubliekeVeranderaars.Core.Signatures;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Tests.Signatures;

/// <summary>The sign form cannot be used to flood somebody else's inbox.</summary>
public class SignatureMailLimitTests
{
    private static SignatureService Signatures(TestDatabase db, FakeTimeProvider clock) =>
        new(db.Database, db.Writer, new MailOptions(), new MailLinks(() => "https://publiekeveranderaars.nl"), new MailQuota(db.Writer, clock), clock,
            NullLogger<SignatureService>.Instance);

    [Fact]
    public async Task Signing_again_and_again_mails_an_address_at_most_three_times_a_day()
    {
        await using var db = await TestDatabase.CreateAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var signatures = Signatures(db, clock);
        const string victim = "slachtoffer@example.org";
        FormEntryValue[] form = [new(SignatureService.NameField, "Iemand"), new(SignatureService.EmailField, victim)];

        async Task<int> MailsAsync()
        {
            await using var context = db.Database.Open();
            return await context.OutboxMessages.CountAsync(m => m.ToAddress == victim);
        }

        for (var attempt = 0; attempt < 8; attempt++)
        {
            await signatures.SignAsync(form);
            // Past the resend interval each time: only the daily limit can stop the mail.
            clock.Advance(SignatureService.ResendInterval + TimeSpan.FromMinutes(1));
        }
        Assert.Equal(3, await MailsAsync());

        clock.Advance(TimeSpan.FromDays(1));
        await signatures.SignAsync(form);
        Assert.Equal(4, await MailsAsync());
    }

    /// <summary>Fails every insert of a signature while armed, as a full disk or a lost connection would.</summary>
    private sealed class FailingSignatureInsert : DbCommandInterceptor
    {
        public bool Armed { get; set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (Armed && command.CommandText.Contains("INSERT INTO \"Signatures\"", StringComparison.Ordinal))
                throw new InvalidOperationException("Simulated failure");
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (Armed && command.CommandText.Contains("INSERT INTO \"Signatures\"", StringComparison.Ordinal))
                throw new InvalidOperationException("Simulated failure");
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    [Fact]
    public async Task A_signature_that_was_not_stored_spends_none_of_the_days_mails()
    {
        var failure = new FailingSignatureInsert();
        await using var db = await TestDatabase.CreateAsync(interceptors: [failure]);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var signatures = Signatures(db, clock);
        FormEntryValue[] form = [new(SignatureService.NameField, "Iemand"), new(SignatureService.EmailField, "iemand@example.org")];

        failure.Armed = true;
        await Assert.ThrowsAnyAsync<Exception>(() => signatures.SignAsync(form));
        failure.Armed = false;

        // The quota and the signature are one unit: what was not stored did not count against the address.
        await using var context = db.Database.Open();
        Assert.Equal(0, await context.Signatures.CountAsync());
        Assert.Equal(0, await context.MailQuotas.SumAsync(q => q.Count));
    }

    [Fact]
    public async Task A_burst_of_sign_ups_for_one_address_committed_together_still_mails_it_at_most_the_limit()
    {
        await using var db = await TestDatabase.CreateAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var quota = new MailQuota(db.Writer, clock);
        var taken = 0;

        // Twelve writes arriving at once share group commits; each takes the quota inside its own unit.
        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => db.Writer.WriteGroupedAsync(Actor.Visitor, async write =>
        {
            if (await quota.TryTakeAsync(write, $"slachtoffer+{i}@example.org", MailQuotaKind.FormConfirmation))
                Interlocked.Increment(ref taken);
        }))));

        Assert.Equal(MailQuota.Limit(MailQuotaKind.FormConfirmation), taken);
        await using var context = db.Database.Open();
        Assert.Equal(MailQuota.Limit(MailQuotaKind.FormConfirmation), await context.MailQuotas.SumAsync(q => q.Count));
    }

    /// <summary>Counts the statements that read or write the mail counts while armed.</summary>
    private sealed class QuotaStatements : DbCommandInterceptor
    {
        public bool Armed { get; set; }
        public int Reads { get; private set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (Armed && command.CommandText.Contains("FROM \"MailQuotas\"", StringComparison.Ordinal)) Reads++;
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    [Fact]
    public async Task A_first_signature_of_an_address_reads_its_count_before_the_group_commit_not_in_it()
    {
        var statements = new QuotaStatements();
        await using var db = await TestDatabase.CreateAsync(interceptors: [statements]);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var quota = new MailQuota(db.Writer, clock);
        MailQuotaReading reading;
        await using (var context = db.Database.Open()) reading = await quota.ReadAsync(context, "nieuw@example.org", MailQuotaKind.SignConfirmation);
        var taken = false;

        // The single writer of the group commit is the bound on signatures per second: it must not query per signature.
        statements.Armed = true;
        await db.Writer.WriteGroupedAsync(Actor.Visitor, async write => taken = await quota.TryTakeAsync(write, reading));
        statements.Armed = false;

        Assert.True(taken);
        Assert.Equal(0, statements.Reads);
        await using var after = db.Database.Open();
        Assert.Equal(1, await after.MailQuotas.SumAsync(q => q.Count));
    }

    [Fact]
    public async Task Signatures_are_keyed_in_the_order_they_arrive_so_a_burst_appends_to_the_key_index()
    {
        await using var db = await TestDatabase.CreateAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var signatures = Signatures(db, clock);
        for (var i = 0; i < 20; i++)
        {
            await signatures.SignAsync([new(SignatureService.NameField, $"Ondertekenaar {i}"), new(SignatureService.EmailField, $"persoon{i}@example.org")]);
            clock.Advance(TimeSpan.FromMilliseconds(3));
        }

        // Random keys put each new signature (and its tokens' reference to it) on a random page of the index: a group
        // commit of twenty signatures then writes twenty pages of it instead of one or two.
        await using var context = db.Database.Open();
        var byArrival = await context.Signatures.OrderBy(s => s.CreatedUtc).Select(s => s.Key).ToListAsync();
        var byKey = await context.Signatures.OrderBy(s => s.Key).Select(s => s.Key).ToListAsync();
        Assert.Equal(byArrival, byKey);
    }

    [Fact]
    public async Task A_count_read_before_others_were_counted_still_keeps_the_limit()
    {
        await using var db = await TestDatabase.CreateAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var quota = new MailQuota(db.Writer, clock);
        const string victim = "slachtoffer@example.org";
        var limit = MailQuota.Limit(MailQuotaKind.SignConfirmation);
        MailQuotaReading none, belowLimit;
        await using (var context = db.Database.Open()) none = await quota.ReadAsync(context, victim, MailQuotaKind.SignConfirmation);
        Assert.True(await quota.TryTakeAsync(victim, MailQuotaKind.SignConfirmation));
        await using (var context = db.Database.Open()) belowLimit = await quota.ReadAsync(context, victim, MailQuotaKind.SignConfirmation);
        for (var i = 1; i < limit; i++) Assert.True(await quota.TryTakeAsync(victim, MailQuotaKind.SignConfirmation));

        // Both readings are out of date: the address reached its limit after they were taken.
        var results = new List<bool>();
        foreach (var reading in new[] { none, belowLimit })
            await db.Writer.WriteGroupedAsync(Actor.Visitor, async write => results.Add(await quota.TryTakeAsync(write, reading)));

        // The first unit ran twice: its reading said "no count yet", the stored count refused the shared commit, and
        // alone it read the count afresh. Only the last decision of each unit counts.
        Assert.False(results[^1]);
        Assert.False(results[^2]);
        await using var after = db.Database.Open();
        Assert.Equal(limit, await after.MailQuotas.SumAsync(q => q.Count));
    }

    [Fact]
    public async Task A_count_read_yesterday_is_read_again_today()
    {
        await using var db = await TestDatabase.CreateAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 23, 59, 0, TimeSpan.Zero));
        var quota = new MailQuota(db.Writer, clock);
        const string victim = "slachtoffer@example.org";
        for (var i = 0; i < MailQuota.Limit(MailQuotaKind.SignConfirmation); i++) Assert.True(await quota.TryTakeAsync(victim, MailQuotaKind.SignConfirmation));
        MailQuotaReading atLimit;
        await using (var context = db.Database.Open()) atLimit = await quota.ReadAsync(context, victim, MailQuotaKind.SignConfirmation);

        clock.Advance(TimeSpan.FromMinutes(2));
        var taken = false;
        await db.Writer.WriteGroupedAsync(Actor.Visitor, async write => taken = await quota.TryTakeAsync(write, atLimit));

        Assert.True(taken);
    }

    [Fact]
    public async Task Withdrawing_leaves_no_count_under_a_hash_of_the_address()
    {
        await using var db = await TestDatabase.CreateAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var signatures = Signatures(db, clock);
        await signatures.SignAsync([new(SignatureService.NameField, "Iemand"), new(SignatureService.EmailField, "iemand@example.org")]);
        string body;
        await using (var context = db.Database.Open())
        {
            Assert.Equal(1, await context.MailQuotas.CountAsync());
            body = (await context.OutboxMessages.SingleAsync()).TextBody;
        }
        var token = System.Text.RegularExpressions.Regex.Match(body, SignatureService.WithdrawPath + @"\?token=([^\s&]+)").Groups[1].Value;

        Assert.True(await signatures.WithdrawAsync(Uri.UnescapeDataString(token)));

        await using var after = db.Database.Open();
        Assert.Equal(0, await after.MailQuotas.CountAsync());
    }

    [Fact]
    public async Task Signing_confirming_withdrawing_and_expiry_each_leave_one_audit_entry_by_the_visitor_or_the_site_and_no_address()
    {
        await using var db = await TestDatabase.CreateAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var signatures = Signatures(db, clock);
        await signatures.SignAsync([new(SignatureService.NameField, "Bezoeker Een"), new(SignatureService.EmailField, "een@example.org")]);
        await signatures.SignAsync([new(SignatureService.NameField, "Bezoeker Twee"), new(SignatureService.EmailField, "twee@example.org")]);
        string Token(string body, string path) =>
            Uri.UnescapeDataString(System.Text.RegularExpressions.Regex.Match(body, path + @"\?token=([^\s&]+)").Groups[1].Value);
        List<string> bodies;
        await using (var context = db.Database.Open()) bodies = await context.OutboxMessages.OrderBy(m => m.Id).Select(m => m.TextBody).ToListAsync();

        Assert.Equal(SignatureConfirmResult.Confirmed, await signatures.ConfirmAsync(Token(bodies[0], SignatureService.ConfirmPath)));
        Assert.True(await signatures.WithdrawAsync(Token(bodies[0], SignatureService.WithdrawPath)));
        // The second never confirms: past its lifetime the site deletes it.
        await using (var context = db.Database.Open())
            await context.Signatures.ExecuteUpdateAsync(s => s.SetProperty(x => x.CreatedUtc, DateTime.UtcNow - SignatureExpiry.PendingLifetime - TimeSpan.FromDays(1)));
        Assert.Equal(1, await new SignatureExpiry(db.Writer, NullLogger<SignatureExpiry>.Instance).DeleteExpiredAsync());

        await using var after = db.Database.Open();
        var audit = await after.AuditEntries.OrderBy(a => a.Id).Select(a => new { a.Action, a.User, a.Target, a.Details }).ToListAsync();
        Assert.Equal(2, audit.Count(a => a.Action == Core.Backoffice.AuditActions.Sign && a.User == Actor.Visitor.Name));
        Assert.Single(audit, a => a.Action == Core.Backoffice.AuditActions.ConfirmSignature && a.User == Actor.Visitor.Name);
        Assert.Single(audit, a => a.Action == Core.Backoffice.AuditActions.WithdrawSignature && a.User == Actor.Visitor.Name);
        Assert.Single(audit, a => a.Action == Core.Backoffice.AuditActions.DeleteExpired && a.User == Actor.System.Name);
        Assert.DoesNotContain(audit, a => $"{a.Target} {a.Details}".Contains("@example.org", StringComparison.Ordinal) || $"{a.Target} {a.Details}".Contains("Bezoeker "));
    }
}
