using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Mail;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Signatures;

/// <summary>
/// Updates to signers who ticked "send me updates" and confirmed their address: staff write one, the outbox sends one
/// message per signer, each with the signer's own link to stop (in the text and as <c>List-Unsubscribe</c>).
/// Stopping ends the consent and cancels the updates not sent yet; withdrawing the signature or erasing the person
/// takes the consent and every update mail with it.
/// </summary>
public sealed class SignatureUpdates(SiteDatabase database, SiteWriter writer, MailOptions mail, MailLinks links,
    ILogger<SignatureUpdates> logger)
{
    /// <summary>How the outbox names updates: "Update aan ondertekenaars: Het netwerk groeit".</summary>
    public const string MailSource = "Update aan ondertekenaars: ";
    public const string UnsubscribePath = "/ondertekenen/afmelden";

    public const string SubjectField = "subject";
    public const string TextField = "text";
    /// <summary>A subject line a mail program shows whole.</summary>
    public const int MaxSubjectLength = 150;
    /// <summary>A long letter; more belongs on a page of the site, linked from the update.</summary>
    public const int MaxTextLength = 20_000;

    /// <summary>What is wrong with a draft, in Dutch, by field; empty when it can be sent.</summary>
    public static IReadOnlyDictionary<string, string> Validate(string? subject, string? text)
    {
        var errors = new Dictionary<string, string>();
        subject = subject?.Trim() ?? "";
        text = text?.Trim() ?? "";
        if (subject.Length == 0) errors[SubjectField] = "Vul een onderwerp in.";
        else if (subject.Length > MaxSubjectLength) errors[SubjectField] = $"Het onderwerp is te lang: hooguit {MaxSubjectLength} tekens.";
        if (text.Length == 0) errors[TextField] = "Vul de tekst van de update in.";
        else if (text.Length > MaxTextLength) errors[TextField] = $"De tekst is te lang: hooguit {MaxTextLength} tekens.";
        return errors;
    }

    public async Task<int> SubscriberCountAsync(CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await Subscribers(db).CountAsync(ct);
    }

    /// <summary>Every update, newest first, with how far its sending got.</summary>
    public async Task<IReadOnlyList<SignatureUpdateProgress>> ListAsync(CancellationToken ct = default)
    {
        await using var db = database.Open();
        var updates = await db.SignatureUpdates.AsNoTracking().OrderByDescending(u => u.CreatedUtc).ToListAsync(ct);
        var keys = updates.Select(u => (Guid?)u.Key).ToList();
        var counts = await db.OutboxMessages.Where(m => keys.Contains(m.BatchKey))
            .GroupBy(m => new { m.BatchKey, m.Status }).Select(g => new { g.Key.BatchKey, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        int Count(Guid key, OutboxStatus status) => counts.Where(c => c.BatchKey == key && c.Status == status).Sum(c => c.Count);
        return [.. updates.Select(u => new SignatureUpdateProgress(u, Count(u.Key, OutboxStatus.Sent), Count(u.Key, OutboxStatus.Pending),
            Count(u.Key, OutboxStatus.Failed), Count(u.Key, OutboxStatus.Cancelled)))];
    }

    /// <summary>
    /// Queues the update for every subscribed signer in one unit with its record and audit line: all of them or none.
    /// The draft's key makes a second post of the same form send nothing.
    /// </summary>
    public async Task<SignatureUpdateSendResult> SendAsync(Guid key, string subject, string text, Actor actor, CancellationToken ct = default)
    {
        if (Validate(subject, text).Count > 0) throw new ArgumentException("The update is not valid; validate it first.");
        subject = subject.Trim();
        // A browser posts a textarea's lines with CR LF; the mail's paragraphs are split on blank lines.
        text = text.Trim().ReplaceLineEndings("\n");
        var result = await writer.WriteAsync(actor, async write =>
        {
            // The lock confirmations, withdrawals and erasures take: on PostgreSQL none of them can change who
            // subscribes between reading the list and committing the mails (SQLite's writer lock does that alone).
            await SignatureLog.LockAsync(write, ct);
            if (await write.Db.SignatureUpdates.AnyAsync(u => u.Key == key, ct))
            {
                write.Abandon();
                return new SignatureUpdateSendResult(SignatureUpdateSendStatus.AlreadySent, 0);
            }
            var subscribers = await Subscribers(write.Db).Select(s => new { s.Key, s.Email }).ToListAsync(ct);
            if (subscribers.Count == 0)
            {
                write.Abandon();
                return new SignatureUpdateSendResult(SignatureUpdateSendStatus.NoSubscribers, 0);
            }
            write.Db.SignatureUpdates.Add(new SignatureUpdate
            {
                Key = key, Subject = subject, Text = text, CreatedUtc = write.Now, CreatedBy = actor.Name, Recipients = subscribers.Count,
            });
            foreach (var subscriber in subscribers)
            {
                var token = SignatureTokens.NewToken();
                write.Db.SignatureTokens.Add(new SignatureToken
                {
                    Hash = SignatureTokens.Hash(token), SignatureKey = subscriber.Key, Purpose = SignatureTokenPurpose.Unsubscribe, CreatedUtc = write.Now,
                });
                write.Db.OutboxMessages.Add(Message(key, subscriber.Email, subject, text, links.To($"{UnsubscribePath}?token={token}"), write.Now));
            }
            write.Audit(AuditActions.SendUpdate, SignatureUpdate.AuditTarget(key),
                $"{subject} · {DutchFormat.Count(subscribers.Count, "ontvanger", "ontvangers")}");
            write.Raise(new MailQueuedNotification());
            return new SignatureUpdateSendResult(SignatureUpdateSendStatus.Queued, subscribers.Count);
        }, ct);
        if (result.Status == SignatureUpdateSendStatus.Queued)
            logger.LogInformation("Update {Key} queued for {Recipients} signers", key, result.Recipients);
        return result;
    }

    public async Task<bool> IsUnsubscribeTokenValidAsync(string? token, CancellationToken ct = default) => await FindAsync(token, ct) is not null;

    /// <summary>
    /// Ends the consent of the link's signer, ends all their unsubscribe links and cancels (and blanks) every update
    /// to them not sent yet, failed ones included. The signature stays: leaving the updates is not withdrawing the signature.
    /// </summary>
    public async Task<bool> UnsubscribeAsync(string? token, CancellationToken ct = default)
    {
        if (await FindAsync(token, ct) is not { } found) return false;
        var done = await writer.WriteAsync(Actor.Visitor, async write =>
        {
            // Not while an update is being queued: its mails to this signer would come after this unit's look.
            await SignatureLog.LockAsync(write, ct);
            // Whoever deletes the tokens unsubscribes: a second click (or a racing one) finds nothing.
            var used = await write.Db.SignatureTokens
                .Where(t => t.SignatureKey == found.SignatureKey && t.Purpose == SignatureTokenPurpose.Unsubscribe).ExecuteDeleteAsync(ct);
            if (used == 0)
            {
                write.Abandon();
                return false;
            }
            var email = await write.Db.Signatures.Where(s => s.Key == found.SignatureKey).Select(s => s.Email).FirstAsync(ct);
            await write.Db.Signatures.Where(s => s.Key == found.SignatureKey)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.UpdatesConsentUtc, (DateTime?)null), ct);
            // Waiting, and failed ones too: staff could otherwise send one again from the mail screen.
            var waiting = await write.Db.OutboxMessages
                .Where(m => m.BatchKey != null && (m.Status == OutboxStatus.Pending || m.Status == OutboxStatus.Failed) && m.ToAddress == email)
                .Select(m => m.Id).ToListAsync(ct);
            await MailTraces.ForgetMessagesAsync(write, waiting, ct);
            write.Audit(AuditActions.Unsubscribe, Signature.AuditTarget(found.SignatureKey));
            return true;
        }, ct);
        if (done) logger.LogInformation("Signature {Key} left the updates", found.SignatureKey);
        return done;
    }

    private static IQueryable<Signature> Subscribers(SiteDbContext db) =>
        db.Signatures.Where(s => s.Status == SignatureStatus.Confirmed && s.UpdatesConsentUtc != null);

    /// <summary>Leave links have no end date (they live as long as the signature): no clock needed, none would pass one.</summary>
    private Task<SignatureToken?> FindAsync(string? token, CancellationToken ct) =>
        SignatureTokens.FindAsync(database, token, SignatureTokenPurpose.Unsubscribe, DateTime.MaxValue, ct);

    private OutboxMessage Message(Guid batch, string to, string subject, string text, string unsubscribe, DateTime now)
    {
        var (textBody, html) = MailTemplate.Render(subject, text, [],
            [("Ik wil geen updates meer ontvangen", unsubscribe)],
            "Je krijgt deze update omdat je bij het ondertekenen van het manifest aangaf updates te willen ontvangen.");
        return new OutboxMessage
        {
            Kind = OutboxKind.Email, Status = OutboxStatus.Pending, CreatedUtc = now, NextAttemptUtc = now,
            Source = MailSource + subject, BatchKey = batch, UnsubscribeUrl = unsubscribe,
            MessageId = MimeMessageFactory.NewMessageId(mail.MessageIdDomain),
            FromAddress = mail.From, FromName = mail.FromName, ToAddress = to, Subject = subject, TextBody = textBody, HtmlBody = html,
        };
    }
}
