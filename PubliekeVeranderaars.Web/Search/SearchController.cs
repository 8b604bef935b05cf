using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Search;
using PubliekeVeranderaars.Web.Content;

namespace PubliekeVeranderaars.Web.Search;

/// <summary>
/// <c>/zoeken/?q=</c>: the site search, in the site's layout. A plain GET form, so results can be bookmarked and
/// shared and the back button works; nothing is stored about what visitors search for.
/// </summary>
public sealed class SearchController(PublishedContentCache cache, ContentSearch search) : Controller
{
    public const string Path = "/zoeken/";
    public const string QueryKey = "q";
    public const string PageKey = "pagina";
    public const string ViewPath = "~/Views/Search/Search.cshtml";
    private const int BuildingRetryAfterSeconds = 30;

    [HttpGet(Path)]
    [HttpHead(Path)]
    [EnableRateLimiting(SearchRateLimitPolicy.Name)]
    public IActionResult Search()
    {
        var text = Request.Query[QueryKey].FirstOrDefault() ?? "";
        var page = int.TryParse(Request.Query[PageKey].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 1;
        var snapshot = cache.Current;
        // Result pages are not content: search engines should index the pages themselves, not our lists of them.
        Response.Headers["X-Robots-Tag"] = "noindex";

        var query = SearchQueryText.Parse(text);
        if (query is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(ViewPath, new SearchPageModel(snapshot, text)
            {
                Error = $"Je zoekopdracht is te lang. Gebruik hooguit {SearchQueryText.MaxLength} tekens: een paar woorden vinden meestal het meest.",
            });
        }
        var results = query.IsEmpty ? null : search.Search(query, page);
        if (results?.Match == SearchMatch.IndexBuilding)
        {
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            Response.Headers.RetryAfter = BuildingRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }
        return View(ViewPath, new SearchPageModel(snapshot, text) { Results = results, Building = search.Building });
    }
}
