using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Privacy;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Signatures;

/// <summary>Deletes signatures nobody confirmed within 14 days, with their personal data, as the privacy page says.</summary>
public sealed class SignatureExpiry(SiteWriter writer, ILogger<SignatureExpiry> logger)
{
    public static readonly TimeSpan PendingLifetime = TimeSpan.FromDays(14);

    public Task<int> DeleteExpiredAsync(CancellationToken cancellationToken = default) =>
        writer.WriteAsync(Actor.System, async write =>
        {
            var cutoff = write.Now - PendingLifetime;
            var expired = write.Db.Signatures.Where(s => s.Status == SignatureStatus.Pending && s.CreatedUtc < cutoff);
            await write.Db.SignatureTokens.Where(t => expired.Any(s => s.Key == t.SignatureKey)).ExecuteDeleteAsync(cancellationToken);
            var deleted = await expired.ExecuteDeleteAsync(cancellationToken);
            if (deleted == 0)
            {
                write.Abandon();
                return 0;
            }
            logger.LogInformation("Deleted {Count} unconfirmed signatures older than {Days} days", deleted, PendingLifetime.Days);
            write.Audit(AuditActions.DeleteExpired, "ondertekeningen",
                $"{DutchFormat.Count(deleted, "onbevestigde ondertekening", "onbevestigde ondertekeningen")} ouder dan {DutchFormat.Duration(PendingLifetime)}");
            write.Raise(new SignaturesChangedNotification());
            write.Raise(new PersonalDataDeletedNotification());
            return deleted;
        }, cancellationToken);
}
