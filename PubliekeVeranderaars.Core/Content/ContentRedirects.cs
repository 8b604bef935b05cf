using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Content;

/// <summary>A page that gets a new address (renamed, moved) keeps its old one as a 301, so links elsewhere keep working.</summary>
internal static class ContentRedirects
{
    /// <summary>
    /// Records the old address when the page's address changes with this operation; the new one is computed from the
    /// published tree as it will be, so the operation needs no rebuilt cache in between.
    /// </summary>
    public static async Task KeepOldAddressAsync(SiteWrite write, PublishedSnapshot snapshot, ContentNode node, Guid? newParentKey,
        string newSegment, CancellationToken ct)
    {
        var oldRoute = snapshot.ByKey(node.Key)?.Route;
        if (oldRoute is null or "/") return;
        var newRoute = RouteAfter(snapshot, node, newParentKey, newSegment);
        if (newRoute is null || newRoute == oldRoute) return;
        await write.Db.RedirectUrls.Where(r => r.Route == oldRoute).ExecuteDeleteAsync(ct);
        write.Db.RedirectUrls.Add(new RedirectUrl { Route = oldRoute, NodeKey = node.Key, CreatedUtc = write.Now });
    }

    /// <summary>Umbraco's routing: the home is "/", other roots and children get their segment under the parent's route.</summary>
    private static string? RouteAfter(PublishedSnapshot snapshot, ContentNode node, Guid? parentKey, string segment)
    {
        if (parentKey is null) return snapshot.Home?.Key == node.Key ? "/" : "/" + segment + "/";
        return snapshot.ByKey(parentKey.Value) is { } parent ? parent.Route + segment + "/" : null;
    }
}
