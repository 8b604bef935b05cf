using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Content;

/// <summary>What an editor (or the schedule, or an import) does to content: the names of the write path's operations.</summary>
public enum ContentOperation
{
    Create,
    Save,
    SendForPublishing,
    Publish,
    Unpublish,
    Schedule,
    Move,
    Sort,
    Trash,
    Restore,
    /// <summary>Deleted for good from the recycle bin (one page, or the bin emptied: asked once per page in it).</summary>
    Delete,
    Rollback,
    Import,
    /// <summary>A media item changed: pages that show it render it anew.</summary>
    MediaChange,
}

/// <summary>
/// Before a content operation changes anything (Umbraco's <c>ContentPublishingNotification</c> and friends): a handler
/// may refuse it with a reason, and then nothing is written.
/// </summary>
public sealed record ContentChangingNotification(ContentOperation Operation, Guid Key, Actor Actor) : ICancellableNotification;

/// <summary>After a content operation committed. <paramref name="PublishedTreeChanged"/>: what visitors see may differ now.</summary>
public sealed record ContentChangedNotification(ContentOperation Operation, bool PublishedTreeChanged) : SiteNotification
{
    /// <summary>
    /// The change journal's line the write added for it (set as the write completes; null when the tree did not
    /// change): this node's cache tells its own change from other nodes' by it.
    /// </summary>
    public ContentChange? JournalLine { get; internal set; }

    /// <summary>The one page the operation gave a new live version, when that is all it changed (a publish).</summary>
    public Guid? Page { get; init; }

    /// <summary>
    /// Operations that only publish, unpublish or move pages and never change a stored version where it is (an import
    /// cleans versions in place, a repair or an erasure rewrites them): after these the cache may build only what moved.
    /// </summary>
    public bool LeavesVersionsAsTheyWere => Operation is ContentOperation.Publish or ContentOperation.Unpublish
        or ContentOperation.Move or ContentOperation.Sort or ContentOperation.Trash or ContentOperation.Restore;
}

/// <summary>Every web node's published cache follows the database: this one at once, the others through the change journal.</summary>
public sealed class RebuildPublishedCacheWhenContentChanges(PublishedContentCache cache) : SiteNotificationHandler<ContentChangedNotification>
{
    protected override async Task<string?> HandleAsync(ContentChangedNotification notification, CancellationToken cancellationToken)
    {
        if (!notification.PublishedTreeChanged) return null;
        if (notification is { LeavesVersionsAsTheyWere: true, JournalLine: { } line }) await cache.RefreshAsync(line, cancellationToken);
        else await cache.RebuildAsync(cancellationToken);
        return null;
    }
}
