using Microsoft.Extensions.Time.Testing;
using PubliekeVeranderaars.Core.Mail;

namespace PubliekeVeranderaars.Core.Tests.Mail;

public class MailQuotaTests
{
    [Fact]
    public async Task Spellings_that_reach_the_same_inbox_share_one_daily_limit()
    {
        await using var db = await TestDatabase.CreateAsync();
        var quota = new MailQuota(db.Writer, new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)));
        string[] spellings =
        [
            "slachtoffer@example.org", "slachtoffer+1@example.org", " Slachtoffer+nieuws@Example.org ", "slachtoffer@example.org.",
        ];

        var taken = 0;
        foreach (var spelling in spellings.Concat(spellings))
            if (await quota.TryTakeAsync(spelling, MailQuotaKind.SignConfirmation)) taken++;

        Assert.Equal(MailQuota.Limit(MailQuotaKind.SignConfirmation), taken);
    }

    [Fact]
    public async Task Gmail_ignores_dots_and_knows_googlemail_so_the_limit_does_too()
    {
        await using var db = await TestDatabase.CreateAsync();
        var quota = new MailQuota(db.Writer, new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)));
        string[] spellings = ["jan.jansen@gmail.com", "janjansen@gmail.com", "j.a.n.jansen+x@googlemail.com", "JanJansen@GMAIL.com"];

        var taken = 0;
        foreach (var spelling in spellings) if (await quota.TryTakeAsync(spelling, MailQuotaKind.SignConfirmation)) taken++;

        Assert.Equal(MailQuota.Limit(MailQuotaKind.SignConfirmation), taken);
    }

    [Fact]
    public void Proton_ignores_dots_dashes_and_underscores_and_answers_to_four_domains() =>
        Assert.Single(new[] { "jan.jansen@proton.me", "jan-jansen@protonmail.com", "jan_jansen+x@protonmail.ch", "JanJansen@pm.me" }
            .Select(MailQuota.Mailbox).Distinct());

    [Theory]
    [InlineData("jan.jansen@example.org", "janjansen@example.org")]
    [InlineData("jan@example.org", "jan@example.com")]
    [InlineData("jan@example.org", "piet@example.org")]
    public void Different_inboxes_stay_different(string one, string other) =>
        Assert.NotEqual(MailQuota.Mailbox(one), MailQuota.Mailbox(other));
}
