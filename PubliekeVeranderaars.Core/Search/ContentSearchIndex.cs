using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.Extensions.Logging;
using PubliekeVeranderaars.Core.Content;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace PubliekeVeranderaars.Core.Search;

/// <summary>
/// The Lucene index of published pages in one folder of this node's data directory (each node keeps its own, as
/// Examine does). It follows the published cache: after every snapshot only the pages that changed are rewritten.
/// A missing, foreign or corrupt index is rebuilt from the published cache; the database is never needed to search.
/// </summary>
public sealed class ContentSearchIndex : IDisposable
{
    public const int PageSize = 10;
    /// <summary>Results beyond this many are not paged to: nobody reads page 101, and deep pages cost memory.</summary>
    public const int MaxResults = 1000;

    /// <summary>Written into every commit; an index written by another version of this code is rebuilt, not read.</summary>
    private const string FormatKey = "pv.format";
    private const string FormatVersion = "3";
    private const float NameBoost = 3f;
    /// <summary>A typo is at most one edit in a short word and two in a long one; more finds nonsense.</summary>
    private const int ShortWordLength = 4;
    private const int LongWordLength = 7;
    private const int CorrectionsPerWord = 5;
    /// <summary>
    /// Longer than Dutch's long compounds ("arbeidsongeschiktheidsverzekering", 33); the automaton that finds typos
    /// grows with the word, so a 200-letter "word" is searched as typed and not corrected.
    /// </summary>
    private const int LongestCorrectedWord = 40;
    /// <summary>People rarely mistype the first letter; not trying it makes finding the corrections several times faster.</summary>
    private const int TypoFreePrefix = 1;
    private const int SnippetFragmentChars = 160;
    private const int SnippetFragments = 2;
    private const string MarkOpen = "<mark>";
    private const string MarkClose = "</mark>";
    private static readonly SimpleHTMLEncoder SnippetEncoder = new();
    private const double WriterBufferMb = 64;
    private const int ProgressEvery = 1000;
    /// <summary>Searches whose results are kept until the index changes; beyond this many, new searches are not kept.</summary>
    private const int RecentResultsKept = 1000;
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
    private volatile RecentResults _recent = new(-1);
    private bool _disposed;

    public ContentSearchIndex(string path, ILogger<ContentSearchIndex> logger, TimeProvider clock)
    {
        _path = path;
        _logger = logger;
        _clock = clock;
        _analyzer = ContentSearchAnalyzers.Create(_dutch, _words);
    }

