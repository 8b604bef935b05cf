using Lucene.Net.Store;
using Microsoft.Extensions.Logging;
using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Core.Search;

/// <summary>
/// Site search over the published cache: keeps <see cref="ContentSearchIndex"/> in step with every new snapshot
/// (a publish or unpublish is findable, or gone, when the publish returns) and heals the index when it turns out damaged.
/// </summary>
public sealed class ContentSearch(PublishedContentCache cache, ContentSearchIndex index, ILogger<ContentSearch> logger)
{
    private readonly object _gate = new();
    private volatile bool _behind;

    /// <summary>True when the last snapshot could not be written to the index yet (another process held it).</summary>
    public bool IsBehind => _behind;

    /// <summary>Opens (or rebuilds) the index from the current snapshot and follows every snapshot after it.</summary>
    public void Start()
    {
        lock (_gate) index.Open(cache.Current.All);
        cache.Rebuilt += _ => Synchronize();
    }

    /// <summary>Retries writing the latest snapshot to the index if an earlier attempt could not.</summary>
    public void CatchUp()
    {
        if (_behind) Synchronize();
    }

    /// <summary>How the index compares with what is published, for the back office.</summary>
    public ContentSearchStatus Status() =>
        new(index.Path, index.Count, cache.Current.All.Count(), _behind, index.LastRebuilt);

    /// <summary>Writes the index anew from the published pages (after a schema change, or to be sure).</summary>
    /// <returns>The number of pages indexed.</returns>
    public int Rebuild()
    {
        lock (_gate)
        {
            var count = index.Rebuild(cache.Current.All);
            _behind = false;
            return count;
        }
    }

    public ContentSearchResults Search(SearchQueryText query, int page)
    {
        try
        {
            return index.Search(query, page);
        }
        catch (Exception e) when (ContentSearchIndex.IsDamage(e))
        {
            logger.LogError(e, "The search index is damaged; rebuilding it from the published cache");
            lock (_gate) index.Recover(cache.Current.All);
            return index.Search(query, page);
        }
    }

    private void Synchronize()
    {
        // Always the newest snapshot, read under the lock: two publishes in quick succession can raise their events
        // in either order, and the index must end at the later one.
        lock (_gate)
        {
            try
            {
                index.Synchronize(cache.Current.All);
                _behind = false;
            }
            catch (LockObtainFailedException e)
            {
                _behind = true;
                logger.LogWarning(e, "The search index is locked by another process; the change is written as soon as it is free");
            }
            catch (Exception e) when (ContentSearchIndex.IsDamage(e))
            {
                logger.LogError(e, "The search index is damaged; rebuilding it from the published cache");
                index.Recover(cache.Current.All);
                _behind = false;
            }
        }
    }
}

/// <param name="IsBehind">A change could not be written yet because another process held the index.</param>
public sealed record ContentSearchStatus(string Path, int IndexedPages, int PublishedPages, bool IsBehind, DateTimeOffset? LastRebuilt)
{
    public bool IsCurrent => !IsBehind && IndexedPages == PublishedPages;
}
