using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Content;

/// <summary>
/// Holds the current <see cref="PublishedSnapshot"/>. Built at start-up and after every change to what is published
/// (<see cref="RebuildPublishedCacheWhenContentChanges"/>; other nodes' changes through the change journal); reading
/// it is a field read, so serving a page never touches the database.
/// </summary>
public sealed class PublishedContentCache(SiteDatabase database, RichTextSanitizer sanitizer, TimeProvider clock)
{
    private volatile PublishedSnapshot _current = PublishedSnapshot.Empty;
    private readonly SemaphoreSlim _rebuildLock = new(1, 1);
    private long _generation;
    private long _lastChangeSeen = -1;
    private readonly RichTextSanitizeMemo _richText = new(sanitizer);

    public PublishedSnapshot Current => _current;

    /// <summary>Raised after a new snapshot is in place (output caches and search indexes follow it).</summary>
    public event Action<PublishedSnapshot>? Rebuilt;

    /// <summary>
    /// The tree as it would be if every page's newest version were published (drafts included, the recycle bin not):
    /// for previews. Built per request, never cached, never served to visitors.
    /// </summary>
    public async Task<PublishedSnapshot> BuildPreviewAsync(CancellationToken cancellationToken = default)
    {
        await using var db = database.Open();
        var types = await db.DocumentTypes.AsNoTracking().ToDictionaryAsync(t => t.Alias, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var nodes = await db.ContentNodes.AsNoTracking().Where(n => n.LatestVersionId != null && !n.Trashed).ToListAsync(cancellationToken);
        var versions = await db.ContentVersions.AsNoTracking()
            .Where(v => db.ContentNodes.Any(n => n.LatestVersionId == v.Id && !n.Trashed))
            .ToDictionaryAsync(v => v.Id, cancellationToken);
        var sources = nodes.Where(n => versions.ContainsKey(n.LatestVersionId!.Value))
            .Select(n => new PublishedSource(n, versions[n.LatestVersionId!.Value]));
        return PublishedSnapshot.Build(sources, types, sanitizer, clock.GetUtcNow().UtcDateTime, generation: -1, media: await LoadMediaAsync(db, cancellationToken),
            dataTypes: await db.DataTypes.AsNoTracking().ToDictionaryAsync(d => d.Key, cancellationToken));
    }

    /// <summary>The library's items and folders, without the bin.</summary>
    private static async Task<IReadOnlyDictionary<Guid, Media.MediaItem>> LoadMediaAsync(Storage.SiteDbContext db, CancellationToken ct) =>
        await db.MediaItems.AsNoTracking().Where(m => !m.Trashed).ToDictionaryAsync(m => m.Key, ct);

    /// <summary>Rebuilds when another node wrote to the change journal since this node last built its snapshot.</summary>
    /// <returns>Whether a rebuild was needed.</returns>
    public async Task<bool> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        await using var db = database.Open();
        var latest = await db.ContentChanges.MaxAsync(c => (long?)c.Id, cancellationToken) ?? 0;
        if (latest <= Interlocked.Read(ref _lastChangeSeen)) return false;
        // Asked again once it is this poll's turn: the line may be this node's own write, followed meanwhile.
        return await UpdateAsync(journalLine: null, cancellationToken, onlyIfBehind: latest);
    }

    /// <summary>Builds the snapshot anew from everything published: at start, after an import, when another node changed something.</summary>
    public Task RebuildAsync(CancellationToken cancellationToken = default) => UpdateAsync(journalLine: null, cancellationToken);

    /// <summary>
    /// After this node's own write that left every stored version as it was (<see cref="ContentChangedNotification.LeavesVersionsAsTheyWere"/>)
    /// and wrote <paramref name="journalLine"/>: builds only the pages with a new live version when nothing else moved
    /// and no other node wrote since this node last looked, else everything (<see cref="RebuildAsync"/>).
    /// </summary>
    public Task RefreshAsync(ContentChange journalLine, CancellationToken cancellationToken = default) => UpdateAsync(journalLine, cancellationToken);

    private enum Refresh { Done, NothingToDo, NeedsFullBuild }

