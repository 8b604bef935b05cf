using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Mail;

/// <summary>
/// Delivers due outbox messages. Each message is claimed before it is sent, so two web nodes never send the same one
/// at once; it is marked sent after delivery, so a crash in between repeats a message rather than losing it.
/// </summary>
public sealed class OutboxDispatcher(SiteDatabase database, SiteWriter writer, IMailTransport transport, WebhookSender webhooks,
    TimeProvider clock, ILogger<OutboxDispatcher> logger)
{
    /// <summary>Enough to drain a burst quickly while keeping each claim short.</summary>
    private const int BatchSize = 50;

    /// <summary>
    /// How long a claim holds without renewal. It is renewed before each connection and each message, and every
    /// network step (<see cref="SmtpMailTransport.Timeout"/>, the webhook timeout) is shorter, so a live dispatcher
    /// never loses its claim, while the mail of a node that died is sent by the next one within a minute.
    /// </summary>
    public static readonly TimeSpan ClaimDuration = TimeSpan.FromSeconds(30);

    /// <returns>How many messages were handled (sent or failed); 0 when nothing was due.</returns>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var claimed = await ClaimDueAsync(cancellationToken);
        if (claimed.Count == 0) return 0;

        IMailSession? session = null;
        Exception? connectError = null;
        try
        {
            for (var i = 0; i < claimed.Count; i++)
            {
                var message = claimed[i];
                // A message blanked since it was claimed (its person withdrew or was erased) is not sent.
                if (!(await RenewClaimsAsync(claimed.Skip(i).Select(m => m.Id).ToList(), cancellationToken)).Contains(message.Id)) continue;
                try
                {
                    if (message.Kind == OutboxKind.Email)
                    {
                        if (connectError is not null) throw connectError;
                        if (session is null)
                        {
                            try
                            {
                                session = await transport.OpenAsync(cancellationToken);
                            }
                            catch (Exception e) when (e is not OperationCanceledException)
                            {
                                connectError = e;
                                throw;
                            }
                        }
                        await session.SendAsync(MimeMessageFactory.Create(message), cancellationToken);
                    }
                    else
                    {
                        await webhooks.SendAsync(message, cancellationToken);
                    }
                    MarkSent(message);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    RecordFailure(message, e);
                }
                // Recorded even when the site is stopping: a sent mail marked sent is a mail not sent twice.
                await RecordAsync(message);
            }
        }
        finally
        {
            if (session is not null) await session.DisposeAsync();
        }
        return claimed.Count;
    }

    /// <summary>Keeps the claims on what this batch has yet to send.</summary>
    /// <returns>The messages still pending, so still to be sent.</returns>
    private Task<List<long>> RenewClaimsAsync(List<long> ids, CancellationToken cancellationToken) =>
        writer.WriteAsync(Actor.System, async write =>
        {
            await write.Db.OutboxMessages.Where(m => ids.Contains(m.Id) && m.Status == OutboxStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntilUtc, write.Now + ClaimDuration), cancellationToken);
            return await write.Db.OutboxMessages.Where(m => ids.Contains(m.Id) && m.Status == OutboxStatus.Pending).Select(m => m.Id).ToListAsync(cancellationToken);
        }, cancellationToken);

    private async Task<List<OutboxMessage>> ClaimDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<long> due;
        await using (var db = database.Open())
        {
            due = await db.OutboxMessages
                .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptUtc <= now && (m.LockedUntilUtc == null || m.LockedUntilUtc < now))
                .OrderBy(m => m.Id).Select(m => m.Id).Take(BatchSize).ToListAsync(cancellationToken);
        }
        if (due.Count == 0) return [];
        return await writer.WriteAsync(Actor.System, async write =>
        {
            var claimed = new List<long>();
            foreach (var id in due)
            {
                // Whoever moves the claim forward owns the message; another node's update then matches nothing.
                var won = await write.Db.OutboxMessages
                    .Where(m => m.Id == id && m.Status == OutboxStatus.Pending && (m.LockedUntilUtc == null || m.LockedUntilUtc < write.Now))
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntilUtc, write.Now + ClaimDuration), cancellationToken);
                if (won == 1) claimed.Add(id);
            }
            return await write.Db.OutboxMessages.AsNoTracking().Where(m => claimed.Contains(m.Id)).OrderBy(m => m.Id).ToListAsync(cancellationToken);
        }, cancellationToken);
    }

    /// <summary>
    /// Writes the outcome of one attempt, only its own columns and only while the message is still pending: a
    /// message blanked meanwhile (the person withdrew or was erased) stays blank.
    /// </summary>
    private Task RecordAsync(OutboxMessage message) =>
        writer.WriteAsync(Actor.System, async write =>
        {
            // Done with, either way: delivered, or never to be (an undeliverable answer to an access request holds as much).
            var forget = message.ForgetWhenSent && message.Status is OutboxStatus.Sent or OutboxStatus.Failed;
            var updated = await write.Db.OutboxMessages.Where(m => m.Id == message.Id && m.Status == OutboxStatus.Pending).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, message.Status)
                .SetProperty(m => m.Attempts, message.Attempts)
                .SetProperty(m => m.SentUtc, message.SentUtc)
                .SetProperty(m => m.NextAttemptUtc, message.NextAttemptUtc)
                .SetProperty(m => m.LockedUntilUtc, (DateTime?)null)
                .SetProperty(m => m.LastError, message.LastError), CancellationToken.None);
            if (forget) await MailTraces.ForgetMessagesAsync(write, [message.Id], CancellationToken.None);
            // Blanked while it was being sent (the person withdrew or was erased that moment): the copy just
            // written to the pickup folder goes too.
            else if (updated == 0 && message.Status == OutboxStatus.Sent) write.Raise(new MailForgottenNotification([message.MessageId], []));
        }, CancellationToken.None);

    private void MarkSent(OutboxMessage message)
    {
        message.Attempts++;
        message.Status = OutboxStatus.Sent;
        message.SentUtc = clock.GetUtcNow().UtcDateTime;
        Observability.SiteMetrics.MailsSent.Add(1);
        message.LockedUntilUtc = null;
        message.LastError = "";
    }

    private void RecordFailure(OutboxMessage message, Exception error)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        message.Attempts++;
        message.LockedUntilUtc = null;
        // A server's refusal often quotes the recipient: the address stays with the message, out of the logs.
        message.LastError = Truncate(MailAddresses.Masked($"{error.GetType().Name}: {error.Message}"));
        var permanent = error is OutboxPermanentException or InvalidMailAddressException
                        || (error is SmtpCommandException smtp && (int)smtp.StatusCode >= 500 && message.Attempts >= OutboxRetryPolicy.MaxPermanentFailures);
        var final = permanent || now - message.CreatedUtc > OutboxRetryPolicy.GiveUpAfter;
        Observability.SiteMetrics.MailFailures.Add(1, new KeyValuePair<string, object?>("final", final));
        if (final)
        {
            message.Status = OutboxStatus.Failed;
            logger.LogError("Outbox message {Id} ({Source}) failed for good after {Attempts} attempts: {Error}",
                message.Id, message.Source, message.Attempts, message.LastError);
            return;
        }
        message.NextAttemptUtc = now + OutboxRetryPolicy.Delay(message.Attempts);
        logger.LogWarning("Outbox message {Id} ({Source}) attempt {Attempts} failed, next try at {Next:O}: {Error}",
            message.Id, message.Source, message.Attempts, message.NextAttemptUtc, message.LastError);
    }

    /// <summary>Errors are for people reading the back office; a stack of nested messages is cut short.</summary>
    private const int MaxErrorLength = 1000;

    private static string Truncate(string value) => value.Length <= MaxErrorLength ? value : value[..MaxErrorLength];
}
