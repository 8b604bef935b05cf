using System.Collections.Concurrent;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Microsoft.Extensions.Logging;
using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Core.Search;

/// <summary>
/// Site search over the published cache: keeps <see cref="ContentSearchIndex"/> in step with every new snapshot
/// (a publish or unpublish is findable, or gone, when the publish returns), heals the index when it turns out damaged,
/// and answers searches: every word, else words a typo away, else some of the words. The queries come from
/// <see cref="SearchQueryBuilder"/>, the snippets from <see cref="SearchSnippets"/>; the one lock is the index's.
/// </summary>
public sealed class ContentSearch
{
    /// <summary>Results beyond this many are not paged to: nobody reads page 101, and deep pages cost memory.</summary>
    public const int MaxResults = 1000;
    public const int PageSize = ContentSearchIndex.PageSize;

    /// <summary>Searches whose results are kept until the index changes; beyond this many, new searches are not kept.</summary>
    private const int RecentResultsKept = 1000;

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

    private long _lastRecovery;
    private volatile RecentResults _recent = new(-1);
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

    /// <summary>
    /// Opens (or builds) the index from the current snapshot and follows every snapshot after it. A large site's
    /// index is opened as last committed and brought in step in the background: comparing every page with it takes
    /// seconds (each page's text read from its markup, each stamp from the index), and on a restart nothing changed.
    /// </summary>
    public void Start()
    {
        var pages = _cache.Current.All;
        var count = pages.Count();
        if (count <= _synchronousBuildLimit)
        {
            var all = pages.ToList();
            if (!_index.TryOpen(all)) _index.Rebuild(all);
        }
        else if (_index.OpenAsCommitted())
        {
            _behind = true; // until the background pass has compared it with the pages
            BuildTask = _runInBackground(Synchronize);
        }
        else StartBackgroundBuild(count);
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
                _index.Rebuild(() => _cache.Current.All, build);
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
        Observability.SiteMetrics.SearchIndexRebuilds.Add(1);
        var count = _index.Rebuild(() => _cache.Current.All);
        _behind = false;
        return count;
    }

