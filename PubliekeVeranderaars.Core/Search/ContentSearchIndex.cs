using Lucene.Net.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.Extensions.Logging;
using PubliekeVeranderaars.Core.Content;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace PubliekeVeranderaars.Core.Search;

/// <summary>
/// The store of site search: the Lucene index of published pages in one folder of this node's data directory (each
/// node keeps its own, as Examine does). It opens, commits, rebuilds and heals the index, and follows the published
/// cache: after every snapshot only the pages that changed are rewritten. A missing, foreign or corrupt index is
/// rebuilt from the published cache; the database is never needed to search. Everything that writes or replaces the
/// index holds its one lock; searches read without it, from the last commit.
/// </summary>
public sealed class ContentSearchIndex : IDisposable
{
    public const int PageSize = 10;

    /// <summary>Written into every commit; an index written by another version of this code is rebuilt, not read.</summary>
    private const string FormatKey = "pv.format";
    private const string FormatVersion = "3";
    private const double WriterBufferMb = 64;
    private const int ProgressEvery = 1000;
    private const string MissingReason = "is missing";
    private static readonly TimeSpan ExternalChangeCheck = TimeSpan.FromSeconds(1);

    private readonly string _path;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly Analyzer _dutch = ContentSearchAnalyzers.CreateDutch();
    private readonly Analyzer _words = ContentSearchAnalyzers.CreateWords();
    private readonly Analyzer _analyzer;
    private readonly object _gate = new();
    private readonly SearchDocumentCache _documents = new();

    private LuceneDirectory? _directory;
    private SearcherManager? _searchers;
    /// <summary>What the index holds (page key to stamp) as of reader version <see cref="_stampsVersion"/>.</summary>
    private Dictionary<string, string> _stamps = new();
    private long _stampsVersion = -1;
    private long _lastExternalCheck;
    private bool _disposed;

    public ContentSearchIndex(string path, ILogger<ContentSearchIndex> logger, TimeProvider clock)
    {
        _path = path;
        _logger = logger;
        _clock = clock;
        _analyzer = ContentSearchAnalyzers.Create(_dutch, _words);
        QueryBuilder = new SearchQueryBuilder(_dutch, _words);
        Snippets = new SearchSnippets(_dutch);
    }

    public string Path => _path;

    /// <summary>Builds queries with the analyzers the index was written with.</summary>
    public SearchQueryBuilder QueryBuilder { get; }

    public SearchSnippets Snippets { get; }

    /// <summary>When this process last wrote the index anew (null: not since it started).</summary>
    public DateTimeOffset? LastRebuilt { get; private set; }

    /// <summary>
    /// Opens the index, rebuilding it when it is missing, written by another version or unreadable, and brings it
    /// in step with <paramref name="pages"/>.
    /// </summary>
    public void Open(IEnumerable<PublishedContent> pages)
    {
        lock (_gate)
        {
            var materialised = pages as IReadOnlyCollection<PublishedContent> ?? pages.ToList();
            if (!TryOpenLocked(materialised)) RebuildLocked(materialised, progress: null);
        }
    }

    /// <summary>
    /// Opens a usable index and brings it in step with <paramref name="pages"/>; a missing, foreign or unreadable one
    /// is deleted and left for the caller to rebuild.
    /// </summary>
    /// <returns>Whether the index is open; false when it must be rebuilt first.</returns>
    public bool TryOpen(IEnumerable<PublishedContent> pages)
    {
        lock (_gate) return TryOpenLocked(pages);
    }

    /// <summary>Whether searches can be answered: false only before the first build of a missing index is committed.</summary>
    public bool IsOpen => _searchers is not null;

    private bool TryOpenLocked(IEnumerable<PublishedContent> pages)
    {
        if (!OpenLocked()) return false;
        SynchronizeLocked(pages);
        return true;
    }

    /// <summary>
    /// Opens a usable index for searching as it was last committed, without comparing it with the pages (the
    /// caller synchronizes it next); a missing, foreign or unreadable one is deleted and left to be rebuilt.
    /// </summary>
    /// <returns>Whether the index is open; false when it must be rebuilt first.</returns>
    public bool OpenAsCommitted()
    {
        lock (_gate) return OpenLocked();
    }

