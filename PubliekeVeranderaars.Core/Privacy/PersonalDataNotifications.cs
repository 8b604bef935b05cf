using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Privacy;

/// <summary>Personal data was deleted (withdrawn, erased, or past its retention): its copies in the database files go too.</summary>
public sealed record PersonalDataDeletedNotification : SiteNotification;

public sealed class ScrubDatabaseWhenPersonalDataIsDeleted(SiteDatabase database) : SiteNotificationHandler<PersonalDataDeletedNotification>
{
    protected override async Task<string?> HandleAsync(PersonalDataDeletedNotification notification, CancellationToken cancellationToken)
    {
        await database.ScrubDeletedAsync(cancellationToken);
        return null;
    }
}
