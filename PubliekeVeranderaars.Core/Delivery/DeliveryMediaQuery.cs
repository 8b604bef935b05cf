using PubliekeVeranderaars.Core.Media;

namespace PubliekeVeranderaars.Core.Delivery;

/// <summary>
/// The media query of the Delivery API (<c>/media?fetch=children:…</c>): Umbraco requires a <c>fetch</c> naming a
/// folder (by id or path, <c>/</c> for the top), filters by <c>mediaType:</c> and <c>name:</c> (a comma means "or"),
/// sorts by name, dates or sort order, and pages with skip and take.
/// </summary>
public sealed class DeliveryMediaQuery
{
    private string _fetch = "";
    private readonly List<Func<MediaItem, bool>> _filters = [];
    private readonly List<(Func<MediaItem, IComparable> Key, bool Descending)> _sorts = [];
    public int Skip { get; private set; }
    public int Take { get; private set; } = DeliveryQuery.DefaultTake;

    public static (DeliveryMediaQuery? Query, string? Error) Parse(string? fetch, IEnumerable<string> filters, IEnumerable<string> sorts, string? skip, string? take)
    {
        var query = new DeliveryMediaQuery();
        if (string.IsNullOrWhiteSpace(fetch) || !fetch.Trim().StartsWith("children:", StringComparison.OrdinalIgnoreCase))
            return (null, "Fetch option not found: the media query needs fetch=children: with the id or path of a folder (children:/ for the top).");
        query._fetch = fetch.Trim()["children:".Length..];
        foreach (var filter in filters.Where(f => !string.IsNullOrWhiteSpace(f)))
        {
            var colon = filter.IndexOf(':');
            var field = colon > 0 ? filter[..colon] : "";
            var value = colon > 0 ? filter[(colon + 1)..] : "";
            var negate = value.StartsWith('!');
            var values = value.TrimStart('!').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Func<MediaItem, bool>? test = field.ToLowerInvariant() switch
            {
                "mediatype" => m => values.Any(v => string.Equals(m.MediaTypeAlias, v, StringComparison.OrdinalIgnoreCase)),
                "name" => m => values.Any(v => m.Name.Contains(v, StringComparison.OrdinalIgnoreCase)),
                _ => null,
            };
            if (test is null) return (null, $"Filter option not found: '{filter}'. Use mediaType: or name:.");
            query._filters.Add(m => test(m) != negate);
        }
        foreach (var sort in sorts.Where(s => !string.IsNullOrWhiteSpace(s)))
        {
            var parts = sort.Split(':');
            var direction = parts.Length == 2 ? parts[1].ToLowerInvariant() : "";
            Func<MediaItem, IComparable>? key = parts[0].ToLowerInvariant() switch
            {
                "name" => m => m.Name,
                "createdate" => m => m.CreateDate,
                "updatedate" => m => m.UpdateDate,
                "sortorder" => m => m.SortOrder,
                _ => null,
            };
            if (key is null || direction is not ("asc" or "desc")) return (null, $"Sort option not found: '{sort}'. Use name, createDate, updateDate or sortOrder with :asc or :desc.");
            query._sorts.Add((key, direction == "desc"));
        }
        if (skip is not null && (!int.TryParse(skip, out var s) || s < 0)) return (null, "skip must be a whole number of 0 or more.");
        if (take is not null && (!int.TryParse(take, out var t) || t < 0)) return (null, "take must be a whole number of 0 or more.");
        query.Skip = skip is null ? 0 : int.Parse(skip);
        query.Take = take is null ? DeliveryQuery.DefaultTake : Math.Min(int.Parse(take), DeliveryQuery.MaxTake);
        return (query, null);
    }

    /// <returns>The total and the page, or an empty result for a folder that does not exist (as Umbraco answers).</returns>
    public (int Total, IReadOnlyList<MediaItem> Items) Run(IReadOnlyDictionary<Guid, MediaItem> media)
    {
        var folder = _fetch is "" or "/" ? (Guid?)null : Find(media, _fetch)?.Key;
        if (folder is null && _fetch is not ("" or "/")) return (0, []);
        IEnumerable<MediaItem> items = media.Values.Where(m => m.ParentKey == folder);
        foreach (var filter in _filters) items = items.Where(filter);
        IOrderedEnumerable<MediaItem>? ordered = null;
        foreach (var (key, descending) in _sorts)
            ordered = ordered is null
                ? descending ? items.OrderByDescending(key) : items.OrderBy(key)
                : descending ? ordered.ThenByDescending(key) : ordered.ThenBy(key);
        var list = (ordered ?? items.OrderBy(m => m.SortOrder).ThenBy(m => m.Name)).ToList();
        return (list.Count, list.Skip(Skip).Take(Take).ToList());
    }

    /// <summary>By id, or by path of URL segments (<c>/folder/image/</c>), as <c>item/{path}</c> and <c>fetch</c> name items.</summary>
    public static MediaItem? Find(IReadOnlyDictionary<Guid, MediaItem> media, string idOrPath)
    {
        var text = Uri.UnescapeDataString(idOrPath.Trim());
        if (Guid.TryParse(text, out var key)) return media.GetValueOrDefault(key);
        var segments = text.Split('/', StringSplitOptions.RemoveEmptyEntries);
        MediaItem? current = null;
        foreach (var segment in segments)
        {
            var parent = current?.Key;
            current = media.Values.Where(m => m.ParentKey == parent)
                .FirstOrDefault(m => string.Equals(Content.UrlSegments.FromName(m.Name), segment, StringComparison.OrdinalIgnoreCase));
            if (current is null) return null;
        }
        return current;
    }
}