    private bool OpenLocked()
    {
        if (IsUsable(out var reason))
        {
            EnsureSearchers();
            return true;
        }
        // A first start has no index yet; only a damaged or foreign one is worth a warning.
        _logger.Log(reason == MissingReason ? LogLevel.Information : LogLevel.Warning,
            "Search index in {Path} {Reason}: it is rebuilt from the published cache", _path, reason);
        Wipe();
        return false;
    }

    /// <summary>Rewrites what changed since the index last saw the published pages, and removes what is gone.</summary>
    /// <returns>How many pages were added, rewritten or removed.</returns>
    public int Synchronize(IEnumerable<PublishedContent> pages)
    {
        lock (_gate)
        {
            EnsureSearchers();
            return SynchronizeLocked(pages);
        }
    }

    /// <summary>
    /// Writes the index anew from <paramref name="pages"/>. Searches keep reading the old index until the new one
    /// is committed, so a rebuild never shows visitors an empty site.
    /// </summary>
    /// <returns>The number of pages indexed.</returns>
    public int Rebuild(IEnumerable<PublishedContent> pages, IProgress<int>? progress = null) => Rebuild(() => pages, progress);

    /// <param name="pages">Read under the lock, so that a rebuild that waited for another one writes the newest pages.</param>
    public int Rebuild(Func<IEnumerable<PublishedContent>> pages, IProgress<int>? progress = null)
    {
        lock (_gate) return RebuildLocked(pages(), progress);
    }

    /// <summary>Throws the index away and writes it anew: after a search found it unreadable.</summary>
    public int Recover(Func<IEnumerable<PublishedContent>> pages)
    {
        lock (_gate)
        {
            Wipe();
            return RebuildLocked(pages(), progress: null);
        }
    }

    /// <summary>The pages in the index; 0 while a missing index is being built.</summary>
    public int Count
    {
        get
        {
            if (!IsOpen) return 0;
            var (searchers, searcher) = Acquire();
            try
            {
                return searcher.IndexReader.NumDocs;
            }
            finally
            {
                searchers.Release(searcher);
            }
        }
    }