    /// <param name="onlyIfBehind">A journal line: build only while this node has not read up to it.</param>
    /// <returns>Whether a new snapshot is in place.</returns>
    private async Task<bool> UpdateAsync(ContentChange? journalLine, CancellationToken cancellationToken, long? onlyIfBehind = null)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await _rebuildLock.WaitAsync(cancellationToken);
        try
        {
            if (onlyIfBehind <= Interlocked.Read(ref _lastChangeSeen)) return false;
            await using var db = database.Open();
            var refresh = journalLine is { } line ? await RefreshLockedAsync(db, line, cancellationToken) : Refresh.NeedsFullBuild;
            if (refresh == Refresh.NothingToDo) return false;
            if (refresh == Refresh.NeedsFullBuild) await RebuildLockedAsync(db, cancellationToken);
        }
        finally
        {
            _rebuildLock.Release();
        }
        Observability.SiteMetrics.CacheRebuildDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        Rebuilt?.Invoke(_current);
        return true;
    }

    private async Task RebuildLockedAsync(SiteDbContext db, CancellationToken cancellationToken)
    {
        // Read the journal first: a change written while this rebuild reads is caught by the next poll.
        Interlocked.Exchange(ref _lastChangeSeen, await db.ContentChanges.MaxAsync(c => (long?)c.Id, cancellationToken) ?? 0);
        var types = await db.DocumentTypes.AsNoTracking().ToDictionaryAsync(t => t.Alias, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var nodes = await LiveNodesAsync(db, cancellationToken);
        var versions = await db.ContentVersions.AsNoTracking()
            .Where(v => db.ContentNodes.Any(n => n.PublishedVersionId == v.Id && !n.Trashed))
            .ToDictionaryAsync(v => v.Id, cancellationToken);
        var sources = nodes
            .Where(n => versions.ContainsKey(n.PublishedVersionId!.Value))
            .Select(n => new PublishedSource(n, versions[n.PublishedVersionId!.Value]));
        var redirects = await db.RedirectUrls.AsNoTracking().ToListAsync(cancellationToken);
        var media = await LoadMediaAsync(db, cancellationToken);
        var dataTypes = await db.DataTypes.AsNoTracking().ToDictionaryAsync(d => d.Key, cancellationToken);
        _current = PublishedSnapshot.Build(sources, types, _richText.Sanitize, clock.GetUtcNow().UtcDateTime, ++_generation, redirects, media, dataTypes);
        _richText.BuildCompleted();
    }

    private static Task<List<ContentNode>> LiveNodesAsync(SiteDbContext db, CancellationToken cancellationToken) =>
        db.ContentNodes.AsNoTracking().Where(n => n.PublishedVersionId != null && !n.Trashed).WithoutUSyncShape().ToListAsync(cancellationToken);

    /// <summary>
    /// A publish on a site of 10,000 pages rebuilt all of them (reading every live version again): half a second per
    /// publish. Only the journal tells this node's own change from another node's: another node may have changed a
    /// version where it is (an import, an erasure), which no comparison of nodes would see, so any journal line but
    /// this write's own since this node last looked means a full build.
    /// </summary>
    private async Task<Refresh> RefreshLockedAsync(SiteDbContext db, ContentChange line, CancellationToken cancellationToken)
    {
        var journalLine = line.Id;
        var seen = Interlocked.Read(ref _lastChangeSeen);
        if (seen >= journalLine)
        {
            // A build since the write already read it: only another node's later line is left to follow.
            return await db.ContentChanges.AnyAsync(c => c.Id > seen, cancellationToken) ? Refresh.NeedsFullBuild : Refresh.NothingToDo;
        }
        if (await db.ContentChanges.AnyAsync(c => c.Id > seen && c.Id != journalLine, cancellationToken)) return Refresh.NeedsFullBuild;
        var previous = _current;
        // The write named the pages it published (nothing else changed since this node last looked): only those are read.
        var named = line.Pages?.ToList();
        var nodes = named is not null
            ? await db.ContentNodes.AsNoTracking().Where(n => named.Contains(n.Key)).WithoutUSyncShape().ToListAsync(cancellationToken)
            : await LiveNodesAsync(db, cancellationToken);
        var complete = named is not null ? nodes.Count == named.Count && nodes.All(n => n.IsPublished) : nodes.Count == previous.Count;
        if (!complete) return Refresh.NeedsFullBuild;
        var changed = new List<ContentNode>();
        foreach (var node in nodes)
        {
            if (previous.ByKey(node.Key) is not { } page || !PublishedSnapshot.InPlace(page, node)) return Refresh.NeedsFullBuild;
            if (page.VersionId != node.PublishedVersionId) changed.Add(node);
        }
        var ids = changed.Select(n => n.PublishedVersionId!.Value).ToList();
        var versions = await db.ContentVersions.AsNoTracking().Where(v => ids.Contains(v.Id)).ToDictionaryAsync(v => v.Id, cancellationToken);
        if (versions.Count != ids.Count) return Refresh.NeedsFullBuild;
        var next = previous.WithNewVersions([.. changed.Select(n => new PublishedSource(n, versions[n.PublishedVersionId!.Value]))],
            _richText.Sanitize, clock.GetUtcNow().UtcDateTime, _generation + 1);
        if (next is null) return Refresh.NeedsFullBuild;
        _generation++;
        _current = next;
        _richText.PartialBuildCompleted();
        Interlocked.Exchange(ref _lastChangeSeen, journalLine);
        return Refresh.Done;
    }
}
