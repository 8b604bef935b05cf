using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Core.Delivery;

/// <summary>
/// The content query of the Delivery API: <c>fetch</c>, <c>filter</c>, <c>sort</c>, <c>skip</c>, <c>take</c>, with
/// Umbraco's syntax. Anything it does not understand is an error for a 400, never a guess.
/// </summary>
public sealed class DeliveryQuery
{
    /// <summary>Umbraco's default page size.</summary>
    public const int DefaultTake = 10;
    /// <summary>Bounds the work one request can ask for.</summary>
    public const int MaxTake = 1000;

    private readonly List<Func<PublishedContent, bool>> _filters = [];
    private readonly List<(Func<PublishedContent, object> Key, bool Descending)> _sorts = [];
    private string? _fetch;
    /// <summary>Everything but skip and take: queries that differ only in the page share one result list.</summary>
    private string _resultKey = "";

    public int Skip { get; private set; }
    public int Take { get; private set; } = DefaultTake;

    public static (DeliveryQuery? Query, string? Error) Parse(string? fetch, IEnumerable<string> filters, IEnumerable<string> sorts, string? skip, string? take)
    {
        var query = new DeliveryQuery { _fetch = string.IsNullOrWhiteSpace(fetch) ? null : fetch.Trim() };
        if (query._fetch is { } f && !(f.StartsWith("children:", StringComparison.Ordinal) || f.StartsWith("descendants:", StringComparison.Ordinal)
                                        || f.StartsWith("ancestors:", StringComparison.Ordinal)))
            return (null, $"Unknown fetch '{Shorten(f)}': use children:, descendants: or ancestors: with an id or a path.");
        foreach (var filter in filters.Where(x => !string.IsNullOrWhiteSpace(x)))
        {
            if (filter.StartsWith("contentType:", StringComparison.Ordinal))
            {
                var alias = filter["contentType:".Length..];
                var negate = alias.StartsWith('!');
                alias = alias.TrimStart('!');
                query._filters.Add(c => string.Equals(c.ContentTypeAlias, alias, StringComparison.OrdinalIgnoreCase) != negate);
            }
            else if (filter.StartsWith("name:", StringComparison.Ordinal))
            {
                var name = filter["name:".Length..];
                var negate = name.StartsWith('!');
                name = name.TrimStart('!');
                query._filters.Add(c => c.Name.Contains(name, StringComparison.OrdinalIgnoreCase) != negate);
            }
            else return (null, $"Unknown filter '{Shorten(filter)}': use contentType:alias or name:text.");
        }
        foreach (var sort in sorts.Where(x => !string.IsNullOrWhiteSpace(x)))
        {
            var parts = sort.Split(':');
            if (parts.Length != 2 || parts[1] is not ("asc" or "desc")) return (null, $"Invalid sort '{Shorten(sort)}': use field:asc or field:desc.");
            Func<PublishedContent, object>? key = parts[0] switch
            {
                "name" => c => c.Name,
                "sortOrder" => c => c.SortOrder,
                "createDate" => c => c.CreateDate,
                "updateDate" => c => c.UpdateDate,
                "level" => c => c.Level,
                _ => null,
            };
            if (key is null) return (null, $"Unknown sort field '{Shorten(parts[0])}': use name, sortOrder, createDate, updateDate or level.");
            query._sorts.Add((key, parts[1] == "desc"));
        }
        if (!TryCount(skip, 0, int.MaxValue, out var s)) return (null, "skip must be a whole number of 0 or more.");
        if (!TryCount(take, DefaultTake, MaxTake, out var t)) return (null, $"take must be a whole number from 0 to {MaxTake}.");
        query.Skip = s;
        query.Take = t;
        query._resultKey = string.Join('\u001e', "delivery-query", query._fetch ?? "",
            string.Join('\u001f', filters), string.Join('\u001f', sorts));
        return (query, null);
    }

    /// <summary>Runs the query; null when the item named by fetch does not exist.</summary>
    /// <remarks>
    /// The filtered, sorted list is kept with the snapshot it came from: a client paging through 10,000 children
    /// sorted by name would otherwise sort them all again for every page.
    /// </remarks>
    public (int Total, IReadOnlyList<PublishedContent> Items)? Run(PublishedSnapshot snapshot)
    {
        var all = snapshot.Remember(_resultKey, () => RunUncached(snapshot));
        return all is null ? null : (all.Count, all.Skip(Skip).Take(Take).ToList());
    }

    private List<PublishedContent>? RunUncached(PublishedSnapshot snapshot)
    {
        IEnumerable<PublishedContent> source;
        if (_fetch is null) source = snapshot.Roots.SelectMany(root => Descendants(snapshot, root).Prepend(root));
        else
        {
            var colon = _fetch.IndexOf(':');
            var target = Find(snapshot, _fetch[(colon + 1)..]);
            if (target is null) return null;
            source = _fetch[..colon] switch
            {
                "children" => snapshot.Children(target.Key),
                "descendants" => Descendants(snapshot, target),
                _ => snapshot.Ancestors(target),
            };
        }
        var filtered = source.Where(c => _filters.All(f => f(c)));
        if (_sorts.Count > 0)
        {
            var (first, descending) = _sorts[0];
            var ordered = descending ? filtered.OrderByDescending(first) : filtered.OrderBy(first);
            foreach (var (key, desc) in _sorts.Skip(1)) ordered = desc ? ordered.ThenByDescending(key) : ordered.ThenBy(key);
            filtered = ordered;
        }
        return filtered.ToList();
    }

    /// <summary>An item by GUID, or by path below the start item ("zo-veranderen-wij/verbeelden/").</summary>
    public static PublishedContent? Find(PublishedSnapshot snapshot, string idOrPath) =>
        Guid.TryParse(idOrPath, out var key) ? snapshot.ByKey(key) : snapshot.ByRoute("/" + idOrPath.Trim('/'));

    private static IEnumerable<PublishedContent> Descendants(PublishedSnapshot snapshot, PublishedContent content)
    {
        foreach (var child in snapshot.Children(content.Key))
        {
            yield return child;
            foreach (var grandchild in Descendants(snapshot, child)) yield return grandchild;
        }
    }

    private static bool TryCount(string? value, int fallback, int max, out int result)
    {
        if (string.IsNullOrEmpty(value))
        {
            result = fallback;
            return true;
        }
        return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out result) && result <= max;
    }

    /// <summary>Error messages echo the input only in part: a 5,000-character query is not sent back whole.</summary>
    private static string Shorten(string value) => value.Length <= 60 ? value : value[..60] + "…";
}
