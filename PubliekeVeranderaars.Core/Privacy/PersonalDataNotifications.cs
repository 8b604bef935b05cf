using Microsoft.Extensions.Logging;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Privacy;

/// <summary>Personal data was deleted (withdrawn, erased, or past its retention): its copies in the database files go too.</summary>
public sealed record PersonalDataDeletedNotification : SiteNotification;

public sealed class ScrubDatabaseWhenPersonalDataIsDeleted(SiteDatabase database, ILogger<ScrubDatabaseWhenPersonalDataIsDeleted> logger)
    : SiteNotificationHandler<PersonalDataDeletedNotification>
{
    protected override async Task<string?> HandleAsync(PersonalDataDeletedNotification notification, CancellationToken cancellationToken)
    {
        // Said out loud: an operator should know that deleted rows may still sit in the write-ahead log for a while
        // (until the next deletion scrubs it, or SQLite's own checkpoint overwrites it).
        if (!await database.ScrubDeletedAsync(cancellationToken))
            logger.LogWarning("Deleted personal data may stay in the SQLite write-ahead log until the next scrub: readers kept it busy");
        return null;
    }
}
