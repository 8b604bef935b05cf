using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Signatures;

/// <summary>Deletes signatures nobody confirmed within 14 days, with their personal data, as the privacy page says.</summary>
public sealed class SignatureExpiry(SiteDatabase database, SignatureCounter counter, TimeProvider clock, ILogger<SignatureExpiry> logger)
{
    public static readonly TimeSpan PendingLifetime = TimeSpan.FromDays(14);

    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - PendingLifetime;
        await using var db = database.Open();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var expired = db.Signatures.Where(s => s.Status == SignatureStatus.Pending && s.CreatedUtc < cutoff);
        await db.SignatureTokens.Where(t => expired.Any(s => s.Key == t.SignatureKey)).ExecuteDeleteAsync(cancellationToken);
        var deleted = await expired.ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (deleted > 0)
        {
            counter.Invalidate();
            logger.LogInformation("Deleted {Count} unconfirmed signatures older than {Days} days", deleted, PendingLifetime.Days);
        }
        return deleted;
    }
}
