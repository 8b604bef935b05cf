using Microsoft.EntityFrameworkCore;
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
    [Fact]
    public async Task Signing_again_and_again_mails_an_address_at_most_three_times_a_day()
    {
        await using var db = await TestDatabase.CreateAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var signatures = new SignatureService(db.Database, db.Writer, new MailOptions(), new MailLinks(() => "https://publiekeveranderaars.nl"),
            new MailQuota(db.Writer, clock), clock, NullLogger<SignatureService>.Instance);
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
}
