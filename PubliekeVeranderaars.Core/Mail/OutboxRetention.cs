using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Privacy;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Mail;

/// <summary>
/// Mails hold personal data (names, addresses, what people wrote): once delivered they are kept only long enough to
/// answer "did my mail arrive?", and undeliverable ones long enough for staff to retry. Then they are deleted, with
/// the .eml copies of the pickup folder.
/// </summary>
public sealed class OutboxRetention(SiteWriter writer, MailOptions mail, TimeProvider clock, ILogger<OutboxRetention> logger)
{
    public static readonly TimeSpan SentLifetime = TimeSpan.FromDays(30);
    public static readonly TimeSpan FailedLifetime = TimeSpan.FromDays(90);

    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var sentBefore = now - SentLifetime;
        var failedBefore = now - FailedLifetime;
        var deleted = await writer.WriteAsync(Actor.System, async write =>
        {
            var count = await write.Db.OutboxMessages
                .Where(m => (m.Status == OutboxStatus.Sent && m.SentUtc < sentBefore) || (m.Status == OutboxStatus.Failed && m.CreatedUtc < failedBefore)
                    || (m.Status == OutboxStatus.Cancelled && m.CreatedUtc < sentBefore))
                .ExecuteDeleteAsync(cancellationToken);
            if (count == 0) write.Abandon();
            else
            {
                write.Audit(AuditActions.DeleteExpired, "mails", DutchFormat.Count(count, "oude mail", "oude mails"));
                write.Raise(new PersonalDataDeletedNotification());
            }
            return count;
        }, cancellationToken);
        var files = 0;
        if (Directory.Exists(mail.PickupDirectory))
        {
            foreach (var file in Directory.EnumerateFiles(mail.PickupDirectory, "*.eml"))
            {
                if (File.GetLastWriteTimeUtc(file) >= sentBefore) continue;
                File.Delete(file);
                files++;
            }
        }
        if (deleted + files > 0)
            logger.LogInformation("Deleted {Messages} old outbox messages and {Files} mail files", deleted, files);
        return deleted + files;
    }
}
