using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Content;

/// <summary>Where pages stand: moving, ordering, the recycle bin. Each operation is one unit of the write path.</summary>
public sealed class ContentTreeService(SiteWriter writer, PublishedContentCache cache)
{
    /// <summary>
    /// Moves a page, with everything below it, under another page that allows its type; last among its new siblings.
    /// </summary>
    public Task<ContentOperationResult> MoveAsync(Guid key, Guid newParentKey, Actor actor, CancellationToken ct = default) =>
        writer.WriteAsync(actor, async write =>
        {
            var all = await write.Db.ContentNodes.ToListAsync(ct);
            var node = all.FirstOrDefault(n => n.Key == key);
            var parent = all.FirstOrDefault(n => n.Key == newParentKey);
            if (node is null || parent is null) return ContentEditingService.Refuse(write, ContentOperationResult.NotFound());
            var types = await ContentEditingService.TypesAsync(write.Db, ct);
            if (ContentStructure.WhyNotMove(node, parent, all, types) is { } whyNot)
                return ContentEditingService.Refuse(write, new ContentValidationError("", whyNot));
            var moving = ContentStructure.Subtree(key, all);
            if (await write.AskAsync(new ContentChangingNotification(ContentOperation.Move, key, write.Actor), ct) is { } refused)
                return ContentEditingService.Refuse(write, new ContentValidationError("", refused));
            await ContentRedirects.KeepOldAddressAsync(write, cache.Current, node, parent.Key, node.UrlSegment, ct);
            node.ParentKey = parent.Key;
            node.SortOrder = all.Where(n => n.ParentKey == parent.Key && n.Key != key).Select(n => n.SortOrder).DefaultIfEmpty(-1).Max() + 1;
            var shift = parent.Level + 1 - node.Level;
            foreach (var n in all.Where(n => moving.Contains(n.Key))) n.Level += shift;
            node.UpdateDate = write.Now;
            write.Audit(AuditActions.Move, node.AuditTarget, $"naar {parent.AuditTarget}");
            write.Raise(new ContentChangedNotification(ContentOperation.Move, PublishedTreeChanged: true));
            return ContentOperationResult.Ok(node);
        }, ct);

    /// <summary>Swaps a page with its previous (-1) or next (+1) sibling: the order of menus and lists.</summary>
    public Task<ContentOperationResult> SortAsync(Guid key, int direction, Actor actor, CancellationToken ct = default) =>
        writer.WriteAsync(actor, async write =>
        {
            var node = await write.Db.ContentNodes.FindAsync([key], ct);
            if (node is null) return ContentEditingService.Refuse(write, ContentOperationResult.NotFound());
            var siblings = await write.Db.ContentNodes.Where(n => n.ParentKey == node.ParentKey && !n.Trashed).OrderBy(n => n.SortOrder).ToListAsync(ct);
            var index = siblings.FindIndex(n => n.Key == key);
            var other = index + Math.Sign(direction);
            if (other < 0 || other >= siblings.Count) return ContentEditingService.Refuse(write, ContentOperationResult.Ok(node));
            if (await write.AskAsync(new ContentChangingNotification(ContentOperation.Sort, key, write.Actor), ct) is { } refused)
                return ContentEditingService.Refuse(write, new ContentValidationError("", refused));
            // Renumber first, so equal sort orders from an import cannot make the swap a no-op.
            for (var i = 0; i < siblings.Count; i++) siblings[i].SortOrder = i;
            (siblings[index].SortOrder, siblings[other].SortOrder) = (siblings[other].SortOrder, siblings[index].SortOrder);
            write.Audit(AuditActions.Sort, node.AuditTarget, direction < 0 ? "eerder" : "later");
            write.Raise(new ContentChangedNotification(ContentOperation.Sort, PublishedTreeChanged: true));
            return ContentOperationResult.Ok(node);
        }, ct);