    public string Path => _path;

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
        if (IsUsable(out var reason))
        {
            EnsureSearchers();
            SynchronizeLocked(pages);
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
    public int Rebuild(IEnumerable<PublishedContent> pages, IProgress<int>? progress = null)
    {
        lock (_gate) return RebuildLocked(pages, progress);
    }

    /// <summary>Throws the index away and writes it anew: after a search found it unreadable.</summary>
    public int Recover(IEnumerable<PublishedContent> pages)
    {
        lock (_gate)
        {
            Wipe();
            return RebuildLocked(pages, progress: null);
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

    public ContentSearchResults Search(SearchQueryText query, int page)
    {
        // The manager the searcher came from: a recovery may replace the field while this search runs.
        var (searchers, searcher) = Acquire();
        try
        {
            var version = ((DirectoryReader)searcher.IndexReader).Version;
            var recent = _recent;
            if (recent.Version != version) _recent = recent = new RecentResults(version);
            if (recent.Results.TryGetValue((query.Text, page), out var known)) return known;
            var results = Search(searcher, query, page);
            if (recent.Results.Count < RecentResultsKept) recent.Results.TryAdd((query.Text, page), results);
            return results;
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    private ContentSearchResults Search(IndexSearcher searcher, SearchQueryText query, int page)
    {
        var parts = QueryParts(query);
        if (parts.Count == 0) return ContentSearchResults.Empty(query, SearchMatch.NoWords);

        var exact = All(parts.Select(p => p.Exact));
        var top = searcher.Search(exact, Window(page));
        if (top.TotalHits > 0) return Results(searcher, query, SearchMatch.AllWords, exact, top, page, suggestion: null);

        var corrections = parts.Select(p => Corrected(searcher, p)).ToList();
        var suggestion = Suggestion(query, parts, corrections);
        if (corrections.Any(c => c.Alternatives.Count > 0))
        {
            var similar = All(corrections.Select(c => c.Query));
            top = searcher.Search(similar, Window(page));
            if (top.TotalHits > 0) return Results(searcher, query, SearchMatch.SimilarWords, similar, top, page, suggestion);
        }

        if (parts.Count == 1) return ContentSearchResults.Empty(query, SearchMatch.None);
        var some = new BooleanQuery { MinimumNumberShouldMatch = 1 };
        foreach (var c in corrections) some.Add(c.Query, Occur.SHOULD);
        top = searcher.Search(some, Window(page));
        return top.TotalHits > 0
            ? Results(searcher, query, SearchMatch.SomeWords, some, top, page, suggestion)
            : ContentSearchResults.Empty(query, SearchMatch.None);
    }

    /// <summary>Only the results up to the requested page are ranked; the total is counted all the same.</summary>
    private static int Window(int page) => Math.Clamp(page, 1, MaxResults / PageSize) * PageSize;

    private ContentSearchResults Results(IndexSearcher searcher, SearchQueryText query, SearchMatch match, Query executed,
        TopDocs top, int page, string? suggestion)
    {
        var reachable = Math.Min(top.TotalHits, MaxResults);
        var pageCount = (reachable + PageSize - 1) / PageSize;
        page = Math.Clamp(page, 1, pageCount);
        // Term by term, not span-aware: a span scorer builds an in-memory index of each snippet's page. The words of a
        // phrase are marked wherever they stand.
        var scorer = new QueryTermScorer(executed, ContentSearchFields.Body);
        var highlighter = new Highlighter(new SimpleHTMLFormatter(MarkOpen, MarkClose), SnippetEncoder, scorer)
        {
            TextFragmenter = new SimpleFragmenter(SnippetFragmentChars),
        };
        var hits = new List<ContentSearchHit>(PageSize);
        foreach (var scoreDoc in top.ScoreDocs.Skip((page - 1) * PageSize).Take(PageSize))
        {
            var doc = searcher.Doc(scoreDoc.Doc);
            var body = doc.Get(ContentSearchFields.Body) ?? "";
            hits.Add(new ContentSearchHit(
                Guid.Parse(doc.Get(ContentSearchFields.Key)),
                doc.Get(ContentSearchFields.Route),
                doc.Get(ContentSearchFields.Name),
                doc.Get(ContentSearchFields.ContentType),
                Snippet(highlighter, body)));
        }
        return new ContentSearchResults(query, match, top.TotalHits, page, pageCount, suggestion, hits);
    }

    private string Snippet(Highlighter highlighter, string body)
    {
        if (body.Length == 0) return "";
        using var tokens = _dutch.GetTokenStream(ContentSearchFields.Body, body);
        var fragments = highlighter.GetBestFragments(tokens, body, SnippetFragments);
        if (fragments.Length > 0) return string.Join(" … ", fragments.Select(f => f.Trim()));
        // The words were in the title only: the start of the page says what it is about, cut between words if it can.
        if (body.Length <= SnippetFragmentChars) return SnippetEncoder.EncodeText(body);
        var cut = body.LastIndexOf(' ', SnippetFragmentChars);
        return SnippetEncoder.EncodeText(body[..(cut > 0 ? cut : SnippetFragmentChars)]) + " …";
    }

    /// <summary>One word or phrase of the visitor's text, as the query that finds it in the name or the body.</summary>
    private sealed record QueryPart(string Text, bool IsPhrase, string? Stem, Query Exact);

    private sealed record Correction(Query Query, IReadOnlyList<(string Word, float Similarity)> Alternatives);

    private List<QueryPart> QueryParts(SearchQueryText query)
    {
        var parts = new List<QueryPart>();
        foreach (var phrase in query.Phrases)
        {
            var tokens = Tokens(_dutch, ContentSearchFields.Body, phrase);
            if (tokens.Count > 0) parts.Add(new QueryPart(phrase, IsPhrase: true, Stem: null, InNameOrBody(tokens)));
        }
        foreach (var word in query.Words)
        {
            var tokens = Tokens(_dutch, ContentSearchFields.Body, word);
            // A stop word ("de", "het") or bare punctuation finds nothing on its own and is left out.
            if (tokens.Count > 0) parts.Add(new QueryPart(word, IsPhrase: false, tokens.Count == 1 ? tokens[0] : null, InNameOrBody(tokens)));
        }
        return parts;
    }

    /// <summary>The word in any of its forms in the name (which weighs more) or the body; several tokens as a phrase.</summary>
    private static Query InNameOrBody(IReadOnlyList<string> tokens, float boost = 1f)
    {
        var either = new BooleanQuery { Boost = boost };
        foreach (var (field, fieldBoost) in new[] { (ContentSearchFields.Name, NameBoost), (ContentSearchFields.Body, 1f) })
        {
            Query inField;
            if (tokens.Count == 1)
            {
                inField = new TermQuery(new Term(field, tokens[0]));
            }
            else
            {
                var phrase = new PhraseQuery();
                foreach (var token in tokens) phrase.Add(new Term(field, token));
                inField = phrase;
            }
            inField.Boost = fieldBoost;
            either.Add(inField, Occur.SHOULD);
        }
        return either;
    }

    /// <summary>
    /// The word as typed or as words in the index that differ by a typo ("ambtnaren" → "ambtenaren"), each in all its
    /// Dutch forms. Phrases and short words are not corrected.
    /// </summary>
    private Correction Corrected(IndexSearcher searcher, QueryPart part)
    {
        if (part.IsPhrase || part.Stem is null) return new Correction(part.Exact, []);
        var written = Tokens(_words, ContentSearchFields.Words, part.Text);
        if (written.Count != 1 || written[0].Length is < ShortWordLength or > LongestCorrectedWord) return new Correction(part.Exact, []);
        var word = written[0];
        var maxEdits = word.Length >= LongWordLength ? 2 : 1;
        var fuzzy = new FuzzyQuery(new Term(ContentSearchFields.Words, word), maxEdits, TypoFreePrefix)
        {
            MultiTermRewriteMethod = new MultiTermQuery.TopTermsScoringBooleanQueryRewrite(CorrectionsPerWord),
        };
        var alternatives = new List<(string Word, float Similarity)>();
        // One matching term comes back as a term query, several as a boolean query of term queries.
        var rewritten = searcher.Rewrite(fuzzy);
        var expanded = rewritten is BooleanQuery many ? many.Clauses.Select(c => c.Query) : [rewritten];
        foreach (var term in expanded.OfType<TermQuery>())
        {
            if (term.Term.Text != word) alternatives.Add((term.Term.Text, term.Boost));
        }
        var any = new BooleanQuery { { part.Exact, Occur.SHOULD } };
        foreach (var (alternative, similarity) in alternatives)
        {
            var stems = Tokens(_dutch, ContentSearchFields.Body, alternative);
            if (stems.Count > 0) any.Add(InNameOrBody(stems, similarity), Occur.SHOULD);
        }
        var ranked = alternatives
            .OrderByDescending(a => a.Similarity)
            .ThenByDescending(a => searcher.IndexReader.DocFreq(new Term(ContentSearchFields.Words, a.Word)))
            .ToList();
        return new Correction(any, ranked);
    }

    /// <summary>The visitor's text with each word that is in no page replaced by the likeliest word that is.</summary>
    private static string? Suggestion(SearchQueryText query, IReadOnlyList<QueryPart> parts, IReadOnlyList<Correction> corrections)
    {
        // Each word's best correction, by the word as typed; stop words have no part and stay as they are.
        var corrected = parts.Zip(corrections)
            .Where(pc => !pc.First.IsPhrase && pc.Second.Alternatives.Count > 0)
            .ToDictionary(pc => pc.First.Text, pc => pc.Second.Alternatives[0].Word);
        if (corrected.Count == 0) return null;
        return string.Join(' ', query.Phrases.Select(p => $"\"{p}\"").Concat(query.Words.Select(w => corrected.GetValueOrDefault(w, w))));
    }

    private static BooleanQuery All(IEnumerable<Query> queries)
    {
        var all = new BooleanQuery();
        foreach (var q in queries) all.Add(q, Occur.MUST);
        return all;
    }

    private static List<string> Tokens(Analyzer analyzer, string field, string text)
    {
        var tokens = new List<string>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) tokens.Add(term.ToString());
        stream.End();
        return tokens;
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
        _recent = new RecentResults(-1);
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
    /// Results of recent searches against one version of the index. Visitors ask the same few things again and again
    /// ("ambtenaar", "innovatie"), and each search costs milliseconds of CPU; a publish changes the version, so a
    /// result kept here is never stale.
    /// </summary>
    private sealed class RecentResults(long version)
    {
        public long Version { get; } = version;
        public System.Collections.Concurrent.ConcurrentDictionary<(string Text, int Page), ContentSearchResults> Results { get; } = new();
    }

    /// <summary>
    /// The search document of each page, kept between snapshots: a publish rebuilds the whole snapshot, and turning
    /// the rich text of every page into plain text again would make each publish slower as the site grows.
    /// </summary>
    private sealed class SearchDocumentCache
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, (int Fingerprint, SearchDocument Document)> _byKey = new();

        public SearchDocument Get(PublishedContent page)
        {
            var fingerprint = Fingerprint(page);
            if (_byKey.TryGetValue(page.Key, out var cached) && cached.Fingerprint == fingerprint) return cached.Document;
            var document = SearchDocumentMapper.From(page);
            _byKey[page.Key] = (fingerprint, document);
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
