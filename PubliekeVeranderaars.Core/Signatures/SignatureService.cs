using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Forms;
using PubliekeVeranderaars.Core.Mail;
using PubliekeVeranderaars.Core.Privacy;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Signatures;

/// <summary>
/// Signing the manifesto with double opt-in: a signature counts only after its address confirmed it through a
/// mailed link; it can be withdrawn through another link, which deletes it.
/// </summary>
public sealed class SignatureService(SiteDatabase database, SiteWriter writer, MailOptions mail, MailLinks links, MailQuota quota,
    TimeProvider clock, ILogger<SignatureService> logger)
{
    /// <summary>How the outbox names this service's mails: "Ondertekening: Bevestig je ondertekening".</summary>
    public const string MailSource = "Ondertekening: ";

    /// <summary>The confirm link works for a week, as the mail says.</summary>
    public static readonly TimeSpan ConfirmTokenLifetime = TimeSpan.FromDays(7);

    /// <summary>
    /// Signing again sends a new mail at most this often, so nobody can flood someone else's inbox through our form.
    /// </summary>
    public static readonly TimeSpan ResendInterval = TimeSpan.FromMinutes(15);

    public const string ConfirmPath = "/ondertekenen/bevestigen";
    public const string WithdrawPath = "/ondertekenen/intrekken";

    public const string NameField = "name";
    public const string EmailField = "email";
    public const string OrganisationField = "organisation";
    public const string RoleField = "role";
    public const string PlaceField = "place";
    public const string ShowPubliclyField = "showPublicly";
    /// <summary>The optional "send me updates" box; a sign form without it collects no consent.</summary>
    public const string UpdatesField = "updates";

    /// <summary>
    /// Records a signature (or, for an address that signed before, mails it again), then answers the same either way,
    /// so the page never reveals whether an address has signed. The address is not verified yet, so its mail says
    /// nothing the signer typed, and only a few such mails go to one address a day (<see cref="MailQuota"/>).
    /// Details typed again before confirming travel with the new link and replace the stored ones only when that
    /// link is confirmed.
    /// </summary>
    public async Task SignAsync(IReadOnlyList<FormEntryValue> values, CancellationToken cancellationToken = default)
    {
        string Value(string alias) => values.FirstOrDefault(v => v.Alias == alias)?.Value ?? "";
        var email = Signature.NormalizeEmail(Value(EmailField));
        var mailbox = MailAddresses.Mailbox(email);
        var details = new SignatureDetails(Value(NameField), Value(OrganisationField), Value(RoleField), Value(PlaceField),
            Value(ShowPubliclyField) == "true", Value(UpdatesField) == "true");
        var now = clock.GetUtcNow().UtcDateTime;

        Signature? existing;
        MailQuotaReading quotaReading;
        await using (var db = database.Open())
        {
            // Both reads on one connection: this is every signature's path.
            await db.Database.OpenConnectionAsync(cancellationToken);
            existing = await db.Signatures.AsNoTracking().FirstOrDefaultAsync(s => s.Mailbox == mailbox || s.Email == email, cancellationToken);
            // Read here, beside the other read, so the group commit need not query it (MailQuota.TryTakeAsync).
            quotaReading = await quota.ReadAsync(db, email, MailQuotaKind.SignConfirmation, cancellationToken);
        }
        if (existing is null)
        {
            var signature = new Signature
            {
                Key = Guid.CreateVersion7(now), Status = SignatureStatus.Pending, Name = details.Name, Email = email, Mailbox = mailbox,
                Organisation = details.Organisation, Role = details.Role, Place = details.Place,
                ShowPublicly = details.ShowPublicly, CreatedUtc = now, LastMailUtc = now,
            };
            var (tokens, message) = ConfirmationMail(signature, details, now);
            var stored = false;
            try
            {
                await writer.WriteGroupedAsync(Actor.Visitor, async write =>
                {
                    // Counted in the unit that stores the signature: one that is not stored spends none of the day's mails.
                    stored = await quota.TryTakeAsync(write, quotaReading, cancellationToken);
                    if (!stored) return;
                    write.Db.Signatures.Add(signature);
                    write.Db.SignatureTokens.AddRange(tokens);
                    write.Db.OutboxMessages.Add(message);
                    write.Audit(AuditActions.Sign, Signature.AuditTarget(signature.Key));
                    write.Raise(new MailQueuedNotification());
                }, cancellationToken);
                if (stored) Observability.SiteMetrics.SignaturesSigned.Add(1);
                else logger.LogInformation("Sign mails to one address reached today's limit: nothing stored, nothing sent");
                return;
            }
            catch (DbUpdateException)
            {
                // The same inbox signed at the same moment (a unique index said so): treat it as signing again.
                await using var db = database.Open();
                existing = await db.Signatures.AsNoTracking().FirstOrDefaultAsync(s => s.Mailbox == mailbox || s.Email == email, cancellationToken);
                if (existing is null) throw;
            }
        }
        await SignAgainAsync(existing, details, now, cancellationToken);
    }

    private async Task SignAgainAsync(Signature existing, SignatureDetails details, DateTime now, CancellationToken cancellationToken)
    {
        if (now - existing.LastMailUtc < ResendInterval)
        {
            logger.LogInformation("Signature {Key} signed again within {Interval}: no new mail", existing.Key, ResendInterval);
            return;
        }
        var (tokens, message) = existing.IsConfirmed
            ? AlreadySignedMail(existing, now)
            : ConfirmationMail(existing, details, now);
        await writer.WriteAsync(Actor.Visitor, async write =>
        {
            // Claim the right to mail: only one of two simultaneous repeats wins.
            var claimed = await write.Db.Signatures
                .Where(s => s.Key == existing.Key && s.LastMailUtc == existing.LastMailUtc)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastMailUtc, now), cancellationToken);
            if (claimed == 0)
            {
                write.Abandon();
                return false;
            }
            if (!await quota.TryTakeAsync(write, existing.Email, MailQuotaKind.SignConfirmation, cancellationToken))
            {
                logger.LogInformation("Signature {Key} signed again after today's mail limit: no new mail", existing.Key);
                write.Abandon();
                return false;
            }
            // Older confirm links stay good: each confirms only the details typed with it, so one signed by someone
            // else cannot take the owner's link away. Using any of them ends them all; they expire anyway.
            write.Db.SignatureTokens.AddRange(tokens);
            write.Db.OutboxMessages.Add(message);
            write.Audit(AuditActions.Sign, Signature.AuditTarget(existing.Key), "opnieuw");
            write.Raise(new MailQueuedNotification());
            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// What a confirm link would confirm, or null when the link is not (or no longer) good. The page shows it before
    /// the button, so whoever owns the address sees what is signed in their name. Confirms nothing.
    /// </summary>
    public async Task<SignatureDetails?> PendingConfirmationAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (await FindTokenAsync(token, SignatureTokenPurpose.Confirm, cancellationToken) is not { } found) return null;
        if (found.Details is { } details) return details;
        await using var db = database.Open();
        return await db.Signatures.AsNoTracking().Where(s => s.Key == found.SignatureKey)
            .Select(s => new SignatureDetails(s.Name, s.Organisation, s.Role, s.Place, s.ShowPublicly, false))
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<bool> IsWithdrawTokenValidAsync(string? token, CancellationToken cancellationToken = default) =>
        await FindTokenAsync(token, SignatureTokenPurpose.Withdraw, cancellationToken) is not null;

    /// <param name="agreesToUpdates">
    /// The address's owner ticked "yes, updates" on the confirm page. Consent needs both that and the tick on the form the
    /// link carries: anyone who knows an address can tick the form's box, only its owner sees the confirm page.
    /// </param>
    public async Task<SignatureConfirmResult> ConfirmAsync(string? token, bool agreesToUpdates = false, CancellationToken cancellationToken = default)
    {
        var found = await FindTokenAsync(token, SignatureTokenPurpose.Confirm, cancellationToken);
        if (found is null) return SignatureConfirmResult.InvalidToken;
        var result = await ConfirmTokenAsync(found, agreesToUpdates, cancellationToken);
        if (result == SignatureConfirmResult.Confirmed) Observability.SiteMetrics.SignaturesConfirmed.Add(1);
        return result;
    }

    private async Task<SignatureConfirmResult> ConfirmTokenAsync(SignatureToken found, bool agreesToUpdates, CancellationToken cancellationToken)
    {
        return await writer.WriteAsync(Actor.Visitor, async write =>
        {
            await SignatureLog.LockAsync(write, cancellationToken);
            // Single use: whoever deletes the token confirms; a second click (or a racing one) finds nothing.
            var used = await write.Db.SignatureTokens.Where(t => t.Hash == found.Hash).ExecuteDeleteAsync(cancellationToken);
            if (used == 0)
            {
                write.Abandon();
                return SignatureConfirmResult.InvalidToken;
            }
            await write.Db.SignatureTokens.Where(t => t.SignatureKey == found.SignatureKey && t.Purpose == SignatureTokenPurpose.Confirm)
                .ExecuteDeleteAsync(cancellationToken);
            var pending = write.Db.Signatures.Where(s => s.Key == found.SignatureKey && s.Status == SignatureStatus.Pending);
            // Under the log's lock nobody else confirms or removes it meanwhile: the log's line goes first.
            var logged = await pending.AnyAsync(cancellationToken);
            if (logged) await SignatureLog.AppendAsync(write, SignatureLogEvents.Confirmed, +1, ct: cancellationToken);
            // Links mailed before details travelled with them confirm what the signature holds.
            var details = found.Details;
            // Consent to updates: the form's tick travelled with the link, and the address's owner ticked it again here.
            DateTime? updatesConsent = details?.WantsUpdates == true && agreesToUpdates ? write.Now : null;
            var confirmed = details is null
                ? await pending.ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SignatureStatus.Confirmed)
                    .SetProperty(x => x.ConfirmedUtc, write.Now), cancellationToken)
                : await pending.ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SignatureStatus.Confirmed)
                    .SetProperty(x => x.ConfirmedUtc, write.Now)
                    .SetProperty(x => x.Name, details.Name).SetProperty(x => x.Organisation, details.Organisation)
                    .SetProperty(x => x.Role, details.Role).SetProperty(x => x.Place, details.Place)
                    .SetProperty(x => x.ShowPublicly, details.ShowPublicly)
                    .SetProperty(x => x.UpdatesConsentUtc, updatesConsent), cancellationToken);
            if (logged && confirmed != 1) throw new InvalidOperationException("The signature log and the confirmation disagree; nothing was written.");
            write.Audit(AuditActions.ConfirmSignature, Signature.AuditTarget(found.SignatureKey));
            write.Raise(new SignaturesChangedNotification());
            return confirmed == 1 ? SignatureConfirmResult.Confirmed : SignatureConfirmResult.AlreadyConfirmed;
        }, cancellationToken);
    }

    /// <summary>Deletes the signature and everything personal about it.</summary>
    public async Task<bool> WithdrawAsync(string? token, CancellationToken cancellationToken = default)
    {
        var found = await FindTokenAsync(token, SignatureTokenPurpose.Withdraw, cancellationToken);
        if (found is null) return false;
        var deleted = await writer.WriteAsync(Actor.Visitor, async write =>
        {
            await SignatureLog.LockAsync(write, cancellationToken);
            await write.Db.SignatureTokens.Where(t => t.SignatureKey == found.SignatureKey).ExecuteDeleteAsync(cancellationToken);
            var signature = await write.Db.Signatures.Where(s => s.Key == found.SignatureKey).Select(s => new { s.Email, s.Status })
                .FirstOrDefaultAsync(cancellationToken);
            var email = signature?.Email;
            if (signature?.Status == SignatureStatus.Confirmed)
                await SignatureLog.AppendAsync(write, SignatureLogEvents.Withdrawn, -1, ct: cancellationToken);
            var count = await write.Db.Signatures.Where(s => s.Key == found.SignatureKey).ExecuteDeleteAsync(cancellationToken);
            if (signature?.Status == SignatureStatus.Confirmed && count != 1)
                throw new InvalidOperationException("The signature log and the withdrawal disagree; nothing was written.");
            // The mails about this signature hold the name and address too: they go with it, and so do the updates it
            // consented to, sent or waiting (the consent itself goes with the row). Sign-ups for initiatives with the
            // same address are another matter: they stay, with their mails, until erased or expired.
            if (email is not null)
            {
                await MailTraces.ForgetAsync(write, [email], [], cancellationToken, [MailSource, SignatureUpdates.MailSource]);
                // The day's count is kept under a hash of the inbox: a hash of a known address is the address.
                var quotaHash = MailQuota.RecipientHash(email);
                await write.Db.MailQuotas.Where(q => q.RecipientHash == quotaHash).ExecuteDeleteAsync(cancellationToken);
            }
            write.Raise(new PersonalDataDeletedNotification());
            write.Audit(AuditActions.WithdrawSignature, Signature.AuditTarget(found.SignatureKey));
            write.Raise(new SignaturesChangedNotification());
            return count == 1;
        }, cancellationToken);
        logger.LogInformation("Signature {Key} withdrawn and deleted", found.SignatureKey);
        if (deleted) Observability.SiteMetrics.SignaturesWithdrawn.Add(1);
        return deleted;
    }

    private Task<SignatureToken?> FindTokenAsync(string? token, SignatureTokenPurpose purpose, CancellationToken cancellationToken) =>
        SignatureTokens.FindAsync(database, token, purpose, clock.GetUtcNow().UtcDateTime, cancellationToken);

    private (List<SignatureToken> Tokens, OutboxMessage Message) ConfirmationMail(Signature signature, SignatureDetails details, DateTime now)
    {
        var confirm = SignatureTokens.NewToken();
        var withdraw = SignatureTokens.NewToken();
        var tokens = new List<SignatureToken>
        {
            new() { Hash = SignatureTokens.Hash(confirm), SignatureKey = signature.Key, Purpose = SignatureTokenPurpose.Confirm, CreatedUtc = now, ExpiresUtc = now + ConfirmTokenLifetime, Details = details },
            new() { Hash = SignatureTokens.Hash(withdraw), SignatureKey = signature.Key, Purpose = SignatureTokenPurpose.Withdraw, CreatedUtc = now },
        };
        var (text, html) = MailTemplate.Render("Bevestig je ondertekening",
            "Hallo,\n\nBedankt dat je het manifest van Wij, Publieke Veranderaars wilt ondertekenen. " +
            "Bevestig je ondertekening met de link hieronder; pas dan telt je handtekening mee" +
            (details.ShowPublicly ? " en staat je naam op de openbare lijst." : ".") +
            $"\n\nDe link werkt {DutchFormat.Duration(ConfirmTokenLifetime)}. Heb je niet zelf ondertekend? Doe dan niets: zonder bevestiging " +
            $"verwijderen we je gegevens na {DutchFormat.Duration(SignatureExpiry.PendingLifetime)}.",
            [],
            [("Ja, ik onderteken het manifest", Link(ConfirmPath, confirm)),
             ("Mijn ondertekening intrekken en mijn gegevens verwijderen", Link(WithdrawPath, withdraw))]);
        return (tokens, Message(signature, "Bevestig je ondertekening van het manifest", text, html, now));
    }

    private (List<SignatureToken> Tokens, OutboxMessage Message) AlreadySignedMail(Signature signature, DateTime now)
    {
        var withdraw = SignatureTokens.NewToken();
        var tokens = new List<SignatureToken>
        {
            new() { Hash = SignatureTokens.Hash(withdraw), SignatureKey = signature.Key, Purpose = SignatureTokenPurpose.Withdraw, CreatedUtc = now },
        };
        var (text, html) = MailTemplate.Render("Je had het manifest al ondertekend",
            "Hallo,\n\nIemand (waarschijnlijk jij) heeft het manifest opnieuw ondertekend met dit e-mailadres. " +
            "Je handtekening telde al mee: er verandert niets.",
            [],
            [("Mijn ondertekening intrekken en mijn gegevens verwijderen", Link(WithdrawPath, withdraw))]);
        return (tokens, Message(signature, "Je had het manifest al ondertekend", text, html, now));
    }

    private OutboxMessage Message(Signature signature, string subject, string text, string html, DateTime now) => new()
    {
        Kind = OutboxKind.Email, Status = OutboxStatus.Pending, CreatedUtc = now, NextAttemptUtc = now,
        Source = MailSource + subject, MessageId = MimeMessageFactory.NewMessageId(mail.MessageIdDomain),
        FromAddress = mail.From, FromName = mail.FromName, ToAddress = signature.Email, Subject = subject,
        TextBody = text, HtmlBody = html,
    };

    private string Link(string path, string token) => links.To($"{path}?token={token}");
}

public enum SignatureConfirmResult
{
    Confirmed,
    AlreadyConfirmed,
    InvalidToken,
}
