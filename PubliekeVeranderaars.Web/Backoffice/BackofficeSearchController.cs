using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PubliekeVeranderaars.Core;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Storage;
using PubliekeVeranderaars.Core.Search;

namespace PubliekeVeranderaars.Web.Backoffice;

/// <summary>
/// This node's search index, as Umbraco's Examine dashboard shows it: how many pages it holds against how many are
/// published, and a button to write it anew.
/// </summary>
[Authorize(Policy = BackofficePolicies.Administration)]
[AutoValidateAntiforgeryToken]
[Route("backoffice/zoekindex")]
public sealed class BackofficeSearchController(ContentSearch search, AuditLog audit) : Controller
{
    private const string ScreenView = "~/Views/Backoffice/Search.cshtml";

    [HttpGet("")]
    public IActionResult Index() => View(ScreenView, new BackofficeSearchModel(search.Status(), null));

    [HttpPost("opnieuw-opbouwen")]
    public async Task<IActionResult> Rebuild(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var count = search.Rebuild();
        var seconds = clock.Elapsed.TotalSeconds;
        await audit.WriteAsync(Actor.User(User.Identity?.Name ?? ""), AuditActions.SearchRebuild, search.Status().Path,
            DutchFormat.Count(count, "pagina", "pagina's"), cancellationToken);
        return View(ScreenView, new BackofficeSearchModel(search.Status(),
            $"De zoekindex is opnieuw opgebouwd: {DutchFormat.Count(count, "pagina", "pagina's")} in {DutchFormat.Decimal(seconds)} seconden."));
    }
}

public sealed record BackofficeSearchModel(ContentSearchStatus Status, string? Message);
