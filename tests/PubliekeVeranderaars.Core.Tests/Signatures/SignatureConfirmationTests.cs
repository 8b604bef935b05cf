using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PubliekeVeranderaars.Core.Forms;
using PubliekeVeranderaars.Core.Mail;
using PubliekeVeranderaars.Core.Signatures;

namespace PubliekeVeranderaars.Core.Tests.Signatures;

/// <summary>A confirm link confirms the details that were typed with it, and nothing typed by anyone else.</summary>
public partial class SignatureConfirmationTests
{
    private const string Address = "eigenaar@example.org";

    [Fact]
    public async Task Confirming_a_link_confirms_the_details_sent_with_that_link_not_details_typed_later_by_someone_else()
    {
        await using var db = await TestDatabase.CreateAsync();
        var (signatures, clock) = Service(db);
        await signatures.SignAsync(Form("Echte Naam", "Gemeente Utrecht", showPublicly: true));
        var ownersLink = await LatestConfirmTokenAsync(db);

        // Someone else, knowing the address, signs with it within the resend interval: no mail, so no link for it.
        clock.Advance(TimeSpan.FromMinutes(1));
        await signatures.SignAsync(Form("Iemand Anders", "Nep BV", showPublicly: true));

        Assert.Equal(new SignatureDetails("Echte Naam", "Gemeente Utrecht", "", "", true), await signatures.PendingConfirmationAsync(ownersLink));
        Assert.Equal(SignatureConfirmResult.Confirmed, await signatures.ConfirmAsync(ownersLink));
        var signature = await SignatureAsync(db);
        Assert.Equal(("Echte Naam", "Gemeente Utrecht"), (signature.Name, signature.Organisation));
    }

    [Fact]
    public async Task Signing_again_with_corrected_details_confirms_the_correction_through_the_new_link()
    {
        await using var db = await TestDatabase.CreateAsync();
        var (signatures, clock) = Service(db);
        await signatures.SignAsync(Form("Jan", "", showPublicly: false));
        var first = await LatestConfirmTokenAsync(db);
        clock.Advance(SignatureService.ResendInterval + TimeSpan.FromMinutes(1));
        await signatures.SignAsync(Form("Jan de Vries", "Rijkswaterstaat", showPublicly: true));
        var second = await LatestConfirmTokenAsync(db);

        // Each link confirms what was typed with it; the first one still works, until one of them is used.
        Assert.Equal(new SignatureDetails("Jan", "", "", "", false), await signatures.PendingConfirmationAsync(first));
        Assert.Equal(new SignatureDetails("Jan de Vries", "Rijkswaterstaat", "", "", true), await signatures.PendingConfirmationAsync(second));
        // Until it is confirmed the stored signature keeps what was confirmable before: a typed address proves nothing.
        Assert.Equal("Jan", (await SignatureAsync(db)).Name);

        Assert.Equal(SignatureConfirmResult.Confirmed, await signatures.ConfirmAsync(second));
        Assert.Null(await signatures.PendingConfirmationAsync(first));
        var signature = await SignatureAsync(db);
        Assert.Equal(("Jan de Vries", "Rijkswaterstaat", true, SignatureStatus.Confirmed),
            (signature.Name, signature.Organisation, signature.ShowPublicly, signature.Status));
    }

    [Fact]
    public async Task Someone_else_signing_with_the_address_later_leaves_the_owners_link_working_with_the_owners_details()
    {
        await using var db = await TestDatabase.CreateAsync();
        var (signatures, clock) = Service(db);
        await signatures.SignAsync(Form("Carol", "Gemeente Delft", showPublicly: true));
        var carols = await LatestConfirmTokenAsync(db);
        clock.Advance(SignatureService.ResendInterval + TimeSpan.FromMinutes(1));
        await signatures.SignAsync(Form("Iemand Anders", "Nep BV", showPublicly: true));

        Assert.Equal(SignatureConfirmResult.Confirmed, await signatures.ConfirmAsync(carols));
        Assert.Equal(("Carol", "Gemeente Delft"), ((await SignatureAsync(db)).Name, (await SignatureAsync(db)).Organisation));
    }

