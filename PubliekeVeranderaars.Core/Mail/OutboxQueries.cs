using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Mail;

/// <summary>Mail that is not getting through, for the back office: the list, the count, and "try again".</summary>
public sealed class OutboxQueries(SiteDatabase database, SiteWriter writer)
{
    /// <summary>Enough for a screen; a longer list means the mail server is down, which the first rows already say.</summary>
    private const int MaxRows = 200;

    /// <summary>Failed for good, or still being retried after a failure; newest first.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> TroubleAsync(CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Failed || (m.Status == OutboxStatus.Pending && m.Attempts > 0))
            .OrderByDescending(m => m.Id).Take(MaxRows).ToListAsync(ct);
    }

    /// <summary>How many messages wait, and since when the oldest: what readiness and the metrics report.</summary>
    public async Task<Observability.OutboxState> StateAsync(CancellationToken ct = default)
    {
        await using var db = database.Open();
        var pending = db.OutboxMessages.Where(m => m.Status == OutboxStatus.Pending);
        var count = await pending.LongCountAsync(ct);
        var oldest = count == 0 ? null : await pending.MinAsync(m => (DateTime?)m.CreatedUtc, ct);
        return new Observability.OutboxState(count, oldest is { } at ? DateTime.UtcNow - at : TimeSpan.Zero);
    }

    public async Task<int> FailedCountAsync(CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Failed, ct);
    }

    /// <summary>Puts a failed message back in the queue, as if new (its give-up time counts from now).</summary>
    /// <returns>False when there is no failed message with this id.</returns>
    public Task<bool> RetryAsync(long id, Actor actor, CancellationToken ct = default) =>
        writer.WriteAsync(actor, async write =>
        {
            // A blanked message (its person erased, withdrawn or unsubscribed) has nobody left to send it to.
            var updated = await write.Db.OutboxMessages.Where(m => m.Id == id && m.Status == OutboxStatus.Failed && m.ToAddress != MailTraces.Blanked)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Pending)
                    .SetProperty(m => m.NextAttemptUtc, write.Now).SetProperty(m => m.CreatedUtc, write.Now), ct);
            if (updated == 0)
            {
                write.Abandon();
                return false;
            }
            write.Audit(AuditActions.RetryMail, $"mail {id}");
            write.Raise(new MailQueuedNotification());
            return true;
        }, ct);
}
