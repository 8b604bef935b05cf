using System.Globalization;
using System.Text.RegularExpressions;
using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Core.Delivery;

/// <summary>Why a query is refused, with Umbraco's title and detail for its problem body.</summary>
public sealed record DeliveryQueryError(string Title, string Detail)
{
    public static readonly DeliveryQueryError Filter = new("Filter option not found", "One of the attempted 'filter' options does not exist");
    public static readonly DeliveryQueryError Sort = new("Sort option not found", "One of the attempted 'sort' options does not exist");
    public static readonly DeliveryQueryError Selector = new("Selector option not found", "The attempted 'fetch' option does not exist");
    public static DeliveryQueryError Paging(string detail) => new("Invalid paging", detail);
}

/// <summary>
/// The content query of the Delivery API: <c>fetch</c>, <c>filter</c>, <c>sort</c>, <c>skip</c>, <c>take</c>, with
/// Umbraco's syntax and Umbraco's leniency: option names in any case, a comma for "or", dates compared with
/// <c>&gt; &gt;: &lt; &lt;:</c>, a selector naming nothing gives an empty page. An option Umbraco does not have is a 400
/// with Umbraco's problem, never a guess.
/// </summary>
public sealed partial class DeliveryQuery
{
    /// <summary>Umbraco's default page size.</summary>
    public const int DefaultTake = 10;
    /// <summary>
    /// Umbraco sets no limit (its acceptance-test helper asks for 10,000 to get everything); the whole published tree
    /// is in memory, so a large page costs its JSON and no more.
    /// </summary>
    public const int MaxTake = int.MaxValue;

    private readonly List<Func<PublishedContent, bool>> _filters = [];
    private readonly List<(Func<PublishedContent, PublishedSnapshot, IComparable> Key, bool Descending)> _sorts = [];
    private (string Kind, string Target)? _fetch;
    /// <summary>Everything but skip and take: queries that differ only in the page share one result list.</summary>
    private string _resultKey = "";

    public int Skip { get; private set; }
    public int Take { get; private set; } = DefaultTake;

    public static (DeliveryQuery? Query, DeliveryQueryError? Error) Parse(string? fetch, IEnumerable<string> filters, IEnumerable<string> sorts,
        string? skip, string? take)
    {
        var query = new DeliveryQuery();
        if (!string.IsNullOrWhiteSpace(fetch))
        {
            var text = fetch.Trim();
            var kind = new[] { "children", "descendants", "ancestors" }.FirstOrDefault(k => text.StartsWith(k + ":", StringComparison.OrdinalIgnoreCase));
            if (kind is null) return (null, DeliveryQueryError.Selector);
            query._fetch = (kind, text[(kind.Length + 1)..]);
        }
        foreach (var filter in filters.Where(x => !string.IsNullOrWhiteSpace(x)))
        {
            if (ParseFilter(filter.Trim()) is not { } test) return (null, DeliveryQueryError.Filter);
            if (!ReferenceEquals(test, Ignored)) query._filters.Add(test);
        }
        foreach (var sort in sorts.Where(x => !string.IsNullOrWhiteSpace(x)))
        {
            var colon = sort.IndexOf(':');
            var field = colon > 0 ? sort[..colon].Trim() : sort.Trim();
            var direction = colon > 0 ? sort[(colon + 1)..].Trim() : "";
            Func<PublishedContent, PublishedSnapshot, IComparable>? key = field.ToLowerInvariant() switch
            {
                "name" => (c, _) => c.Name,
                "sortorder" => (c, _) => c.SortOrder,
                "createdate" => (c, _) => c.CreateDate,
                "updatedate" => (c, _) => c.UpdateDate,
                "level" => (c, _) => c.Level,
                "path" => TreePosition,
                _ => null,
            };
            if (key is null || colon < 0) return (null, DeliveryQueryError.Sort);
            // Umbraco reads anything that does not start with "asc" as descending; "ASC" is ascending here too.
            query._sorts.Add((key, !direction.StartsWith("asc", StringComparison.OrdinalIgnoreCase)));
        }
        if (!TryCount(skip, 0, out var s)) return (null, DeliveryQueryError.Paging("skip must be a whole number of 0 or more."));
        if (!TryCount(take, DefaultTake, out var t)) return (null, DeliveryQueryError.Paging("take must be a whole number of 0 or more."));
        query.Skip = s;
        query.Take = t;
        query._resultKey = string.Join('\u001e', "delivery-query", fetch ?? "", string.Join('\u001f', filters), string.Join('\u001f', sorts));
        return (query, null);
    }

    /// <summary>A filter that is understood but asks nothing (a date that is not one, as Umbraco drops it).</summary>
    private static readonly Func<PublishedContent, bool> Ignored = _ => true;