    /// <summary>
    /// Reads the last commit: <paramref name="read"/> gets a searcher and the reader's version (which changes with
    /// every commit, so results kept per version are never stale). Needs no lock: commits never disturb a reader.
    /// </summary>
    public T Read<T>(Func<IndexSearcher, long, T> read)
    {
        // The manager the searcher came from: a recovery may replace the field while this read runs.
        var (searchers, searcher) = Acquire();
        try
        {
            return read(searcher, ((DirectoryReader)searcher.IndexReader).Version);
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    /// <summary>
    /// <see cref="Synchronize"/> with the newest pages, read under the lock (two publishes in quick succession raise
    /// their events in either order, and the index must end at the later one), if the lock is free within <paramref name="wait"/>.
    /// </summary>
    /// <returns>False when the lock was held (a rebuild) all that time: the caller tries again later.</returns>
    public bool TrySynchronize(Func<IEnumerable<PublishedContent>> pages, TimeSpan wait)
    {
        if (!Monitor.TryEnter(_gate, wait)) return false;
        try
        {
            if (!IsOpen) return true;
            EnsureSearchers();
            SynchronizeLocked(pages());
            return true;
        }
        finally
        {
            Monitor.Exit(_gate);
        }
    }

    private (SearcherManager, IndexSearcher) Acquire()
    {
        var searchers = _searchers ?? throw new InvalidOperationException("The search index is not open.");
        // Another process (the search rebuild command) may have written the index: look for that now and then.
        var now = _clock.GetTimestamp();
        var last = Interlocked.Read(ref _lastExternalCheck);
        if (_clock.GetElapsedTime(last, now) > ExternalChangeCheck && Interlocked.CompareExchange(ref _lastExternalCheck, now, last) == last)
            searchers.MaybeRefresh();
        return (searchers, searchers.Acquire());
    }

    private int SynchronizeLocked(IEnumerable<PublishedContent> pages)
    {
        var wanted = new Dictionary<string, SearchDocument>();
        foreach (var page in pages)
        {
            var document = _documents.Get(page);
            wanted[document.Key.ToString("N")] = document;
        }
        var indexed = IndexedStamps();
        var changes = 0;
        using (var writer = OpenWriter(OpenMode.CREATE_OR_APPEND))
        {
            foreach (var key in indexed.Keys.Where(k => !wanted.ContainsKey(k)))
            {
                writer.DeleteDocuments(new Term(ContentSearchFields.Key, key));
                changes++;
            }
            foreach (var (key, document) in wanted)
            {
                if (indexed.TryGetValue(key, out var stamp) && stamp == document.Stamp) continue;
                writer.UpdateDocument(new Term(ContentSearchFields.Key, key), ToLucene(document));
                changes++;
            }
            if (changes > 0) Commit(writer);
        }
        if (changes > 0)
        {
            _searchers!.MaybeRefreshBlocking();
            _stamps = wanted.ToDictionary(w => w.Key, w => w.Value.Stamp);
            _stampsVersion = CurrentVersion();
            _logger.LogInformation("Search index: {Changes} pages added, rewritten or removed", changes);
        }
        return changes;
    }

    private int RebuildLocked(IEnumerable<PublishedContent> pages, IProgress<int>? progress)
    {
        var stamps = new Dictionary<string, string>();
        IndexWriter opened;
        try
        {
            opened = OpenWriter(OpenMode.CREATE);
        }
        catch (Exception e) when (IsDamage(e))
        {
            // Even a writer that replaces everything reads the old commit point first; a damaged one is deleted.
            _logger.LogWarning(e, "Search index in {Path} is unreadable: deleting it before the rebuild", _path);
            Wipe();
            opened = OpenWriter(OpenMode.CREATE);
        }
        using (var writer = opened)
        {
            var documents = pages.DistinctBy(p => p.Key).ToList();
            foreach (var page in documents) stamps[page.Key.ToString("N")] = "";
            var done = 0;
            // Turning rich text into words and stemming them is the work; the writer takes documents from every core.
            Parallel.ForEach(documents, page =>
            {
                var document = _documents.Get(page);
                writer.AddDocument(ToLucene(document));
                lock (stamps) stamps[document.Key.ToString("N")] = document.Stamp;
                if (Interlocked.Increment(ref done) % ProgressEvery == 0) progress?.Report(done);
            });
            Commit(writer);
        }
        progress?.Report(stamps.Count);
        EnsureSearchers();
        _searchers!.MaybeRefreshBlocking();
        _stamps = stamps;
        _stampsVersion = CurrentVersion();
        LastRebuilt = _clock.GetUtcNow();
        _logger.LogInformation("Search index rebuilt: {Count} pages", stamps.Count);
        return stamps.Count;
    }

    private static void Commit(IndexWriter writer)
    {
        writer.SetCommitData(new Dictionary<string, string> { [FormatKey] = FormatVersion });
        writer.Commit();
    }

    /// <summary>What the index holds now; read from the index only when someone else wrote it since we last did.</summary>
    private Dictionary<string, string> IndexedStamps()
    {
        var searcher = _searchers!.Acquire();
        try
        {
            var reader = (DirectoryReader)searcher.IndexReader;
            if (reader.Version == _stampsVersion) return _stamps;
            var stamps = new Dictionary<string, string>(reader.NumDocs);
            var liveDocs = MultiFields.GetLiveDocs(reader);
            var fields = new HashSet<string> { ContentSearchFields.Key, ContentSearchFields.Stamp };
            for (var i = 0; i < reader.MaxDoc; i++)
            {
                if (liveDocs is not null && !liveDocs.Get(i)) continue;
                var doc = reader.Document(i, fields);
                stamps[doc.Get(ContentSearchFields.Key)] = doc.Get(ContentSearchFields.Stamp);
            }
            _stamps = stamps;
            _stampsVersion = reader.Version;
            return stamps;
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    private long CurrentVersion()
    {
        var searcher = _searchers!.Acquire();
        try
        {
            return ((DirectoryReader)searcher.IndexReader).Version;
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    private static Document ToLucene(SearchDocument document) =>
    [
        new StringField(ContentSearchFields.Key, document.Key.ToString("N"), Field.Store.YES),
        new StoredField(ContentSearchFields.Route, document.Route),
        new StringField(ContentSearchFields.ContentType, document.ContentTypeAlias, Field.Store.YES),
        new TextField(ContentSearchFields.Name, document.Name, Field.Store.YES),
        new TextField(ContentSearchFields.Body, document.Body, Field.Store.YES),
        new TextField(ContentSearchFields.Words, document.Name + "\n" + document.Body, Field.Store.NO),
        new StringField(ContentSearchFields.Stamp, document.Stamp, Field.Store.YES),
    ];

    private IndexWriter OpenWriter(OpenMode mode)
    {
        var config = new IndexWriterConfig(ContentSearchAnalyzers.Version, _analyzer)
        {
            OpenMode = mode,
            RAMBufferSizeMB = WriterBufferMb,
            // The search rebuild command may hold the lock for a few seconds while the site wants to write.
            WriteLockTimeout = (long)TimeSpan.FromSeconds(5).TotalMilliseconds,
        };
        return new IndexWriter(Directory(), config);
    }

    private LuceneDirectory Directory()
    {
        if (_directory is not null) return _directory;
        System.IO.Directory.CreateDirectory(_path);
        return _directory = FSDirectory.Open(new DirectoryInfo(_path));
    }

    private void EnsureSearchers()
    {
        _searchers ??= new SearcherManager(Directory(), null);
    }

    private bool IsUsable(out string reason)
    {
        try
        {
            if (!DirectoryReader.IndexExists(Directory()))
            {
                reason = MissingReason;
                return false;
            }
            using var reader = DirectoryReader.Open(Directory());
            if (!reader.IndexCommit.UserData.TryGetValue(FormatKey, out var format) || format != FormatVersion)
            {
                reason = "was written by another version";
                return false;
            }
            // Reads every stored page once: a damaged segment shows itself here, not in a visitor's search.
            for (var i = 0; i < reader.MaxDoc; i += Math.Max(1, reader.MaxDoc / 16)) reader.Document(i);
            reason = "";
            return true;
        }
        catch (Exception e) when (IsDamage(e))
        {
            _logger.LogWarning(e, "Search index in {Path} is unreadable", _path);
            reason = "is unreadable";
            return false;
        }
    }

    /// <summary>Whether an exception means the index files are damaged (rather than a bug or a cancellation).</summary>
    /// <remarks>
    /// Deliberately narrow: a bug that threw, say, an argument exception would otherwise rebuild the whole index on
    /// every search.
    /// </remarks>
    public static bool IsDamage(Exception e) =>
        // Lucene's CorruptIndexException and IndexFormatToo*Exception are IOExceptions; a held lock is not damage.
        e is IOException or InvalidDataException && e is not LockObtainFailedException;

    /// <summary>Deletes the index files, so that a damaged index cannot confuse the writer that replaces it.</summary>
    private void Wipe()
    {
        _searchers?.Dispose();
        _searchers = null;
        _directory?.Dispose();
        _directory = null;
        _stamps = new();
        _stampsVersion = -1;
        if (System.IO.Directory.Exists(_path))
        {
            foreach (var file in System.IO.Directory.EnumerateFiles(_path)) File.Delete(file);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _searchers?.Dispose();
            _directory?.Dispose();
            _analyzer.Dispose();
        }
    }

    /// <summary>
    /// The search document of each page, kept between snapshots: a publish rebuilds the whole snapshot, and turning
    /// the rich text of every page into plain text again would make each publish slower as the site grows.
    /// </summary>
    private sealed class SearchDocumentCache
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, (PublishedContent Page, int Fingerprint, SearchDocument Document)> _byKey = new();

        public SearchDocument Get(PublishedContent page)
        {
            // A page is immutable and a publish keeps every other page's object (PublishedSnapshot.WithNewVersions):
            // the same object needs no hashing of its whole text, which on 10,000 pages was most of a publish's sync.
            if (_byKey.TryGetValue(page.Key, out var cached) && ReferenceEquals(cached.Page, page)) return cached.Document;
            var fingerprint = Fingerprint(page);
            if (cached.Document is not null && cached.Fingerprint == fingerprint)
            {
                _byKey[page.Key] = (page, fingerprint, cached.Document);
                return cached.Document;
            }
            var document = SearchDocumentMapper.From(page);
            _byKey[page.Key] = (page, fingerprint, document);
            return document;
        }

        private static int Fingerprint(PublishedContent page)
        {
            var hash = new HashCode();
            hash.Add(page.Route);
            hash.Add(page.Name);
            hash.Add(page.ContentTypeAlias);
            foreach (var property in page.Properties.Values)
            {
                hash.Add(property.Alias);
                hash.Add(SearchDocumentMapper.IsSearchable(property));
                hash.Add(property.Value);
            }
            return hash.ToHashCode();
        }
    }
}
