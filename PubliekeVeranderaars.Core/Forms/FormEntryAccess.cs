using System.Security.Claims;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Initiatives;

namespace PubliekeVeranderaars.Core.Forms;

/// <summary>
/// Which entries a back-office user may see: editors and administrators all of them; an initiative's owner only
/// those sent from the initiatives they own.
/// </summary>
public sealed record FormEntryAccess(IReadOnlySet<Guid>? Pages, bool MayDelete)
{
    public bool SeesAll => Pages is null;

    public bool MaySee(FormEntry entry) => Pages is null || entry.PageKey is { } page && Pages.Contains(page);

    public static FormEntryAccess For(ClaimsPrincipal user, PublishedSnapshot snapshot) =>
        BackofficeRoles.MayPublish(user)
            ? new FormEntryAccess(null, MayDelete: true)
            : new FormEntryAccess(InitiativeOwnership.OwnedBy(snapshot, user.Identity?.Name ?? ""), MayDelete: false);
}
