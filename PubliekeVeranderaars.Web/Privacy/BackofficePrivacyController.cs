using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PubliekeVeranderaars.Core;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Mail;
using PubliekeVeranderaars.Core.Privacy;
using PubliekeVeranderaars.Core.Storage;
using PubliekeVeranderaars.Web.Backoffice;
using PubliekeVeranderaars.Web.Infrastructure;
using PubliekeVeranderaars.Web.Jobs;

namespace PubliekeVeranderaars.Web.Privacy;

/// <summary>
/// Privacy requests for staff (AVG art. 15 and 17): the register with its deadlines; one person's data looked up by
/// address, exported for them, mailed to them, or erased in one confirmed step. Addresses travel only in POST bodies,
/// never in a URL: request logs hold no address.
/// </summary>
[Authorize(Policy = BackofficePolicies.PrivacyRequests)]
[Route("backoffice")]
public sealed class BackofficePrivacyController(PrivacyRequests requests, PersonalDataSearch search, PersonalDataErasure erasure,
    PersonalDataRetention retention, PrivacyHashes hashes, AuditLog audit, MailOptions mail, TimeProvider clock) : Controller
{
    private const string MessageKey = "privacy-message";
    private Actor Me => Actor.User(User.Identity?.Name ?? "");

    [HttpGet("privacy")]
    public async Task<IActionResult> Index(CancellationToken ct) => await ShowIndexAsync(null, null, null, ct);

    [HttpPost("privacy/verzoeken")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Register(string? email, PrivacyRequestKind kind, DateOnly? receivedOn, CancellationToken ct)
    {
        var form = new PrivacyRegisterForm(email ?? "", kind, receivedOn);
        if (Address(email) is not { } address)
            return await ShowIndexAsync(form, new(EmailField, "Vul het e-mailadres in van wie het verzoek deed, zoals naam@voorbeeld.nl."), null, ct);
        if (receivedOn is not { } day || day > requests.Today)
            return await ShowIndexAsync(form, new(DateField, "Vul de datum in waarop het verzoek binnenkwam (vandaag of eerder)."), null, ct);
        var request = await requests.RegisterAsync(address, kind, day, Me, ct);
        TempData[MessageKey] = $"Verzoek vastgelegd. Beantwoorden vóór {DutchFormat.Date(request.DueOn)}.";
        return Redirect("/backoffice/privacy");
    }

    [HttpPost("privacy/verzoeken/{id:long}/beantwoord")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Answer(long id, string? outcome, CancellationToken ct)
    {
        TempData[MessageKey] = await requests.AnswerAsync(id, outcome ?? "", Me, ct)
            ? "Verzoek beantwoord. Het register bewaart vanaf nu alleen dat het er was, niet het adres."
            : "Dit verzoek was al beantwoord.";
        return Redirect("/backoffice/privacy");
    }

    /// <summary>Every record about one address, by kind, with what can be done with it. Audited: seeing someone's data is a use of it.</summary>
    [HttpPost("privacy/opzoeken")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Lookup(string? email, CancellationToken ct)
    {
        if (Address(email) is not { } address)
            return await ShowIndexAsync(null, null, new PrivacyLookupForm(email ?? "", "Vul een e-mailadres in, zoals naam@voorbeeld.nl."), ct);
        await audit.WriteAsync(Me, AuditActions.LookUpPersonalData, PersonalDataErasure.AuditTarget(await hashes.HashAsync(address, ct)), "", ct);
        return await ShowLookupAsync(address, null, ct);
    }

    private async Task<IActionResult> ShowLookupAsync(string address, string? error, CancellationToken ct)
    {
        var report = await search.FindAsync(address, ct);
        var erasedBefore = await audit.LastAsync(AuditActions.ErasePersonalData, PersonalDataErasure.AuditTarget(await hashes.HashAsync(address, ct)), ct);
        if (error is not null) Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("~/Views/Backoffice/PrivacyLookup.cshtml", new PrivacyLookupModel(report, erasedBefore, error));
    }

    /// <summary>The answer to an access request: a page the person can read (HTML) or the same as JSON. Audited.</summary>
    [HttpPost("privacy/export")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Export(string? email, string? format, CancellationToken ct)
    {
        if (Address(email) is not { } address) return BadRequest();
        var report = await search.FindAsync(address, ct);
        var json = string.Equals(format, "json", StringComparison.OrdinalIgnoreCase);
        await audit.WriteAsync(Me, AuditActions.ExportPersonalData, PersonalDataErasure.AuditTarget(await hashes.HashAsync(address, ct)),
            $"inzage: {DutchFormat.Count(report.Records.Count, "gegeven", "gegevens")}, {(json ? "json" : "html")}", ct);
        var day = DutchFormat.ToAmsterdam(report.MadeUtc).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return json
            ? File(Encoding.UTF8.GetBytes(PersonalDataExport.ToJson(report)), "application/json", $"persoonsgegevens-{day}.json")
            : File(Encoding.UTF8.GetBytes(PersonalDataExport.ToHtml(report, mail.FromName)), "text/html", $"persoonsgegevens-{day}.html");
    }

    /// <summary>Mails the readable overview to the address itself (only there: the person asked for their own data).</summary>
    [HttpPost("privacy/mail")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> MailOverview(string? email, CancellationToken ct)
    {
        if (Address(email) is not { } address) return BadRequest();
        var report = await search.FindAsync(address, ct);
        var html = PersonalDataExport.ToHtml(report, mail.FromName);
        var text = "Hallo,\n\nJe vroeg welke gegevens de site van " + mail.FromName + " over je bewaart. Hieronder staat alles, per soort.\n\n" +
                   string.Join("\n\n", report.Records.Select(r => $"{r.Kind}: {r.Summary}\n" + string.Join("\n", r.Fields.Select(f => $"  {f.Label}: {f.Value}"))));
        // A full copy of the person's data: it leaves the outbox as soon as it is sent.
        await requests.SendAnswerAsync(address, "Jouw gegevens bij " + mail.FromName, text, html, forgetWhenSent: true, Me, ct);
        await audit.WriteAsync(Me, AuditActions.ExportPersonalData, PersonalDataErasure.AuditTarget(await hashes.HashAsync(address, ct)), "inzage per e-mail", ct);
        TempData[MessageKey] = "Het overzicht gaat per e-mail naar het adres zelf.";
        return Redirect("/backoffice/privacy");
    }

    /// <summary>Erases everything about the address, after a tick that says so; optionally tells the person, in a mail that leaves no trace.</summary>
    [HttpPost("privacy/wissen")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Erase(string? email, bool confirm, bool tellPerson, CancellationToken ct)
    {
        if (Address(email) is not { } address) return BadRequest();
        if (!confirm) return await ShowLookupAsync(address, "Vink aan dat je alles over dit adres wilt wissen; dat kan niet ongedaan worden gemaakt.", ct);
        var erased = await erasure.EraseAsync(address, Me, ct);
        if (tellPerson)
            await requests.SendAnswerAsync(address, "Je gegevens zijn gewist",
                "Hallo,\n\nJe vroeg ons je gegevens te wissen. Dat is gedaan: de site van " + mail.FromName + " bewaart niets meer over dit adres. " +
                "Ook deze e-mail wissen we zodra hij verstuurd is.",
                "", forgetWhenSent: true, Me, ct);
        TempData[MessageKey] = $"Gewist: {DutchFormat.Count(erased.Signatures, "ondertekening", "ondertekeningen")}, " +
                               $"{DutchFormat.Count(erased.Entries, "aanmelding", "aanmeldingen")} en {DutchFormat.Count(erased.Mails, "e-mail", "e-mails")}. " +
                               $"Het logboek noemt dit 'persoon {erased.AddressHash[..8]}…'.";
        return Redirect("/backoffice/privacy");
    }

    /// <summary>Every kind of personal data, how many records, and how long it is kept: computed, not written down.</summary>
    [HttpGet("bewaartermijnen")]
    public async Task<IActionResult> Retention(CancellationToken ct)
    {
        var kinds = await retention.OverviewAsync(SiteLoggingExtensions.RetainedLogFiles, ct);
        var next = DeleteExpiredPersonalDataJob.Schedule.GetNextOccurrence(clock.GetUtcNow().UtcDateTime, TimeZoneInfo.Utc);
        return View("~/Views/Backoffice/PrivacyRetention.cshtml", new PrivacyRetentionModel(kinds, next));
    }

    /// <summary>The register form's fields, by the ids the page gives them (an error links to its field).</summary>
    public const string EmailField = "verzoek-email";
    public const string DateField = "verzoek-datum";

    private async Task<IActionResult> ShowIndexAsync(PrivacyRegisterForm? register, PrivacyFieldError? registerError, PrivacyLookupForm? lookup, CancellationToken ct)
    {
        if (register is not null || lookup is not null) Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("~/Views/Backoffice/Privacy.cshtml", new PrivacyIndexModel(await requests.ListAsync(ct), requests.Today,
            register ?? new PrivacyRegisterForm("", PrivacyRequestKind.Access, requests.Today), registerError,
            lookup ?? new PrivacyLookupForm("", null), TempData[MessageKey] as string));
    }

    /// <summary>
    /// The address as staff paste it from a mail ("Jan &lt;jan@x.nl&gt;", "mailto:jan@x.nl", a trailing full stop),
    /// or null when it is none: a lookup of something that is not an address would answer "nothing stored".
    /// </summary>
    private static string? Address(string? typed)
    {
        var text = (typed ?? "").Trim().TrimEnd('.', ',', ';');
        if (text.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)) text = text["mailto:".Length..];
        return text.Length is > 0 and <= MaxAddressLength && MimeKit.MailboxAddress.TryParse(text, out var mailbox)
               && mailbox.Address.IndexOf('@') is > 0 and var at && at < mailbox.Address.Length - 1 ? mailbox.Address : null;
    }

    /// <summary>RFC 5321's longest path.</summary>
    private const int MaxAddressLength = 320;
}

public sealed record PrivacyRegisterForm(string Email, PrivacyRequestKind Kind, DateOnly? ReceivedOn);
public sealed record PrivacyLookupForm(string Email, string? Error);
public sealed record PrivacyFieldError(string Field, string Message);
public sealed record PrivacyIndexModel(IReadOnlyList<PrivacyRequest> Requests, DateOnly Today, PrivacyRegisterForm Register, PrivacyFieldError? RegisterError,
    PrivacyLookupForm Lookup, string? Message);
public sealed record PrivacyLookupModel(PersonalDataReport Report, AuditEntry? ErasedBefore, string? Error);
public sealed record PrivacyRetentionModel(IReadOnlyList<RetentionKind> Kinds, DateTime? NextRun);
