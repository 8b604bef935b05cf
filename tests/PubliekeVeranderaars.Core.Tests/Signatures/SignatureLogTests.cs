using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PubliekeVeranderaars.Core.Forms;
using PubliekeVeranderaars.Core.Mail;
using PubliekeVeranderaars.Core.Privacy;
using PubliekeVeranderaars.Core.Signatures;

namespace PubliekeVeranderaars.Core.Tests.Signatures;

/// <summary>The public log of the count: one chained line per change, written with the change, nothing about who.</summary>
public class SignatureLogTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_hash_is_the_recipe_the_readme_gives()
    {
        // sha256("0000…0000|1|2026-12-02T09:00:00Z|opening|0"), computed outside .NET.
        Assert.Equal("e4cc9dea26f531d11378f58ebe839bc84ebd739db016205e914fc59d34b323fd",
            SignatureLog.HashOf(SignatureLog.Origin, 1, new DateTime(2026, 12, 2, 9, 0, 0, DateTimeKind.Utc), SignatureLogEvents.Opening, 0));
    }

    [Fact]
    public async Task Every_change_of_the_count_is_one_chained_line_and_the_last_total_is_the_count()
    {
        await using var db = await TestDatabase.CreateAsync();
        var clock = new FakeTimeProvider(Start);
        var signatures = new SignatureService(db.Database, db.Writer, new MailOptions(), new MailLinks(() => "https://publiekeveranderaars.nl"),
            new MailQuota(db.Writer, clock), clock, NullLogger<SignatureService>.Instance);
        // A signature confirmed before the log existed: the log opens with it counted.
        await using (var context = db.Database.Open())
        {
            context.Signatures.Add(new Signature { Key = Guid.NewGuid(), Status = SignatureStatus.Confirmed, Name = "Eerder", Email = "eerder@example.org",
                CreatedUtc = Start.UtcDateTime, ConfirmedUtc = Start.UtcDateTime });
            await context.SaveChangesAsync();
        }
        await SignatureLog.OpenAsync(db.Writer);
        await SignatureLog.OpenAsync(db.Writer);

        var mails = new Dictionary<string, string>();
        foreach (var who in new[] { "a", "b", "c" })
        {
            await signatures.SignAsync([new(SignatureService.NameField, who), new(SignatureService.EmailField, $"{who}@example.org")]);
            await using var context = db.Database.Open();
            mails[who] = (await context.OutboxMessages.OrderByDescending(m => m.Id).FirstAsync(m => m.ToAddress == $"{who}@example.org")).TextBody;
        }
        string Token(string who, string path) =>
            Uri.UnescapeDataString(System.Text.RegularExpressions.Regex.Match(mails[who], path + @"\?token=([^\s&]+)").Groups[1].Value);
        foreach (var who in new[] { "a", "b", "c" }) await signatures.ConfirmAsync(Token(who, SignatureService.ConfirmPath));
        // A second press of a used link, and withdrawing what is not confirmed, change no count and add no line.
        await signatures.ConfirmAsync(Token("a", SignatureService.ConfirmPath));
        await signatures.SignAsync([new(SignatureService.NameField, "d"), new(SignatureService.EmailField, "d@example.org")]);
        await signatures.WithdrawAsync(Token("b", SignatureService.WithdrawPath));
        await new PersonalDataErasure(db.Writer, new PrivacyHashes(db.Database, db.Writer), NullLogger<PersonalDataErasure>.Instance)
            .EraseAsync("c@example.org", TestDatabase.Editor);

        var page = await new SignatureLogQueries(db.Database).PageAsync(0, SignatureLogQueries.MaxTake);
        Assert.Equal(
            [(SignatureLogEvents.Opening, 1), (SignatureLogEvents.Confirmed, 2), (SignatureLogEvents.Confirmed, 3), (SignatureLogEvents.Confirmed, 4),
             (SignatureLogEvents.Withdrawn, 3), (SignatureLogEvents.Erased, 2)],
            page.Items.Select(e => (e.Event, e.Total)));
        await using (var context = db.Database.Open())
            Assert.Equal(page.Items[^1].Total, await context.Signatures.CountAsync(s => s.Status == SignatureStatus.Confirmed));
        var previous = SignatureLog.Origin;
        foreach (var (line, sequence) in page.Items.Select((l, i) => (l, i + 1L)))
        {
            Assert.Equal((sequence, previous), (line.Sequence, line.PreviousHash));
            Assert.Equal(SignatureLog.HashOf(previous, line.Sequence, line.Utc, line.Event, line.Total), line.Hash);
            previous = line.Hash;
        }
        Assert.Equal(previous, page.Head);
    }
}
