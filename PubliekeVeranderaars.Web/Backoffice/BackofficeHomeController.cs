using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Mail;
using PubliekeVeranderaars.Core.Signatures;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Web.Backoffice;

[Authorize(Policy = BackofficePolicies.AnyRole)]
[Route("backoffice")]
public sealed class BackofficeHomeController(SiteDatabase database, SignatureCounter signatures) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        var model = new BackofficeDashboardModel(
            await signatures.ConfirmedCountAsync(cancellationToken),
            await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Failed, cancellationToken),
            await db.ContentNodes.CountAsync(n => n.AwaitingPublication && !n.Trashed, cancellationToken));
        return View("~/Views/Backoffice/Index.cshtml", model);
    }
}

public sealed record BackofficeDashboardModel(int ConfirmedSignatures, int FailedMails, int AwaitingPublication);
