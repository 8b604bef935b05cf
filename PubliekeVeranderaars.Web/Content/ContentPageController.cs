using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Web.Content;

/// <summary>
/// Renders any published page by its URL, with the view named after its document type
/// (<c>Views/Content/{alias}.cshtml</c>), as Umbraco picks a template per document type.
/// </summary>
public sealed class ContentPageController(PublishedContentCache cache) : Controller
{
    public const string NotFoundView = "~/Views/Shared/NotFound.cshtml";

    /// <summary>Lowest priority: every other endpoint (API, health, back office) wins over the content tree.</summary>
    private const int CatchAllOrder = int.MaxValue;

    [HttpGet("{**path}", Order = CatchAllOrder)]
    [HttpHead("{**path}", Order = CatchAllOrder)]
    [OutputCache(PolicyName = ContentOutputCache.PolicyName)]
    public IActionResult Render(string? path)
    {
        var snapshot = cache.Current;
        var content = snapshot.ByRoute("/" + (path ?? ""));
        if (content is null) return PageNotFound(snapshot);
        return View($"~/Views/Content/{content.ContentTypeAlias}.cshtml", new ContentPageModel(content, snapshot));
    }

    private ViewResult PageNotFound(PublishedSnapshot snapshot)
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        var notFoundPage = new PublishedContent
        {
            Key = Guid.Empty, ParentKey = snapshot.Home?.Key, ContentTypeAlias = "notFound", Name = "Pagina niet gevonden",
            UrlSegment = "", Route = "/404/", Level = 2, SortOrder = 0, CreateDate = snapshot.BuiltUtc,
            UpdateDate = snapshot.BuiltUtc, Properties = new Dictionary<string, PublishedProperty>(),
        };
        return View(NotFoundView, new ContentPageModel(notFoundPage, snapshot));
    }
}
