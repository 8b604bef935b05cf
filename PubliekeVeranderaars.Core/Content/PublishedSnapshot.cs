using System.Collections.Concurrent;

namespace PubliekeVeranderaars.Core.Content;

/// <summary>
/// Everything published, in memory, with the lookups a request needs. A snapshot never changes; publishing builds a
/// new one and swaps it in, so a request always sees one consistent tree and never waits on the database.
/// </summary>
public sealed class PublishedSnapshot
{
    public static readonly PublishedSnapshot Empty = new([], DateTime.UnixEpoch, generation: 0, Array.Empty<RedirectUrl>());

    private readonly Dictionary<Guid, PublishedContent> _byKey;
    private readonly Dictionary<string, PublishedContent> _byRoute;
    /// <summary>Views of multilingual pages by language and their address in it ("de-DE/kategorien/").</summary>
    private readonly Dictionary<string, PublishedContent> _byCultureRoute;
    private readonly Dictionary<Guid, IReadOnlyList<PublishedContent>> _children;
    private readonly Dictionary<string, Guid> _redirects;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, object?> _remembered = new(StringComparer.Ordinal);
    /// <summary>Bounds what <see cref="Remember{T}"/> keeps, whatever keys clients make up.</summary>
    private const int MaxRemembered = 256;

    public IReadOnlyList<PublishedContent> Roots { get; }
    public PublishedContent? Home => Roots.Count > 0 ? Roots[0] : null;
    public DateTime BuiltUtc { get; }
    /// <summary>Increases with every rebuild; caches of rendered pages key on it, so a publish is seen at once.</summary>
    public long Generation { get; }
    public IEnumerable<PublishedContent> All => _byKey.Values;
    /// <summary>
    /// The media library's items and folders as of this snapshot (not those in the bin): pages and the Delivery API show
    /// pickers from here, so a media change is a new snapshot like a publish, seen by every cache that keys on it.
    /// </summary>
    public IReadOnlyDictionary<Guid, Core.Media.MediaItem> Media { get; internal set; } = new Dictionary<Guid, Core.Media.MediaItem>();
    /// <summary>
    /// The schema the items were built with: block editors' elements are typed by their element type's properties,
    /// a block grid's areas are named by its data type.
    /// </summary>
    public IReadOnlyDictionary<string, DocumentType> Types { get; private set; } = new Dictionary<string, DocumentType>();
    public IReadOnlyDictionary<Guid, DataType> DataTypes { get; private set; } = new Dictionary<Guid, DataType>();
    private Dictionary<Guid, DocumentType>? _typesByKey;

    /// <summary>A document or element type by key, as block values name their elements' types.</summary>
    public DocumentType? TypeByKey(Guid key) => (_typesByKey ??= ByKey(Types)).GetValueOrDefault(key);

    private static Dictionary<Guid, DocumentType> ByKey(IReadOnlyDictionary<string, DocumentType> types) =>
        types.Values.GroupBy(t => t.Key).ToDictionary(g => g.Key, g => g.First());

    /// <summary>A property of an element (in a block or nested content) as its type declares it.</summary>
    public PublishedProperty ElementProperty(DocumentTypeProperty type, string value) =>
        new(type.Alias, type.EditorAlias, value, type.IsSensitive, MultipleOf(type, DataTypes), type.DataTypeKey);

    /// <summary>A dropdown's output shape follows its data type's "multiple" setting, as Umbraco's; unknown without the data types.</summary>
    internal static bool? MultipleOf(DocumentTypeProperty? type, IReadOnlyDictionary<Guid, DataType>? dataTypes) =>
        type is { EditorAlias: EditorAliases.DropDownFlexible } && dataTypes is not null
            ? PropertyEditorValues.AllowsMany(dataTypes.GetValueOrDefault(type.DataTypeKey)) : null;

    private PublishedSnapshot(IReadOnlyList<PublishedContent> items, DateTime builtUtc, long generation, IEnumerable<RedirectUrl> redirects)
        : this(items, builtUtc, generation, RedirectsByRoute(redirects))
    {
    }

    private static Dictionary<string, Guid> RedirectsByRoute(IEnumerable<RedirectUrl> redirects)
    {
        var byRoute = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
        foreach (var redirect in redirects) byRoute[redirect.Route] = redirect.NodeKey;
        return byRoute;
    }