    /// <returns>Results, or <see cref="SearchMatch.IndexBuilding"/> while a missing index is first built.</returns>
    public ContentSearchResults Search(SearchQueryText query, int page)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            return SearchIndex(query, page);
        }
        finally
        {
            Observability.SiteMetrics.SearchDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    /// <summary>Whether the index can answer: open and not being built for the first time (readiness asks).</summary>
    public bool IsAvailable => _building is null && _index.IsOpen;

    private ContentSearchResults SearchIndex(SearchQueryText query, int page)
    {
        if (_building is not null || !_index.IsOpen) return ContentSearchResults.Empty(query, SearchMatch.IndexBuilding);
        try
        {
            return Remembered(query, page);
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
            _index.Recover(() => _cache.Current.All);
            return Remembered(query, page);
        }
    }

    /// <summary>
    /// Visitors ask the same few things again and again ("ambtenaar", "innovatie"), and each search costs
    /// milliseconds of CPU: results are kept per version of the index, which every commit changes, so none is stale.
    /// </summary>
    private ContentSearchResults Remembered(SearchQueryText query, int page) => _index.Read((searcher, version) =>
    {
        var recent = _recent;
        if (recent.Version != version) _recent = recent = new RecentResults(version);
        if (recent.Results.TryGetValue((query.Text, page), out var known)) return known;
        var results = Run(searcher, query, page);
        if (recent.Results.Count < RecentResultsKept) recent.Results.TryAdd((query.Text, page), results);
        return results;
    });

    private ContentSearchResults Run(IndexSearcher searcher, SearchQueryText query, int page)
    {
        var builder = _index.QueryBuilder;
        var parts = builder.Parts(query);
        if (parts.Count == 0) return ContentSearchResults.Empty(query, SearchMatch.NoWords);

        var exact = SearchQueryBuilder.All(parts.Select(p => p.Exact));
        var top = searcher.Search(exact, Window(page));
        if (top.TotalHits > 0) return Results(searcher, query, SearchMatch.AllWords, exact, top, page, suggestion: null);

        var corrections = parts.Select(p => builder.Correct(p, Alternatives(searcher, builder.TypoQuery(p)))).ToList();
        var suggestion = SearchQueryBuilder.Suggestion(query, parts, corrections);
        if (corrections.Any(c => c.Alternatives.Count > 0))
        {
            var similar = SearchQueryBuilder.All(corrections.Select(c => c.Query));
            top = searcher.Search(similar, Window(page));
            if (top.TotalHits > 0) return Results(searcher, query, SearchMatch.SimilarWords, similar, top, page, suggestion);
        }

        if (parts.Count == 1) return ContentSearchResults.Empty(query, SearchMatch.None);
        var some = SearchQueryBuilder.Some(corrections.Select(c => c.Query));
        top = searcher.Search(some, Window(page));
        return top.TotalHits > 0
            ? Results(searcher, query, SearchMatch.SomeWords, some, top, page, suggestion)
            : ContentSearchResults.Empty(query, SearchMatch.None);
    }

    /// <summary>The index's words a typo away from the typed one, likeliest first (then the most common).</summary>
    private static IReadOnlyList<(string Word, float Similarity)> Alternatives(IndexSearcher searcher, FuzzyQuery? typos)
    {
        if (typos is null) return [];
        var typed = typos.Term.Text;
        // One matching term comes back as a term query, several as a boolean query of term queries.
        var rewritten = searcher.Rewrite(typos);
        var expanded = rewritten is BooleanQuery many ? many.Clauses.Select(c => c.Query) : [rewritten];
        return expanded.OfType<TermQuery>().Where(t => t.Term.Text != typed).Select(t => (t.Term.Text, t.Boost))
            .OrderByDescending(a => a.Boost)
            .ThenByDescending(a => searcher.IndexReader.DocFreq(new Term(ContentSearchFields.Words, a.Text)))
            .Select(a => (a.Text, a.Boost)).ToList();
    }

    /// <summary>Only the results up to the requested page are ranked; the total is counted all the same.</summary>
    private static int Window(int page) => Math.Clamp(page, 1, MaxResults / PageSize) * PageSize;

    private ContentSearchResults Results(IndexSearcher searcher, SearchQueryText query, SearchMatch match, Query executed,
        TopDocs top, int page, string? suggestion)
    {
        var reachable = Math.Min(top.TotalHits, MaxResults);
        var pageCount = (reachable + PageSize - 1) / PageSize;
        page = Math.Clamp(page, 1, pageCount);
        var snippet = _index.Snippets.For(executed);
        var hits = new List<ContentSearchHit>(PageSize);
        foreach (var scoreDoc in top.ScoreDocs.Skip((page - 1) * PageSize).Take(PageSize))
        {
            var doc = searcher.Doc(scoreDoc.Doc);
            hits.Add(new ContentSearchHit(Guid.Parse(doc.Get(ContentSearchFields.Key)), doc.Get(ContentSearchFields.Route),
                doc.Get(ContentSearchFields.Name), doc.Get(ContentSearchFields.ContentType), snippet(doc.Get(ContentSearchFields.Body) ?? "")));
        }
        return new ContentSearchResults(query, match, top.TotalHits, page, pageCount, suggestion, hits);
    }

    private void Synchronize()
    {
        // During a build the publish does not wait at all; otherwise briefly, for the index's lock.
        if (_building is not null)
        {
            _behind = true;
            return;
        }
        try
        {
            _behind = !_index.TrySynchronize(() => _cache.Current.All, SynchronizeWait);
        }
        catch (LockObtainFailedException e)
        {
            _behind = true;
            _logger.LogWarning(e, "The search index is locked by another process; the change is written as soon as it is free");
        }
        catch (Exception e) when (ContentSearchIndex.IsDamage(e))
        {
            _logger.LogError(e, "The search index is damaged; rebuilding it from the published cache");
            _index.Recover(() => _cache.Current.All);
            _behind = false;
        }
    }

    /// <summary>Results of recent searches against one version of the index.</summary>
    private sealed class RecentResults(long version)
    {
        public long Version { get; } = version;
        public ConcurrentDictionary<(string Text, int Page), ContentSearchResults> Results { get; } = new();
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
