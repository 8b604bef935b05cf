using Lucene.Net.Store;
using Microsoft.Extensions.Logging;
using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Core.Search;

/// <summary>
/// Site search over the published cache: keeps <see cref="ContentSearchIndex"/> in step with every new snapshot
/// (a publish or unpublish is findable, or gone, when the publish returns) and heals the index when it turns out damaged.
/// </summary>
public sealed class ContentSearch
{
    /// <summary>
    /// A missing index of up to this many pages is built before the site serves its first request (about a second);
    /// a larger one is built in the background while pages are served and the search page says it is being built.
    /// </summary>
    public const int SynchronousBuildLimit = 2000;

    /// <summary>
    /// How long a publish waits to write its pages to the index. Writing takes milliseconds; only a full rebuild holds
    /// the index longer, and then the change is written when it is done (the publish does not wait for it).
    /// </summary>
    private static readonly TimeSpan SynchronizeWait = TimeSpan.FromSeconds(2);

    private readonly PublishedContentCache _cache;
    private readonly ContentSearchIndex _index;
    private readonly ILogger<ContentSearch> _logger;
    private readonly int _synchronousBuildLimit;
    private readonly Func<Action, Task> _runInBackground;
    /// <summary>At most one rebuild after damage per this interval.</summary>
    private static readonly TimeSpan RecoveryInterval = TimeSpan.FromMinutes(1);

    private readonly object _gate = new();
    private long _lastRecovery;
    private volatile bool _behind;
    private volatile SearchIndexBuild? _building;

    public ContentSearch(PublishedContentCache cache, ContentSearchIndex index, ILogger<ContentSearch> logger)
        : this(cache, index, logger, SynchronousBuildLimit, work => Task.Run(work))
    {
    }

    /// <param name="runInBackground">How a large build is started; tests run it when they choose.</param>
    internal ContentSearch(PublishedContentCache cache, ContentSearchIndex index, ILogger<ContentSearch> logger,
        int synchronousBuildLimit, Func<Action, Task> runInBackground)
    {
        _cache = cache;
        _index = index;
        _logger = logger;
        _synchronousBuildLimit = synchronousBuildLimit;
        _runInBackground = runInBackground;
    }

    /// <summary>True when the last snapshot could not be written to the index yet (another process held it).</summary>
    public bool IsBehind => _behind;

    /// <summary>The build of a missing index that runs in the background, while it runs; otherwise null.</summary>
    public SearchIndexBuild? Building => _building;

    /// <summary>The background build, for whoever must wait for it (tests, a clean shutdown).</summary>
    public Task BuildTask { get; private set; } = Task.CompletedTask;

    /// <summary>Opens (or builds) the index from the current snapshot and follows every snapshot after it.</summary>
    public void Start()
    {
        lock (_gate)
        {
            var pages = _cache.Current.All.ToList();
            if (!_index.TryOpen(pages))
            {
                if (pages.Count <= _synchronousBuildLimit) _index.Rebuild(pages);
                else StartBackgroundBuild(pages.Count);
            }
        }
        _cache.Rebuilt += _ => Synchronize();
    }

    private void StartBackgroundBuild(int total)
    {
        var build = new SearchIndexBuild(total);
        _building = build;
        BuildTask = _runInBackground(() =>
        {
            try
            {
                lock (_gate) _index.Rebuild(_cache.Current.All, build);
                _building = null;
                _logger.LogInformation("Search index built in the background: {Count} pages", build.Done);
            }
            catch (Exception e)
            {
                _logger.LogError(e, "Building the search index failed; search stays unavailable until it is rebuilt");
                throw;
            }
            Synchronize(); // publishes made while it was built
        });
    }

    /// <summary>Retries writing the latest snapshot to the index if an earlier attempt could not.</summary>
    public void CatchUp()
    {
        if (_behind && _building is null) Synchronize();
    }

    /// <summary>How the index compares with what is published, for the back office.</summary>
    public ContentSearchStatus Status() =>
        new(_index.Path, _index.Count, _cache.Current.All.Count(), _behind, _index.LastRebuilt, _building);

    /// <summary>Writes the index anew from the published pages (after a schema change, or to be sure).</summary>
    /// <returns>The number of pages indexed.</returns>
    public int Rebuild()
    {
        lock (_gate)
        {
            var count = _index.Rebuild(_cache.Current.All);
            _behind = false;
            return count;
        }
    }

    /// <returns>Results, or <see cref="SearchMatch.IndexBuilding"/> while a missing index is first built.</returns>
    public ContentSearchResults Search(SearchQueryText query, int page)
    {
        if (_building is not null || !_index.IsOpen) return ContentSearchResults.Empty(query, SearchMatch.IndexBuilding);
        try
        {
            return _index.Search(query, page);
        }
        catch (Exception e) when (ContentSearchIndex.IsDamage(e))
        {
            // Damage that comes back at once (a full disk) must not turn every search into a rebuild.
            var now = Environment.TickCount64;
            var last = Interlocked.Read(ref _lastRecovery);
            if (last != 0 && now - last < RecoveryInterval.TotalMilliseconds)
            {
                _logger.LogError(e, "The search index is damaged again; search is unavailable until the next rebuild");
                return ContentSearchResults.Empty(query, SearchMatch.IndexBuilding);
            }
            Interlocked.Exchange(ref _lastRecovery, now);
            _logger.LogError(e, "The search index is damaged; rebuilding it from the published cache");
            lock (_gate) _index.Recover(_cache.Current.All);
            return _index.Search(query, page);
        }
    }

    private void Synchronize()
    {
        // Always the newest snapshot, read under the lock: two publishes in quick succession can raise their events
        // in either order, and the index must end at the later one. During a build the publish does not wait at all.
        if (_building is not null || !Monitor.TryEnter(_gate, SynchronizeWait))
        {
            _behind = true;
            return;
        }
        try
        {
            if (!_index.IsOpen) return;
            _index.Synchronize(_cache.Current.All);
            _behind = false;
        }
        catch (LockObtainFailedException e)
        {
            _behind = true;
            _logger.LogWarning(e, "The search index is locked by another process; the change is written as soon as it is free");
        }
        catch (Exception e) when (ContentSearchIndex.IsDamage(e))
        {
            _logger.LogError(e, "The search index is damaged; rebuilding it from the published cache");
            _index.Recover(_cache.Current.All);
            _behind = false;
        }
        finally
        {
            Monitor.Exit(_gate);
        }
    }
}

/// <summary>Progress of building a missing index in the background, as the search page and back office show it.</summary>
public sealed class SearchIndexBuild(int total) : IProgress<int>
{
    private int _done;

    public int Total { get; } = total;
    public int Done => Volatile.Read(ref _done);

    public void Report(int value) => Volatile.Write(ref _done, value);
}

/// <param name="IsBehind">A change could not be written yet because another process held the index.</param>
/// <param name="Building">Progress of a build in the background, while it runs.</param>
public sealed record ContentSearchStatus(string Path, int IndexedPages, int PublishedPages, bool IsBehind, DateTimeOffset? LastRebuilt,
    SearchIndexBuild? Building)
{
    public bool IsCurrent => !IsBehind && Building is null && IndexedPages == PublishedPages;
}
