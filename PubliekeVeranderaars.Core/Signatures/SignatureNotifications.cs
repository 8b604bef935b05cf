using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Signatures;

/// <summary>The count or the public list may differ now: a confirmation, a withdrawal, an expiry.</summary>
public sealed record SignaturesChangedNotification : SiteNotification;

/// <summary>The count read from memory is exact: the next read counts again in the database.</summary>
public sealed class RecountSignaturesWhenSignaturesChange(SignatureCounter counter) : SiteNotificationHandler<SignaturesChangedNotification>
{
    protected override Task<string?> HandleAsync(SignaturesChangedNotification notification, CancellationToken cancellationToken)
    {
        counter.Invalidate();
        return Task.FromResult<string?>(null);
    }
}