    /// <summary>
    /// Puts a parent's pages in the given order (dragged into place, or a list sorted by hand). The order must name
    /// exactly the pages that are there: a page added or removed meanwhile makes the request stale, and it is refused.
    /// </summary>
    public Task<ContentOperationResult> ReorderAsync(Guid parentKey, IReadOnlyList<Guid> order, Actor actor, CancellationToken ct = default) =>
        writer.WriteAsync(actor, async write =>
        {
            var parent = await write.Db.ContentNodes.FindAsync([parentKey], ct);
            if (parent is null) return ContentEditingService.Refuse(write, ContentOperationResult.NotFound());
            var children = await write.Db.ContentNodes.Where(n => n.ParentKey == parentKey && !n.Trashed).ToListAsync(ct);
            if (order.Count != children.Count || !children.Select(c => c.Key).ToHashSet().SetEquals(order))
                return ContentEditingService.Refuse(write, new ContentValidationError("", "De lijst is intussen veranderd. Laad de pagina opnieuw en zet de volgorde nog eens."));
            if (await write.AskAsync(new ContentChangingNotification(ContentOperation.Sort, parentKey, write.Actor), ct) is { } refused)
                return ContentEditingService.Refuse(write, new ContentValidationError("", refused));
            var position = order.Select((key, index) => (key, index)).ToDictionary(p => p.key, p => p.index);
            foreach (var child in children) child.SortOrder = position[child.Key];
            write.Audit(AuditActions.Sort, parent.AuditTarget, "nieuwe volgorde van de pagina's eronder");
            write.Raise(new ContentChangedNotification(ContentOperation.Sort, PublishedTreeChanged: true));
            return ContentOperationResult.Ok(parent);
        }, ct);

    /// <summary>
    /// Deletes a page from the recycle bin for good, with everything below it: its versions, old addresses and shared
    /// preview links. Sign-ups sent from it stay, with their own retention.
    /// </summary>
    public Task<ContentOperationResult> DeleteForGoodAsync(Guid key, Actor actor, CancellationToken ct = default) =>
        writer.WriteAsync(actor, async write =>
        {
            var nodes = await write.Db.ContentNodes.ToListAsync(ct);
            var node = nodes.FirstOrDefault(n => n.Key == key);
            if (node is null) return ContentEditingService.Refuse(write, ContentOperationResult.NotFound());
            if (!InBin(node, nodes))
                return ContentEditingService.Refuse(write, new ContentValidationError("", "Alleen wat in de prullenbak staat, kan definitief weg."));
            // Every page that goes is asked about, as when the bin is emptied: a page kept by a rule is not lost with its parent.
            var subtree = Subtree(node, nodes).ToList();
            foreach (var page in subtree)
            {
                if (await write.AskAsync(new ContentChangingNotification(ContentOperation.Delete, page.Key, write.Actor), ct) is { } refused)
                    return ContentEditingService.Refuse(write, new ContentValidationError("", refused));
            }
            var count = await DeleteAsync(write, subtree, ct);
            write.Audit(AuditActions.DeletePermanently, node.AuditTarget, DutchFormat.Count(count, "pagina", "pagina's"));
            write.Raise(new ContentChangedNotification(ContentOperation.Delete, PublishedTreeChanged: false));
            return ContentOperationResult.Ok(node);
        }, ct);