    [Fact]
    public async Task One_inbox_signs_once_however_its_address_is_spelled()
    {
        await using var db = await TestDatabase.CreateAsync();
        var (signatures, clock) = Service(db);
        foreach (var spelling in new[] { "jan.jansen@gmail.com", "janjansen+petitie@gmail.com", "Jan.Jansen@googlemail.com" })
        {
            await signatures.SignAsync([new(SignatureService.NameField, "Jan"), new(SignatureService.EmailField, spelling)]);
            clock.Advance(SignatureService.ResendInterval + TimeSpan.FromMinutes(1));
        }

        await using var context = db.Database.Open();
        Assert.Equal(["jan.jansen@gmail.com"], await context.Signatures.Select(s => s.Email).ToListAsync());
    }

    [Fact]
    public async Task Older_signatures_get_their_inbox_once_and_two_spellings_of_one_inbox_are_both_kept()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using (var context = db.Database.Open())
        {
            context.Signatures.AddRange(
                new Signature { Key = Guid.NewGuid(), Email = "piet@example.org", Name = "Piet", CreatedUtc = new DateTime(2026, 1, 1), LastMailUtc = new DateTime(2026, 1, 1) },
                new Signature { Key = Guid.NewGuid(), Email = "piet+x@example.org", Name = "Piet", CreatedUtc = new DateTime(2026, 1, 2), LastMailUtc = new DateTime(2026, 1, 2) });
            await context.SaveChangesAsync();
        }

        await new SignatureMailboxes(db.Writer, NullLogger<SignatureMailboxes>.Instance).FillAsync();
        var (signatures, _) = Service(db);
        await signatures.SignAsync([new(SignatureService.NameField, "Piet"), new(SignatureService.EmailField, "PIET+ander@example.org")]);

        await using var after = db.Database.Open();
        Assert.Equal([("piet@example.org", "piet@example.org"), ("piet+x@example.org", null)],
            (await after.Signatures.OrderBy(s => s.CreatedUtc).ToListAsync()).Select(s => (s.Email, s.Mailbox)));
    }

    [Fact]
    public async Task Signing_again_after_confirming_changes_nothing_that_was_confirmed()
    {
        await using var db = await TestDatabase.CreateAsync();
        var (signatures, clock) = Service(db);
        await signatures.SignAsync(Form("Echte Naam", "", showPublicly: false));
        await signatures.ConfirmAsync(await LatestConfirmTokenAsync(db));
        clock.Advance(SignatureService.ResendInterval + TimeSpan.FromMinutes(1));

        await signatures.SignAsync(Form("Iemand Anders", "Nep BV", showPublicly: true));

        var signature = await SignatureAsync(db);
        Assert.Equal(("Echte Naam", false), (signature.Name, signature.ShowPublicly));
        await using var context = db.Database.Open();
        Assert.DoesNotContain(await context.SignatureTokens.ToListAsync(), t => t.Purpose == SignatureTokenPurpose.Confirm);
    }

    private static (SignatureService, FakeTimeProvider) Service(TestDatabase db)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        return (new SignatureService(db.Database, db.Writer, new MailOptions(), new MailLinks(() => "https://publiekeveranderaars.nl"),
            new MailQuota(db.Writer, clock), clock, NullLogger<SignatureService>.Instance), clock);
    }

    private static FormEntryValue[] Form(string name, string organisation, bool showPublicly) =>
    [
        new(SignatureService.NameField, name), new(SignatureService.EmailField, Address), new(SignatureService.OrganisationField, organisation),
        new(SignatureService.ShowPubliclyField, showPublicly ? "true" : ""),
    ];

    private static async Task<string> LatestConfirmTokenAsync(TestDatabase db)
    {
        await using var context = db.Database.Open();
        var mail = await context.OutboxMessages.OrderByDescending(m => m.Id).FirstAsync(m => m.ToAddress == Address);
        return ConfirmLink().Match(mail.TextBody).Groups["token"].Value;
    }

    private static async Task<Signature> SignatureAsync(TestDatabase db)
    {
        await using var context = db.Database.Open();
        return await context.Signatures.SingleAsync(s => s.Email == Address);
    }

    [GeneratedRegex(SignatureService.ConfirmPath + @"\?token=(?<token>[A-Za-z0-9_-]{43})")]
    private static partial Regex ConfirmLink();
}
