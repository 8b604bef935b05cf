using System.Globalization;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Initiatives;

namespace PubliekeVeranderaars.Web.Content;

/// <summary>The initiatives page: one page of the list, its filter and the links to the other pages.</summary>
public sealed class InitiativesPageModel(PublishedContent content, PublishedSnapshot snapshot, InitiativeListing listing)
    : ContentPageModel(content, snapshot)
{
    public const string ContentTypeAlias = "initiativesPage";
    public const string FilterQueryKey = "status";
    public const string PageQueryKey = "pagina";

    public InitiativeListing Listing { get; } = listing;

    /// <summary>The heading: the page's own title.</summary>
    public string Heading => base.Title;

    /// <summary>The window title names the page of the list, so a tab, a bookmark and a screen reader can tell them apart.</summary>
    public override string Title => Listing.Page > 1 ? $"{base.Title} (pagina {Listing.Page} van {Listing.PageCount})" : base.Title;

    /// <summary>
    /// The model for <paramref name="content"/> as the query asks for it, or null when the query names a page that
    /// does not exist (past the last, not a number): that is a 404, so no search engine keeps an empty page.
    /// </summary>
    public static InitiativesPageModel? For(PublishedContent content, PublishedSnapshot snapshot, IQueryCollection query)
    {
        var page = 1;
        if (query.TryGetValue(PageQueryKey, out var asked)
            && !int.TryParse(asked.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out page)) return null;
        var initiatives = snapshot.Children(content.Key)
            .Where(c => c.ContentTypeAlias == InitiativeStatus.InitiativeTypeAlias).ToList();
        var listing = InitiativeListing.For(initiatives, InitiativeListing.ParseFilter(query[FilterQueryKey]), page);
        return listing is null ? null : new InitiativesPageModel(content, snapshot, listing);
    }

    /// <summary>This page's address for a filter and page; page 1 and the whole list leave their key out.</summary>
    public string Url(InitiativeListingFilter filter, int page)
    {
        var query = new List<string>(2);
        if (InitiativeListing.FilterValue(filter) is { } value) query.Add($"{FilterQueryKey}={value}");
        if (page > 1) query.Add(string.Create(CultureInfo.InvariantCulture, $"{PageQueryKey}={page}"));
        return query.Count == 0 ? Content.Route : Content.Route + "?" + string.Join("&", query);
    }

    public string PageUrl(int page) => Url(Listing.Filter, page);

    /// <summary>The page numbers to link: first, last, and a few around the current; null where numbers are left out.</summary>
    public IReadOnlyList<int?> PageLinks() => PagerLinks.Around(Listing.Page, Listing.PageCount);
}