    /// <summary>Deletes everything in the recycle bin for good, or nothing when a handler refuses any page in it.</summary>
    public Task<ContentBinEmptied> EmptyBinAsync(Actor actor, CancellationToken ct = default) =>
        writer.WriteAsync(actor, async write =>
        {
            var nodes = await write.Db.ContentNodes.ToListAsync(ct);
            var binned = nodes.Where(n => InBin(n, nodes)).ToList();
            foreach (var node in binned)
            {
                if (await write.AskAsync(new ContentChangingNotification(ContentOperation.Delete, node.Key, write.Actor), ct) is { } refused)
                {
                    write.Abandon();
                    return new ContentBinEmptied(0, refused);
                }
            }
            if (binned.Count == 0)
            {
                write.Abandon();
                return new ContentBinEmptied(0, null);
            }
            var count = await DeleteAsync(write, binned, ct);
            write.Audit(AuditActions.DeletePermanently, "prullenbak", $"geleegd: {DutchFormat.Count(count, "pagina", "pagina's")}");
            write.Raise(new ContentChangedNotification(ContentOperation.Delete, PublishedTreeChanged: false));
            return new ContentBinEmptied(count, null);
        }, ct);

    /// <summary>In the bin: trashed itself, or below a trashed page.</summary>
    private static bool InBin(ContentNode node, IReadOnlyList<ContentNode> nodes)
    {
        for (var n = node; n is not null; n = n.ParentKey is { } p ? nodes.FirstOrDefault(x => x.Key == p) : null)
            if (n.Trashed) return true;
        return false;
    }

    private static IEnumerable<ContentNode> Subtree(ContentNode root, IReadOnlyList<ContentNode> nodes)
    {
        yield return root;
        foreach (var child in nodes.Where(n => n.ParentKey == root.Key))
            foreach (var below in Subtree(child, nodes)) yield return below;
    }

    private static async Task<int> DeleteAsync(SiteWrite write, IReadOnlyList<ContentNode> nodes, CancellationToken ct)
    {
        var keys = nodes.Select(n => n.Key).ToList();
        await write.Db.ContentVersions.Where(v => keys.Contains(v.NodeKey)).ExecuteDeleteAsync(ct);
        await write.Db.RedirectUrls.Where(r => keys.Contains(r.NodeKey)).ExecuteDeleteAsync(ct);
        await write.Db.ContentPreviewLinks.Where(l => keys.Contains(l.NodeKey)).ExecuteDeleteAsync(ct);
        await write.Db.FormEntryVisits.Where(v => keys.Contains(v.PageKey)).ExecuteDeleteAsync(ct);
        write.Db.ContentNodes.RemoveRange(nodes);
        // The deletion travels with the next uSync export, as uSync's delete markers do.
        await write.Db.USyncRawItems.Where(i => i.Folder == Sync.USyncFolders.Content && keys.Contains(i.Key)).ExecuteDeleteAsync(ct);
        write.Db.USyncRawItems.AddRange(nodes.Select(Sync.USyncDeleteMarkers.ForPage));
        return nodes.Count;
    }

    /// <summary>
    /// Moves a page and everything below it to the recycle bin: off the site at once, nothing deleted, restorable.
    /// The home page stays: without it there is no site.
    /// </summary>
    public Task<ContentOperationResult> TrashAsync(Guid key, Actor actor, CancellationToken ct = default) =>
        writer.WriteAsync(actor, async write =>
        {
            var node = await write.Db.ContentNodes.FindAsync([key], ct);
            if (node is null) return ContentEditingService.Refuse(write, ContentOperationResult.NotFound());
            if (node.ParentKey is null)
                return ContentEditingService.Refuse(write, new ContentValidationError("", "De startpagina kan niet naar de prullenbak."));
            if (await write.AskAsync(new ContentChangingNotification(ContentOperation.Trash, key, write.Actor), ct) is { } refused)
                return ContentEditingService.Refuse(write, new ContentValidationError("", refused));
            node.Trashed = true;
            node.UpdateDate = write.Now;
            write.Audit(AuditActions.Delete, node.AuditTarget, "naar de prullenbak");
            write.Raise(new ContentChangedNotification(ContentOperation.Trash, PublishedTreeChanged: true));
            return ContentOperationResult.Ok(node);
        }, ct);

    /// <summary>Takes a page out of the recycle bin; it is live again if it was published.</summary>
    public Task<ContentOperationResult> RestoreAsync(Guid key, Actor actor, CancellationToken ct = default) =>
        writer.WriteAsync(actor, async write =>
        {
            var node = await write.Db.ContentNodes.FindAsync([key], ct);
            if (node is null || !node.Trashed) return ContentEditingService.Refuse(write, ContentOperationResult.NotFound());
            if (await write.AskAsync(new ContentChangingNotification(ContentOperation.Restore, key, write.Actor), ct) is { } refused)
                return ContentEditingService.Refuse(write, new ContentValidationError("", refused));
            node.Trashed = false;
            node.UpdateDate = write.Now;
            write.Audit(AuditActions.Restore, node.AuditTarget, "uit de prullenbak");
            write.Raise(new ContentChangedNotification(ContentOperation.Restore, PublishedTreeChanged: true));
            return ContentOperationResult.Ok(node);
        }, ct);
}

/// <param name="Deleted">How many pages were deleted for good.</param>
/// <param name="Refused">Why nothing was deleted, when a handler refused (in Dutch).</param>
public sealed record ContentBinEmptied(int Deleted, string? Refused);
