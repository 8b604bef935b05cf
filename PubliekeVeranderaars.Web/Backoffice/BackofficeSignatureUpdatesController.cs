using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PubliekeVeranderaars.Core;
using PubliekeVeranderaars.Core.Signatures;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Web.Backoffice;

/// <summary>
/// Updates to the signers who asked for them: write one, check who it goes to, send it, and follow the sending.
/// Communication staff (publishers) send; the recipients stay out of sight: the screen shows counts, never addresses.
/// </summary>
[Authorize(Policy = BackofficePolicies.PersonalData)]
[Route("backoffice")]
public sealed class BackofficeSignatureUpdatesController(SignatureUpdates updates) : Controller
{
    public const string Path = "/backoffice/updates";
    public const string ConfirmField = "confirm";
    private const string MessageKey = "updates-message";
    private const string ViewPath = "~/Views/Backoffice/SignatureUpdates.cshtml";

    [HttpGet("updates")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        await ShowAsync(new SignatureUpdateForm(Guid.NewGuid(), "", "", false), new Dictionary<string, string>(), ct);

    [HttpPost("updates")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Send(Guid key, string? subject, string? text, bool confirm, CancellationToken ct)
    {
        var form = new SignatureUpdateForm(key == Guid.Empty ? Guid.NewGuid() : key, subject ?? "", text ?? "", confirm);
        var errors = SignatureUpdates.Validate(subject, text).ToDictionary();
        var subscribers = await updates.SubscriberCountAsync(ct);
        if (subscribers == 0) errors[ConfirmField] = "Er zijn nog geen ondertekenaars die updates willen ontvangen; er is niemand om deze update naar te sturen.";
        else if (!confirm) errors[ConfirmField] = $"Vink aan dat je deze update nu naar {DutchFormat.Count(subscribers, "ondertekenaar", "ondertekenaars")} wilt sturen.";
        if (errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync(form, errors, ct);
        }
        var result = await updates.SendAsync(form.Key, form.Subject, form.Text, Actor.User(User.Identity?.Name ?? ""), ct);
        TempData[MessageKey] = result.Status switch
        {
            SignatureUpdateSendStatus.Queued =>
                $"De update staat klaar voor {DutchFormat.Count(result.Recipients, "ondertekenaar", "ondertekenaars")}. De mail verstuurt ze één voor één; hieronder zie je hoe ver het is.",
            SignatureUpdateSendStatus.AlreadySent => "Deze update was al verstuurd; er is niets dubbel verstuurd.",
            _ => "Er zijn geen ondertekenaars (meer) die updates willen ontvangen; er is niets verstuurd.",
        };
        return Redirect(Path);
    }

    private async Task<ViewResult> ShowAsync(SignatureUpdateForm form, IReadOnlyDictionary<string, string> errors, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        return View(ViewPath, new SignatureUpdatesModel(await updates.SubscriberCountAsync(ct), await updates.ListAsync(ct), form, errors,
            TempData[MessageKey] as string));
    }
}

public sealed record SignatureUpdateForm(Guid Key, string Subject, string Text, bool Confirm);

public sealed record SignatureUpdatesModel(int Subscribers, IReadOnlyList<SignatureUpdateProgress> Updates, SignatureUpdateForm Form,
    IReadOnlyDictionary<string, string> Errors, string? Message);
