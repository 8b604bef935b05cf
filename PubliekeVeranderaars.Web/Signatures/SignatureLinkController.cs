using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Signatures;
using PubliekeVeranderaars.Web.Content;
using PubliekeVeranderaars.Web.Forms;

namespace PubliekeVeranderaars.Web.Signatures;

/// <summary>
/// The links in signature mails. A GET only shows a button, because mail scanners open every link; the POST acts.
/// The POST needs no earlier visit: the GET page itself hands out the antiforgery cookie and token.
/// </summary>
[AutoValidateAntiforgeryToken]
[EnableRateLimiting(FormsExtensions.RateLimitPolicy)]
public sealed class SignatureLinkController(SignatureService signatures, SignatureUpdates updates, PublishedContentCache cache) : Controller
{
    private const string LinkView = "~/Views/Signatures/SignatureLink.cshtml";

    [HttpGet(SignatureService.ConfirmPath)]
    public async Task<IActionResult> Confirm(string? token, CancellationToken cancellationToken)
    {
        var details = await signatures.PendingConfirmationAsync(token, cancellationToken);
        return Page(SignatureLinkKind.Confirm, token, details is null ? SignatureLinkState.Invalid : SignatureLinkState.Ask, details);
    }

    [HttpPost(SignatureService.ConfirmPath)]
    public async Task<IActionResult> ConfirmPost([FromForm] string? token, [FromForm] bool updates, CancellationToken cancellationToken) =>
        Page(SignatureLinkKind.Confirm, null, await signatures.ConfirmAsync(token, updates, cancellationToken) switch
        {
            SignatureConfirmResult.Confirmed => SignatureLinkState.Done,
            SignatureConfirmResult.AlreadyConfirmed => SignatureLinkState.Done,
            _ => SignatureLinkState.Invalid,
        });

    [HttpGet(SignatureService.WithdrawPath)]
    public async Task<IActionResult> Withdraw(string? token, CancellationToken cancellationToken) =>
        Page(SignatureLinkKind.Withdraw, token, await signatures.IsWithdrawTokenValidAsync(token, cancellationToken)
            ? SignatureLinkState.Ask : SignatureLinkState.Invalid);

    [HttpPost(SignatureService.WithdrawPath)]
    public async Task<IActionResult> WithdrawPost([FromForm] string? token, CancellationToken cancellationToken) =>
        Page(SignatureLinkKind.Withdraw, null, await signatures.WithdrawAsync(token, cancellationToken)
            ? SignatureLinkState.Done : SignatureLinkState.Invalid);

    [HttpGet(SignatureUpdates.UnsubscribePath)]
    public async Task<IActionResult> Unsubscribe(string? token, CancellationToken cancellationToken) =>
        Page(SignatureLinkKind.Unsubscribe, token, await updates.IsUnsubscribeTokenValidAsync(token, cancellationToken)
            ? SignatureLinkState.Ask : SignatureLinkState.Invalid);

    [HttpPost(SignatureUpdates.UnsubscribePath)]
    public async Task<IActionResult> UnsubscribePost([FromForm] string? token, CancellationToken cancellationToken) =>
        Page(SignatureLinkKind.Unsubscribe, null, await updates.UnsubscribeAsync(token, cancellationToken)
            ? SignatureLinkState.Done : SignatureLinkState.Invalid);

    private ViewResult Page(SignatureLinkKind kind, string? token, SignatureLinkState state, SignatureDetails? details = null)
    {
        // An unusable link is a normal situation for a visitor (an old mail), not a server error: 410 Gone.
        if (state == SignatureLinkState.Invalid) Response.StatusCode = StatusCodes.Status410Gone;
        Response.Headers.CacheControl = "no-store";
        // The token is in the URL; keep it out of Referer headers of links on the page.
        Response.Headers["Referrer-Policy"] = "no-referrer";
        var snapshot = cache.Current;
        var signPage = snapshot.All.FirstOrDefault(c => c.ContentTypeAlias == SignatureLinkPageModel.SignPageAlias);
        var (title, route) = kind switch
        {
            SignatureLinkKind.Confirm => ("Ondertekening bevestigen", SignatureService.ConfirmPath),
            SignatureLinkKind.Withdraw => ("Ondertekening intrekken", SignatureService.WithdrawPath),
            _ => ("Afmelden voor updates", SignatureUpdates.UnsubscribePath),
        };
        var page = ContentPageModel.VirtualPage(title, route, signPage, snapshot);
        return View(LinkView, new SignatureLinkPageModel(page, snapshot, kind, state, token, signPage, details));
    }
}

public enum SignatureLinkKind
{
    Confirm,
    Withdraw,
    Unsubscribe,
}

public enum SignatureLinkState
{
    /// <summary>The link is good: show the button.</summary>
    Ask,
    /// <summary>The button was pressed and it worked.</summary>
    Done,
    /// <summary>Unknown, used or expired.</summary>
    Invalid,
}

public sealed class SignatureLinkPageModel(PublishedContent content, PublishedSnapshot snapshot, SignatureLinkKind kind,
    SignatureLinkState state, string? token, PublishedContent? signPage, SignatureDetails? details) : ContentPageModel(content, snapshot)
{
    public const string SignPageAlias = "signPage";
    public SignatureLinkKind Kind { get; } = kind;
    public SignatureLinkState State { get; } = state;
    public string? Token { get; } = token;
    public PublishedContent? SignPage { get; } = signPage;
    /// <summary>On a confirm page: what the button confirms.</summary>
    public SignatureDetails? Details { get; } = details;
}
