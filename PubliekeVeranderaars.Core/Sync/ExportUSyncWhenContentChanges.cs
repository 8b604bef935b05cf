using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Sync;

/// <summary>
/// With export on save (<c>uSync:ExportOnSave</c>) the uSync folder follows every change staff make, ready for
/// version control. Imports are left out: they came from files.
/// </summary>
/// <param name="enabled">The setting; off, this handler does nothing.</param>
public sealed class ExportUSyncWhenContentChanges(USyncExportService export, string folder, bool enabled) : SiteNotificationHandler<ContentChangedNotification>
{
    protected override async Task<string?> HandleAsync(ContentChangedNotification notification, CancellationToken cancellationToken)
    {
        if (enabled && notification.Operation != ContentOperation.Import) await export.ExportAsync(folder, cancellationToken: cancellationToken);
        return null;
    }
}