    private static Func<PublishedContent, bool>? ParseFilter(string filter)
    {
        if (filter.StartsWith("contentType:", StringComparison.OrdinalIgnoreCase))
        {
            var (values, negate) = Values(filter["contentType:".Length..]);
            return c => values.Any(v => string.Equals(c.ContentTypeAlias, v, StringComparison.OrdinalIgnoreCase)) != negate;
        }
        if (filter.StartsWith("name:", StringComparison.OrdinalIgnoreCase))
        {
            var (values, negate) = Values(filter["name:".Length..]);
            return c => values.Any(v => c.Name.Contains(v, StringComparison.OrdinalIgnoreCase)) != negate;
        }
        if (DateFilter().Match(filter) is { Success: true } match)
        {
            if (!DateTime.TryParse(match.Groups["value"].Value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return Ignored;
            Func<PublishedContent, DateTime> field = match.Groups["field"].Value.StartsWith("c", StringComparison.OrdinalIgnoreCase)
                ? c => c.CreateDate : c => c.UpdateDate;
            return match.Groups["operator"].Value switch
            {
                ">" => c => field(c) > date,
                ">:" => c => field(c) >= date,
                "<" => c => field(c) < date,
                "<:" => c => field(c) <= date,
                ":" => c => field(c) == date,
                _ => null,
            };
        }
        return null;
    }

    [GeneratedRegex("^(?<field>createDate|updateDate)(?<operator>[><:]{1,2})(?<value>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex DateFilter();

    /// <summary>Umbraco's comma means "or"; a leading "!" negates the whole list.</summary>
    private static (string[] Values, bool Negate) Values(string text)
    {
        var negate = text.StartsWith('!');
        return (text.TrimStart('!').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), negate);
    }

    /// <summary>Umbraco's path sort is the tree's order: each ancestor's place among its siblings, from the root down.</summary>
    private static IComparable TreePosition(PublishedContent content, PublishedSnapshot snapshot) =>
        string.Join('/', snapshot.Ancestors(content).Append(content)
            .Select(c => c.SortOrder.ToString("D10", CultureInfo.InvariantCulture)));

    /// <summary>Runs the query; a selector naming nothing gives an empty result, as in Umbraco.</summary>
    /// <param name="startItem">The root named by the <c>Start-Item</c> header: a query without fetch stays below it.</param>
    /// <remarks>
    /// The filtered, sorted list is kept with the snapshot it came from: a client paging through 10,000 children
    /// sorted by name would otherwise sort them all again for every page.
    /// </remarks>
    /// <param name="culture">A language (Accept-Language): multilingual pages are filtered and sorted by their name in it,
    /// and those not live in it are left out.</param>
    public (int Total, IReadOnlyList<PublishedContent> Items) Run(PublishedSnapshot snapshot, PublishedContent? startItem = null, string? culture = null)
    {
        var all = snapshot.Remember(_resultKey + '\u001d' + startItem?.Key + '\u001d' + culture, () => RunUncached(snapshot, startItem, culture));
        return (all.Count, all.Skip(Skip).Take(Take).ToList());
    }

    private List<PublishedContent> RunUncached(PublishedSnapshot snapshot, PublishedContent? startItem, string? culture)
    {
        IEnumerable<PublishedContent> source;
        if (_fetch is not { } fetch)
            source = startItem is not null ? Descendants(snapshot, startItem) : snapshot.Roots.SelectMany(root => Descendants(snapshot, root).Prepend(root));
        else
        {
            var target = Find(snapshot, fetch.Target, startItem, culture);
            if (target is null) return [];
            source = fetch.Kind switch
            {
                "children" => snapshot.Children(target.Key),
                "descendants" => Descendants(snapshot, target),
                _ => snapshot.Ancestors(target),
            };
        }
        var filtered = source.Select(c => c.InCulture(culture)).OfType<PublishedContent>().Where(c => _filters.All(f => f(c)));
        if (_sorts.Count > 0)
        {
            var (first, descending) = _sorts[0];
            var ordered = descending ? filtered.OrderByDescending(c => first(c, snapshot)) : filtered.OrderBy(c => first(c, snapshot));
            foreach (var (key, desc) in _sorts.Skip(1)) ordered = desc ? ordered.ThenByDescending(c => key(c, snapshot)) : ordered.ThenBy(c => key(c, snapshot));
            filtered = ordered;
        }
        return filtered.ToList();
    }

    /// <summary>
    /// An item by GUID, or by path below the start item ("zo-veranderen-wij/verbeelden/"). A path arrives
    /// percent-encoded from generated clients ("zo-veranderen-wij%2Fverbeelden"): it is decoded, as Umbraco does.
    /// </summary>
    /// <param name="culture">A language: a path is read in it, and the item is its view in it (null when not live in it).</param>
    public static PublishedContent? Find(PublishedSnapshot snapshot, string idOrPath, PublishedContent? startItem = null, string? culture = null)
    {
        var text = idOrPath.Contains('%') ? Uri.UnescapeDataString(idOrPath) : idOrPath;
        if (Guid.TryParse(text, out var key)) return snapshot.ByKey(key)?.InCulture(culture);
        var below = startItem?.InCulture(culture)?.Route ?? startItem?.Route ?? "/";
        return snapshot.ByRoute(below + text.Trim('/'), culture);
    }

    /// <summary>
    /// The root a <c>Start-Item</c> header names, by key or URL segment (any case), as Umbraco matches it; null when
    /// it names none.
    /// </summary>
    public static PublishedContent? StartItem(PublishedSnapshot snapshot, string header)
    {
        var value = header.Trim().Trim('/');
        return Guid.TryParse(value, out var key)
            ? snapshot.Roots.FirstOrDefault(r => r.Key == key)
            : snapshot.Roots.FirstOrDefault(r => string.Equals(r.UrlSegment, value, StringComparison.OrdinalIgnoreCase));
    }

    private static IEnumerable<PublishedContent> Descendants(PublishedSnapshot snapshot, PublishedContent content)
    {
        foreach (var child in snapshot.Children(content.Key))
        {
            yield return child;
            foreach (var grandchild in Descendants(snapshot, child)) yield return grandchild;
        }
    }

    private static bool TryCount(string? value, int fallback, out int result)
    {
        if (string.IsNullOrEmpty(value))
        {
            result = fallback;
            return true;
        }
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out result);
    }
}
