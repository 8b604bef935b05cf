using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Mail;
using PubliekeVeranderaars.Core.Privacy;
using PubliekeVeranderaars.Core.Signatures;

namespace PubliekeVeranderaars.Web.Backoffice;

[Authorize(Policy = BackofficePolicies.AnyRole)]
[Route("backoffice")]
public sealed class BackofficeHomeController(SignatureCounter signatures, OutboxQueries outbox, ContentQueries content, PrivacyRequests privacy) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var (open, firstDue) = await privacy.OpenAsync(cancellationToken);
        return View("~/Views/Backoffice/Index.cshtml", new BackofficeDashboardModel(
            await signatures.ConfirmedCountAsync(cancellationToken),
            await outbox.FailedCountAsync(cancellationToken),
            await content.AwaitingPublicationAsync(cancellationToken),
            open, firstDue));
    }
}

/// <param name="OpenPrivacyRequests">Privacy requests not yet answered; <paramref name="FirstPrivacyDeadline"/> the earliest of their deadlines.</param>
public sealed record BackofficeDashboardModel(int ConfirmedSignatures, int FailedMails, int AwaitingPublication, int OpenPrivacyRequests, DateOnly? FirstPrivacyDeadline);
