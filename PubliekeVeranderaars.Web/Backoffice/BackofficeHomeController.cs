using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Mail;
using PubliekeVeranderaars.Core.Signatures;

namespace PubliekeVeranderaars.Web.Backoffice;

[Authorize(Policy = BackofficePolicies.AnyRole)]
[Route("backoffice")]
public sealed class BackofficeHomeController(SignatureCounter signatures, OutboxQueries outbox, ContentQueries content) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View("~/Views/Backoffice/Index.cshtml", new BackofficeDashboardModel(
            await signatures.ConfirmedCountAsync(cancellationToken),
            await outbox.FailedCountAsync(cancellationToken),
            await content.AwaitingPublicationAsync(cancellationToken)));
}

public sealed record BackofficeDashboardModel(int ConfirmedSignatures, int FailedMails, int AwaitingPublication);
