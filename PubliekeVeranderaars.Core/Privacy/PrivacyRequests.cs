using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Mail;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Privacy;

/// <summary>The register of privacy requests: what came in, by when it must be answered, and that it was.</summary>
public sealed class PrivacyRequests(SiteDatabase database, SiteWriter writer, PrivacyHashes hashes, TimeProvider clock, MailOptions mail)
{
    public async Task<IReadOnlyList<PrivacyRequest>> ListAsync(CancellationToken ct = default)
    {
        await using var db = database.Open();
        var all = await db.PrivacyRequests.AsNoTracking().ToListAsync(ct);
        // Open ones first, the most urgent on top; then the answered ones, newest first.
        return [.. all.Where(r => r.IsOpen).OrderBy(r => r.DueOn), .. all.Where(r => !r.IsOpen).OrderByDescending(r => r.AnsweredUtc)];
    }

    /// <summary>How many requests wait for an answer, and the earliest of their deadlines (the overview's card).</summary>
    public async Task<(int Open, DateOnly? FirstDue)> OpenAsync(CancellationToken ct = default)
    {
        await using var db = database.Open();
        var open = db.PrivacyRequests.Where(r => r.AnsweredUtc == null);
        return (await open.CountAsync(ct), await open.MinAsync(r => (DateOnly?)r.DueOn, ct));
    }

    public DateOnly Today => DateOnly.FromDateTime(DutchFormat.ToAmsterdam(clock.GetUtcNow().UtcDateTime));

    public async Task<PrivacyRequest> RegisterAsync(string address, PrivacyRequestKind kind, DateOnly receivedOn, Actor actor, CancellationToken ct = default)
    {
        var hash = await hashes.HashAsync(address, ct);
        return await writer.WriteAsync(actor, write =>
        {
            var request = new PrivacyRequest
            {
                Kind = kind, Email = address.Trim(), AddressHash = hash, ReceivedOn = receivedOn, DueOn = PrivacyRequest.Due(receivedOn),
                RegisteredUtc = write.Now, RegisteredBy = write.Actor.Name,
            };
            write.Db.PrivacyRequests.Add(request);
            write.Audit(AuditActions.RegisterPrivacyRequest, PersonalDataErasure.AuditTarget(hash),
                $"{PrivacyRequest.DutchKind(kind)}, ontvangen {DutchFormat.Date(receivedOn)}, beantwoorden vóór {DutchFormat.Date(request.DueOn)}");
            return Task.FromResult(request);
        }, ct);
    }

    /// <summary>Marks a request answered; from then on the register keeps the hash, not the address.</summary>
    public Task<bool> AnswerAsync(long id, string outcome, Actor actor, CancellationToken ct = default) =>
        writer.WriteAsync(actor, async write =>
        {
            var request = await write.Db.PrivacyRequests.FindAsync([id], ct);
            if (request is null || !request.IsOpen)
            {
                write.Abandon();
                return false;
            }
            request.AnsweredUtc = write.Now;
            request.AnsweredBy = write.Actor.Name;
            // The register outlives the request's address: an address typed into the outcome would undo that.
            request.Outcome = MailAddresses.Masked(outcome.Trim()) is { Length: > 0 } text ? text[..Math.Min(text.Length, PrivacyRequest.MaxOutcomeLength)] : "Beantwoord.";
            request.Email = "";
            write.Audit(AuditActions.AnswerPrivacyRequest, PersonalDataErasure.AuditTarget(request.AddressHash), PrivacyRequest.DutchKind(request.Kind));
            return true;
        }, ct);

    /// <summary>
    /// Mails the person their data (the readable overview) or the news that it is gone. The second is blanked as
    /// soon as it is sent, so it leaves no trace of the person behind.
    /// </summary>
    public Task SendAnswerAsync(string address, string subject, string text, string html, bool forgetWhenSent, Actor actor, CancellationToken ct = default) =>
        writer.WriteAsync(actor, write =>
        {
            write.Db.OutboxMessages.Add(new OutboxMessage
            {
                Kind = OutboxKind.Email, Status = OutboxStatus.Pending, CreatedUtc = write.Now, NextAttemptUtc = write.Now,
                Source = "Privacyverzoek: antwoord", MessageId = MimeMessageFactory.NewMessageId(mail.MessageIdDomain),
                FromAddress = mail.From, FromName = mail.FromName, ToAddress = address.Trim(),
                Subject = subject, TextBody = text, HtmlBody = html, ForgetWhenSent = forgetWhenSent,
            });
            write.Raise(new MailQueuedNotification());
        }, ct);
}
