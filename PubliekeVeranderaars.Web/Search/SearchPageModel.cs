using System.Globalization;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Search;
using PubliekeVeranderaars.Web.Content;

namespace PubliekeVeranderaars.Web.Search;

/// <summary>The search page: what the visitor typed (always shown back), and the results or what went wrong.</summary>
public sealed class SearchPageModel(PublishedSnapshot snapshot, string text)
    : ContentPageModel(ContentPageModel.VirtualPage("Zoeken", SearchController.Path, null, snapshot), snapshot)
{
    public string Text { get; } = text;
    public ContentSearchResults? Results { get; init; }
    public string? Error { get; init; }
    /// <summary>Progress of the index being built, when search cannot answer yet.</summary>
    public SearchIndexBuild? Building { get; init; }

    public override string Title => Results switch
    {
        null => "Zoeken",
        { PageCount: > 1 } r => $"Zoekresultaten voor ‘{Text}’, pagina {r.Page} van {r.PageCount}",
        _ => $"Zoekresultaten voor ‘{Text}’",
    };

    public override string MetaDescription => "Zoek in de pagina's, principes en initiatieven van de site.";

    public static string Url(string text, int page = 1) =>
        $"{SearchController.Path}?{SearchController.QueryKey}={Uri.EscapeDataString(text)}"
        + (page > 1 ? $"&{SearchController.PageKey}={page.ToString(CultureInfo.InvariantCulture)}" : "");

    /// <summary>Where a result sits in the site ("Home › Initiatieven"), so two pages with one name can be told apart.</summary>
    public string TrailOf(ContentSearchHit hit) => Snapshot.ByKey(hit.Key) is { } page
        ? string.Join(" › ", Snapshot.Ancestors(page).Append(page).Select(p => p.Route == "/" ? "Home" : p.Name))
        : hit.Name;

    /// <summary>The page numbers to link to, with null where a run of numbers is left out.</summary>
    public IReadOnlyList<int?> PagerPages() => Results is { PageCount: > 1 } r ? PagerLinks.Around(r.Page, r.PageCount) : [];
}