    private PublishedSnapshot(IReadOnlyList<PublishedContent> items, DateTime builtUtc, long generation, Dictionary<string, Guid> redirects)
    {
        _redirects = redirects;
        BuiltUtc = builtUtc;
        Generation = generation;
        _byKey = items.ToDictionary(c => c.Key);
        _byRoute = new Dictionary<string, PublishedContent>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items) _byRoute.TryAdd(item.Route, item);
        _byCultureRoute = new Dictionary<string, PublishedContent>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items)
            foreach (var (culture, view) in item.Cultures) _byCultureRoute.TryAdd(culture + view.Route, view);
        Languages = items.SelectMany(i => i.Cultures.Keys).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
        _children = items.Where(c => c.ParentKey is not null)
            .GroupBy(c => c.ParentKey!.Value)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<PublishedContent>)g.OrderBy(c => c.SortOrder).ToList());
        Roots = items.Where(c => c.ParentKey is null).OrderBy(c => c.SortOrder).ToList();
    }

    public PublishedContent? ByKey(Guid key) => _byKey.GetValueOrDefault(key);

    /// <summary>How many pages are live.</summary>
    public int Count => _byKey.Count;

    /// <summary>Every language some live page is in (ISO codes as the content names them), for matching Accept-Language.</summary>
    public IReadOnlyList<string> Languages { get; }

    /// <summary>
    /// A page by its address in a language: a multilingual page's view in that language, or a page in one language
    /// at that address. Null culture: <see cref="ByRoute(string)"/>.
    /// </summary>
    public PublishedContent? ByRoute(string path, string? culture) =>
        culture is null ? ByRoute(path)
        : _byCultureRoute.GetValueOrDefault(culture + NormalizeRoute(path)) ?? ByRoute(path)?.InCulture(culture);

    /// <summary>
    /// A result computed from this snapshot, computed once and kept for as long as the snapshot lives (a publish
    /// builds a new snapshot, so nothing kept here can go stale). At most <see cref="MaxRemembered"/> results are
    /// kept; beyond that each call computes afresh.
    /// </summary>
    public T Remember<T>(string key, Func<T> compute)
    {
        if (_remembered.TryGetValue(key, out var known)) return (T)known!;
        var value = compute();
        if (_remembered.Count < MaxRemembered) _remembered.TryAdd(key, value);
        return value;
    }

    /// <summary>Finds a page by URL path; "/x" and "/x/" are the same page.</summary>
    public PublishedContent? ByRoute(string path) => _byRoute.GetValueOrDefault(NormalizeRoute(path));

    /// <summary>
    /// Where an old address went: the page that had it, or, for an address below it (a child of a renamed page),
    /// the same path below the page's new address. Null when there is nothing to send the visitor to.
    /// </summary>
    public string? RedirectFor(string path)
    {
        var route = NormalizeRoute(path);
        for (var prefix = route; prefix.Length > 1; prefix = prefix[..(prefix.TrimEnd('/').LastIndexOf('/') + 1)])
        {
            if (_redirects.TryGetValue(prefix, out var key) && ByKey(key) is { } target)
            {
                var redirected = target.Route + route[prefix.Length..];
                return ByRoute(redirected) is not null ? redirected : null;
            }
        }
        return null;
    }

    public IReadOnlyList<PublishedContent> Children(Guid key) => _children.GetValueOrDefault(key) ?? [];

    public PublishedContent? Parent(PublishedContent content) =>
        content.ParentKey is { } parentKey ? ByKey(parentKey) : null;

    /// <summary>The root a page lies under (Umbraco's start item); the page itself for a root.</summary>
    public PublishedContent Root(PublishedContent content)
    {
        var root = content;
        for (var parent = Parent(content); parent is not null; parent = Parent(parent)) root = parent;
        return root;
    }

    /// <summary>From the root down to (not including) the page itself, for breadcrumbs.</summary>
    public IReadOnlyList<PublishedContent> Ancestors(PublishedContent content)
    {
        var result = new List<PublishedContent>();
        for (var p = Parent(content); p is not null; p = Parent(p)) result.Add(p);
        result.Reverse();
        return result;
    }

    public static string NormalizeRoute(string path)
    {
        var trimmed = path.Trim('/');
        return trimmed.Length == 0 ? "/" : "/" + trimmed + "/";
    }

    /// <summary>From this many pages a build runs on every core (below it, starting the threads costs more).</summary>
    public const int ParallelBuildFrom = 200;

    /// <summary>
    /// Builds the published tree: only nodes whose ancestors are all published and not trashed are reachable.
    /// <paramref name="sanitize"/> is called from several threads at once on a large site.
    /// </summary>
    public static PublishedSnapshot Build(IEnumerable<PublishedSource> sources, IReadOnlyDictionary<string, DocumentType> types,
        RichTextSanitizer sanitizer, DateTime builtUtc, long generation, IEnumerable<RedirectUrl>? redirects = null,
        IReadOnlyDictionary<Guid, Core.Media.MediaItem>? media = null, IReadOnlyDictionary<Guid, DataType>? dataTypes = null) =>
        Build(sources, types, (_, _, editor, stored) => sanitizer.ForPublishing(editor, stored), builtUtc, generation, redirects, media, dataTypes);

    /// <param name="sanitize">Cleans a value that can carry markup; may remember earlier results, as a version never changes.</param>
    /// <param name="media">The library (without the bin): rich-text images are resolved against it.</param>
    public static PublishedSnapshot Build(IEnumerable<PublishedSource> sources, IReadOnlyDictionary<string, DocumentType> types,
        PublishedValueSanitize sanitize, DateTime builtUtc, long generation, IEnumerable<RedirectUrl>? redirects = null,
        IReadOnlyDictionary<Guid, Core.Media.MediaItem>? media = null, IReadOnlyDictionary<Guid, DataType>? dataTypes = null)
    {
        media ??= new Dictionary<Guid, Core.Media.MediaItem>();
        var byParent = sources.ToLookup(s => s.Node.ParentKey);
        var roots = byParent[null].OrderBy(s => s.Node.SortOrder).ToList();
        // First every address, then the pages: a page's text may link to any other page, by key (LocalLinks).
        var routes = new List<(PublishedSource Source, string Route)>();
        for (var i = 0; i < roots.Count; i++)
        {
            // Umbraco's convention: the first root is the site's home at "/"; its children are the top-level pages.
            var route = i == 0 ? "/" : "/" + roots[i].Node.UrlSegment + "/";
            AddRoutes(roots[i], route, byParent, routes);
        }
        // Each page's start item is the root it lies under, for local links in the Delivery API's markup.
        var sourceByKey = routes.ToDictionary(r => r.Source.Node.Key, r => r.Source);
        Guid RootOf(Guid key)
        {
            while (sourceByKey[key].Node.ParentKey is { } parent && sourceByKey.ContainsKey(parent)) key = parent;
            return key;
        }
        var targets = routes.ToDictionary(r => r.Source.Node.Key, r =>
        {
            var root = RootOf(r.Source.Node.Key);
            return new LocalLinkTarget(r.Route, sourceByKey[root].Node.UrlSegment, root);
        });
        var cultureRoutes = CultureRoutes(routes, roots);
        // Older exports name library images by address only (no data-udi): those are found by it.
        var mediaBySrc = MediaBySrc(media);
        var typesByKey = ByKey(types);
        PublishedContent Publish((PublishedSource Source, string Route) r) => ToPublished(r.Source, r.Route, types, typesByKey.GetValueOrDefault, sanitize,
            targets.GetValueOrDefault, media.GetValueOrDefault, dataTypes, cultureRoutes.GetValueOrDefault(r.Source.Node.Key), mediaBySrc.GetValueOrDefault);
        // Cleaning every page's rich text is most of a large site's first build (the memo saves it on later ones):
        // on every core, in tree order still.
        var items = routes.Count >= ParallelBuildFrom
            ? routes.AsParallel().AsOrdered().Select(Publish).ToList()
            : routes.Select(Publish).ToList();
        return new PublishedSnapshot(items, builtUtc, generation, redirects ?? [])
        {
            _typesByKey = typesByKey,
            Media = media,
            Types = types,
            DataTypes = dataTypes ?? new Dictionary<Guid, DataType>(),
        };
    }

    private static Dictionary<string, Core.Media.MediaItem> MediaBySrc(IReadOnlyDictionary<Guid, Core.Media.MediaItem> media) =>
        media.Values.Where(m => m.Src is not null).GroupBy(m => m.Src!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    /// <summary>
    /// This snapshot with some pages built from a new version, every other page the very object it was: for a publish
    /// on a large site, where a full build reads and checks every page again. Null when the change is more than new
    /// versions of pages in place (a page is new, moved, renamed, resorted or of another type, or the site is
    /// multilingual, where a page's addresses in its languages follow its ancestors' names): then only a full build is right.
    /// The caller vouches that nothing else changed: the schema, the media library and the redirects are this snapshot's.
    /// </summary>
    internal PublishedSnapshot? WithNewVersions(IReadOnlyList<PublishedSource> changed, PublishedValueSanitize sanitize, DateTime builtUtc, long generation)
    {
        if (Languages.Count > 0) return null;
        var typesByKey = _typesByKey ??= ByKey(Types);
        var mediaBySrc = MediaBySrc(Media);
        LocalLinkTarget? TargetOf(Guid key) =>
            ByKey(key) is { } page && Root(page) is var root ? new LocalLinkTarget(page.Route, root.UrlSegment, root.Key) : null;
        var replaced = new Dictionary<Guid, PublishedContent>();
        foreach (var source in changed)
        {
            if (ByKey(source.Node.Key) is not { } page || !InPlace(page, source.Node)
                || source.Version.CultureNames.Any(n => n.Culture.Length > 0)) return null;
            replaced[page.Key] = ToPublished(source, page.Route, Types, typesByKey.GetValueOrDefault, sanitize, TargetOf,
                Media.GetValueOrDefault, DataTypes, cultureRoutes: null, mediaBySrc.GetValueOrDefault);
        }
        return new PublishedSnapshot([.. All.Select(p => replaced.GetValueOrDefault(p.Key) ?? p)], builtUtc, generation, _redirects)
        {
            _typesByKey = typesByKey,
            Media = Media,
            Types = Types,
            DataTypes = DataTypes,
        };
    }

    /// <summary>
    /// Whether a page still stands where its node says, as a full build would place it: same parent, place among its
    /// siblings, URL segment, level, type and creation date, in one language. Everything a page takes from other pages
    /// (its address, its links' addresses) then stays as it is.
    /// </summary>
    internal static bool InPlace(PublishedContent page, ContentNode node) =>
        page.ParentKey == node.ParentKey && page.SortOrder == node.SortOrder && page.UrlSegment == node.UrlSegment
        && page.Level == node.Level && page.ContentTypeAlias == node.ContentTypeAlias && page.CreateDate == node.CreateDate
        && page.Cultures.Count == 0 && node.UnpublishedCultures.Count == 0;

    /// <summary>
    /// The address of a multilingual page in each of its languages: its parent's address in that language (or the
    /// parent's only one) and the URL segment of its name in that language. The default language keeps the page's route.
    /// </summary>
    private static Dictionary<Guid, Dictionary<string, string>> CultureRoutes(List<(PublishedSource Source, string Route)> routes,
        List<PublishedSource> roots)
    {
        var result = new Dictionary<Guid, Dictionary<string, string>>();
        var routeOf = routes.ToDictionary(r => r.Source.Node.Key, r => r.Route);
        // Parents come before their children in routes (AddRoutes walks down the tree).
        foreach (var (source, route) in routes)
        {
            var names = source.Version.CultureNames.Where(n => n.Culture.Length > 0).ToList();
            if (names.Count == 0) continue;
            var byCulture = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var defaultCulture = ContentVariants.DefaultCulture(source.Version);
            foreach (var name in names)
            {
                if (string.Equals(name.Culture, defaultCulture, StringComparison.OrdinalIgnoreCase)) { byCulture[name.Culture] = route; continue; }
                var segment = UrlSegments.FromName(name.Name);
                var parent = source.Node.ParentKey;
                byCulture[name.Culture] = parent is { } p && routeOf.ContainsKey(p)
                    ? (result.GetValueOrDefault(p)?.GetValueOrDefault(name.Culture) ?? routeOf[p]) + segment + "/"
                    : roots.Count > 0 && roots[0].Node.Key == source.Node.Key ? "/" : "/" + segment + "/";
            }
            result[source.Node.Key] = byCulture;
        }
        return result;
    }

    private static void AddRoutes(PublishedSource source, string route, ILookup<Guid?, PublishedSource> byParent,
        List<(PublishedSource, string)> routes)
    {
        routes.Add((source, route));
        foreach (var child in byParent[source.Node.Key])
            AddRoutes(child, route + child.Node.UrlSegment + "/", byParent, routes);
    }

    /// <summary>A draft as it would look published, for the back office's preview. Never part of a snapshot.</summary>
    /// <param name="routeOf">Where the text's links to other pages go: the live site's addresses.</param>
    /// <param name="mediaOf">The library's items, for images in the text.</param>
    public static PublishedContent Preview(PublishedSource source, string route, IReadOnlyDictionary<string, DocumentType> types,
        RichTextSanitizer sanitizer, Func<Guid, string?> routeOf, Func<Guid, Core.Media.MediaItem?> mediaOf) =>
        ToPublished(source, route, types, ByKey(types).GetValueOrDefault, (_, _, editor, stored) => sanitizer.ForPublishing(editor, stored),
            key => routeOf(key) is { } r ? new LocalLinkTarget(r, null, null) : null, mediaOf);

    private static PublishedContent ToPublished(PublishedSource source, string route,
        IReadOnlyDictionary<string, DocumentType> types, Func<Guid, DocumentType?> typeOf, PublishedValueSanitize sanitize, Func<Guid, LocalLinkTarget?> routeOf, Func<Guid, Core.Media.MediaItem?> mediaOf,
        IReadOnlyDictionary<Guid, DataType>? dataTypes = null, IReadOnlyDictionary<string, string>? cultureRoutes = null,
        Func<string, Core.Media.MediaItem?>? mediaBySrc = null)
    {
        var propertyTypes = types.TryGetValue(source.Node.ContentTypeAlias, out var type)
            ? type.AllProperties(types).ToDictionary(p => p.Alias, StringComparer.Ordinal)
            : new Dictionary<string, DocumentTypeProperty>(StringComparer.Ordinal);
        var defaultCulture = ContentVariants.DefaultCulture(source.Version);
        var views = new Dictionary<string, PublishedContent>(StringComparer.OrdinalIgnoreCase);
        var page = View(source, route, source.Node.UrlSegment, source.Version.Name, defaultCulture, propertyTypes, types, typeOf, sanitize, routeOf, mediaOf, dataTypes, views, mediaBySrc);
        foreach (var name in source.Version.CultureNames)
        {
            if (name.Culture.Length == 0 || source.Node.UnpublishedCultures.Contains(name.Culture, StringComparer.OrdinalIgnoreCase)) continue;
            var cultureRoute = cultureRoutes?.GetValueOrDefault(name.Culture) ?? route;
            views[name.Culture] = string.Equals(name.Culture, defaultCulture, StringComparison.OrdinalIgnoreCase)
                ? page
                : View(source, cultureRoute, UrlSegments.FromName(name.Name), name.Name, name.Culture, propertyTypes, types, typeOf, sanitize, routeOf, mediaOf, dataTypes, views, mediaBySrc);
        }
        return page;
    }

    /// <summary>The page in one language: invariant values and that language's values (values of no known language: the first).</summary>
    private static PublishedContent View(PublishedSource source, string route, string urlSegment, string name, string? culture,
        Dictionary<string, DocumentTypeProperty> propertyTypes, IReadOnlyDictionary<string, DocumentType> types, Func<Guid, DocumentType?> typeOf,
        PublishedValueSanitize sanitize, Func<Guid, LocalLinkTarget?> routeOf,
        Func<Guid, Core.Media.MediaItem?> mediaOf, IReadOnlyDictionary<Guid, DataType>? dataTypes, IReadOnlyDictionary<string, PublishedContent> views,
        Func<string, Core.Media.MediaItem?>? mediaBySrc)
    {
        bool? Multiple(DocumentTypeProperty? type) => MultipleOf(type, dataTypes);
        var properties = new Dictionary<string, PublishedProperty>(StringComparer.Ordinal);
        var values = source.Version.Values
            .Where(v => v.Culture is null || culture is null || string.Equals(v.Culture, culture, StringComparison.OrdinalIgnoreCase))
            .OrderBy(v => v.Culture is null ? 0 : 1);
        foreach (var value in values)
        {
            if (properties.ContainsKey(value.Alias)) continue;
            var propertyType = propertyTypes.GetValueOrDefault(value.Alias);
            var editor = propertyType?.EditorAlias ?? "";
            var text = RichTextSanitizer.CanCarryMarkup(editor) ? sanitize(source.Version, value.Alias, editor, value.Value) : value.Value;
            // After sanitising (which is remembered per version): addresses change without a new version of this page.
            string? blocks = null, pageHtml = null;
            if (EditorAliases.IsRichText(editor))
            {
                // The blocks are cleaned as a block list's value is, and remembered per version under their own name:
                // a memo that remembers them saves parsing the stored JSON again on every build.
                var cleanBlocks = sanitize(source.Version, value.Alias + RichTextValue.BlocksSuffix, RichTextValue.BlocksEditorAlias, value.Value);
                if (cleanBlocks.Length > 0)
                {
                    blocks = cleanBlocks;
                    pageHtml = Core.Media.RichTextImages.Resolve(LocalLinks.Resolve(RichTextBlockTags.ForPages(text, blocks, types, typeOf), routeOf), mediaOf, mediaBySrc);
                }
                text = Core.Media.RichTextImages.Resolve(LocalLinks.Resolve(text, routeOf), mediaOf, mediaBySrc);
            }
            properties[value.Alias] = new PublishedProperty(value.Alias, editor, text, propertyType?.IsSensitive ?? false, Multiple(propertyType),
                propertyType?.DataTypeKey ?? Guid.Empty) { RichTextBlocks = blocks, PageHtml = pageHtml };
        }
        // Every property of the type is there, empty when it has no value: the Delivery API writes it as null, as Umbraco.
        foreach (var (alias, propertyType) in propertyTypes)
            properties.TryAdd(alias, new PublishedProperty(alias, propertyType.EditorAlias, "", propertyType.IsSensitive, Multiple(propertyType), propertyType.DataTypeKey));
        return new PublishedContent
        {
            Key = source.Node.Key,
            ParentKey = source.Node.ParentKey,
            ContentTypeAlias = source.Node.ContentTypeAlias,
            Name = name,
            UrlSegment = urlSegment,
            Route = route,
            Level = source.Node.Level,
            SortOrder = source.Node.SortOrder,
            CreateDate = source.Node.CreateDate,
            // The live version's date: a draft saved since (by a writer, say) changes nothing visitors see.
            UpdateDate = source.Version.CreatedUtc,
            VersionId = source.Version.Id,
            Properties = properties,
            Culture = culture,
            Cultures = views,
        };
    }
}

