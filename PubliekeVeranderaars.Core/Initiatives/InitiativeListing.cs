using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Core.Initiatives;

/// <summary>Which initiatives a visitor asked to see: all of them, or only those open or closed for sign-ups.</summary>
public enum InitiativeListingFilter { All, Open, Closed }

/// <summary>
/// One page of the public list of initiatives, with the counts its filter links and page links need. A network with
/// thousands of initiatives must not send them all to a phone: the list is paged, the sitemap names every one.
/// </summary>
public sealed record InitiativeListing(
    IReadOnlyList<PublishedContent> Items,
    InitiativeListingFilter Filter,
    int Page,
    int PageCount,
    int OpenCount,
    int ClosedCount)
{
    /// <summary>About what one screenful of a phone's scrolling shows in a few flicks; a page stays well under 100 KB.</summary>
    public const int PageSize = 20;

    public int TotalCount => OpenCount + ClosedCount;
    public int FilteredCount => Filter switch
    {
        InitiativeListingFilter.Open => OpenCount,
        InitiativeListingFilter.Closed => ClosedCount,
        _ => TotalCount,
    };

    /// <summary>
    /// Page <paramref name="page"/> (from 1) of <paramref name="initiatives"/> in their tree order, or null when
    /// that page does not exist (a page past the last, or below 1): the caller answers 404 rather than an empty list.
    /// An empty list is page 1 of 1.
    /// </summary>
    public static InitiativeListing? For(IReadOnlyList<PublishedContent> initiatives, InitiativeListingFilter filter, int page)
    {
        var open = 0;
        var matching = new List<PublishedContent>(initiatives.Count);
        foreach (var initiative in initiatives)
        {
            var isOpen = InitiativeStatus.IsOpen(initiative);
            if (isOpen) open++;
            if (filter == InitiativeListingFilter.All || (filter == InitiativeListingFilter.Open) == isOpen) matching.Add(initiative);
        }
        var pageCount = Math.Max(1, (matching.Count + PageSize - 1) / PageSize);
        if (page < 1 || page > pageCount) return null;
        var items = matching.Skip((page - 1) * PageSize).Take(PageSize).ToList();
        return new InitiativeListing(items, filter, page, pageCount, open, initiatives.Count - open);
    }

    /// <summary>The filter named in a URL ("open", "gesloten"); anything else is the whole list.</summary>
    public static InitiativeListingFilter ParseFilter(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        InitiativeStatus.Open => InitiativeListingFilter.Open,
        InitiativeStatus.Closed => InitiativeListingFilter.Closed,
        _ => InitiativeListingFilter.All,
    };

    /// <summary>The filter's name in a URL, the counterpart of <see cref="ParseFilter"/>; null for the whole list.</summary>
    public static string? FilterValue(InitiativeListingFilter filter) => filter switch
    {
        InitiativeListingFilter.Open => InitiativeStatus.Open,
        InitiativeListingFilter.Closed => InitiativeStatus.Closed,
        _ => null,
    };
}
