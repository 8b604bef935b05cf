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
public sealed record ContentChangedNotification(ContentOperation Operation, bool PublishedTreeChanged) : SiteNotification;

/// <summary>Every web node's published cache follows the database: this one at once, the others through the change journal.</summary>
public sealed class RebuildPublishedCacheWhenContentChanges(PublishedContentCache cache) : SiteNotificationHandler<ContentChangedNotification>
{
    protected override async Task<string?> HandleAsync(ContentChangedNotification notification, CancellationToken cancellationToken)
    {
        if (notification.PublishedTreeChanged) await cache.RebuildAsync(cancellationToken);
        return null;
    }
}