public sealed record PublishedSource(ContentNode Node, ContentVersion Version);

/// <summary>Cleans the value of one property of one version, as its editor stores it.</summary>
public delegate string PublishedValueSanitize(ContentVersion version, string alias, string editorAlias, string stored);

/// <summary>
/// Sanitizes each value once: a version is never changed after it is saved, so its clean markup can be kept
/// from one snapshot to the next. Without it every publish sanitized every page of the site again (half the time of
/// a publish on a site of 10,000 pages). Keeps only what the last build used, so it never outgrows the site.
/// </summary>
public sealed class RichTextSanitizeMemo(Func<string, string, string> sanitize)
{
    public RichTextSanitizeMemo(RichTextSanitizer sanitizer) : this(sanitizer.ForPublishing)
    {
    }

    private ConcurrentDictionary<(long VersionId, string Alias), (string Stored, string Clean)> _previous = new();
    private ConcurrentDictionary<(long VersionId, string Alias), (string Stored, string Clean)> _current = new();

    /// <summary>
    /// For one build at a time (the published cache builds under a lock), which may call it from several threads.
    /// The stored value is compared too: a repair (<see cref="ContentRepairs"/>) may change a version in place.
    /// </summary>
    public string Sanitize(ContentVersion version, string alias, string editorAlias, string stored)
    {
        var key = (version.Id, alias);
        var clean = _previous.TryGetValue(key, out var remembered) && remembered.Stored == stored ? remembered.Clean : sanitize(editorAlias, stored);
        _current[key] = (stored, clean);
        return clean;
    }

    /// <summary>After a build: what it used is what the next build may reuse.</summary>
    public void BuildCompleted()
    {
        _previous = _current;
        _current = new();
    }

    /// <summary>After a build of some pages (the rest kept as built): what it cleaned joins what is remembered.</summary>
    public void PartialBuildCompleted()
    {
        foreach (var (key, value) in _current) _previous[key] = value;
        _current = new();
    }
}
