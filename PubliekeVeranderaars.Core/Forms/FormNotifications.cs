using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Forms;

/// <summary>Form definitions were added, changed or removed (an import).</summary>
public sealed record FormsChangedNotification : SiteNotification;

/// <summary>Pages render their forms from memory; after a change the definitions are read again.</summary>
public sealed class RefreshFormDefinitionsWhenFormsChange(FormDefinitionStore store) : SiteNotificationHandler<FormsChangedNotification>
{
    protected override async Task<string?> HandleAsync(FormsChangedNotification notification, CancellationToken cancellationToken)
    {
        await store.RefreshAsync(cancellationToken);
        return null;
    }
}
