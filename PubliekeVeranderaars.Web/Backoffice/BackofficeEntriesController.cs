using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Forms;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Web.Backoffice;

/// <summary>
/// Form entries. Who sees which entries is <see cref="FormEntryAccess"/>'s rule (editors and administrators all;
/// an initiative's owner only their initiatives'); this binds the screens to it.
/// </summary>
[Authorize(Policy = BackofficePolicies.Entries)]
[AutoValidateAntiforgeryToken]
[Route("backoffice")]
public sealed class BackofficeEntriesController(FormEntryQueries entries, FormDefinitionStore forms, PublishedContentCache cache, AuditLog audit,
    FormEntryExport export, TimeProvider clock) : Controller
{
    /// <summary>Sign-ups per initiative: what an owner reaches for first, with what is new since the last look.</summary>
    [HttpGet("aanmeldingen")]
    public async Task<IActionResult> Pages(CancellationToken cancellationToken)
    {
        var access = Access;
        return View("~/Views/Backoffice/EntryPages.cshtml", new BackofficeEntryPagesModel(await entries.PagesAsync(access, UserName, cancellationToken), access.SeesAll));
    }

    [HttpGet("aanmeldingen/{page:guid}")]
    public async Task<IActionResult> PageEntries(Guid page, CancellationToken cancellationToken)
    {
        var found = await entries.ForPageAsync(page, Access, UserName, cancellationToken);
        if (found is not { } result) return NotFound();
        var name = cache.Current.ByKey(page)?.Name ?? result.Entries.FirstOrDefault()?.PageName ?? "";
        return View("~/Views/Backoffice/PageEntries.cshtml", new BackofficePageEntriesModel(page, name, result.Entries, result.SeenBefore,
            TempData[FollowUpMessageKey] as string, forms));
    }

    /// <summary>Contacted or not, and a note: the owner's own follow-up of a sign-up.</summary>
    [HttpPost("inzendingen/{key:guid}/opvolgen")]
    public async Task<IActionResult> FollowUp(Guid key, [FromForm] string? contacted, [FromForm] string? note, CancellationToken cancellationToken)
    {
        var entry = await entries.FollowUpAsync(key, Access, contacted == "on", note ?? "", Actor, cancellationToken);
        if (entry is null) return NotFound();
        TempData[FollowUpMessageKey] = "Opvolging bewaard.";
        return entry.PageKey is { } page ? Redirect($"/backoffice/aanmeldingen/{page}#inzending-{key}") : Redirect($"/backoffice/inzendingen/{key}");
    }

    private const string FollowUpMessageKey = "FollowUp";

    [HttpGet("formulieren")]
    public async Task<IActionResult> Forms(CancellationToken cancellationToken)
    {
        var access = Access;
        return View("~/Views/Backoffice/Forms.cshtml", new BackofficeFormsModel(await entries.CountsAsync(access, cancellationToken), access.SeesAll));
    }

    [HttpGet("formulieren/{alias}")]
    public async Task<IActionResult> Entries(string alias, string? zoek, DateOnly? van, DateOnly? tot, CancellationToken cancellationToken)
    {
        var form = forms.ByAlias(alias);
        if (form is null) return NotFound();
        var access = Access;
        var list = await entries.ListAsync(form, access, zoek, van, tot, cancellationToken);
        return View("~/Views/Backoffice/Entries.cshtml", new BackofficeEntriesModel(form, list, zoek, van, tot, access.MayDelete));
    }

    /// <summary>The entries this user may see, as CSV or XLSX; personal data, so the download is audited.</summary>
    [HttpGet("formulieren/{alias}/export")]
    public async Task<IActionResult> Export(string alias, string? format, CancellationToken cancellationToken)
    {
        var form = forms.ByAlias(alias);
        if (form is null) return NotFound();
        var kind = ExportDownload.Format(format);
        await audit.WriteAsync(Actor, AuditActions.ExportPersonalData, $"inzendingen {form.Alias}", kind.ToString().ToLowerInvariant(), cancellationToken);
        var pages = Access.Pages;
        await ExportDownload.SendAsync(Response, kind, FormEntryExport.FileName(form, kind, clock.GetUtcNow().UtcDateTime),
            (stream, ct) => export.WriteAsync(stream, kind, form, pages, ct), cancellationToken);
        return new EmptyResult();
    }

    [HttpGet("inzendingen/{key:guid}")]
    public async Task<IActionResult> Entry(Guid key, CancellationToken cancellationToken)
    {
        var access = Access;
        var entry = await entries.FindAsync(key, access, cancellationToken);
        if (entry is null) return NotFound();
        return View("~/Views/Backoffice/Entry.cshtml", new BackofficeEntryModel(forms.ByKey(entry.FormKey), entry, access.MayDelete));
    }

    [HttpPost("inzendingen/{key:guid}/verwijderen")]
    public async Task<IActionResult> Delete(Guid key, CancellationToken cancellationToken)
    {
        var access = Access;
        if (!access.MayDelete) return Forbid();
        var deleted = await entries.DeleteAsync(key, access, Actor, cancellationToken);
        return deleted is null ? NotFound() : Redirect($"/backoffice/formulieren/{forms.ByKey(deleted.FormKey)?.Alias}");
    }

    private FormEntryAccess Access => FormEntryAccess.For(User, cache.Current);

    private string UserName => User.Identity?.Name ?? "";

    private Actor Actor => Actor.User(UserName);
}

public sealed record BackofficeEntryPagesModel(IReadOnlyList<FormEntryPageSummary> Pages, bool SeesAll);

/// <param name="SeenBefore">When this user last looked: later entries are marked new.</param>
public sealed record BackofficePageEntriesModel(Guid Page, string PageName, IReadOnlyList<FormEntry> Entries, DateTime? SeenBefore, string? Message,
    FormDefinitionStore Forms)
{
    public bool IsNew(FormEntry entry) => SeenBefore is null || entry.CreatedUtc > SeenBefore;

    /// <summary>What a sign-up says at a glance: its text values (a name, an address, a motivation), not the consent box.</summary>
    public IEnumerable<(string Label, string Value)> Summary(FormEntry entry) =>
        entry.Values.Where(v => v.Value.Length > 0 && v.Value is not ("true" or "false")).Take(4)
            .Select(v => (Forms.ByKey(entry.FormKey)?.Field(v.Alias)?.Label ?? v.Alias, v.Value));
}

public sealed record BackofficeFormsModel(IReadOnlyList<(FormDefinition Form, int Entries)> Forms, bool SeesAll);

public sealed record BackofficeEntriesModel(FormDefinition Form, IReadOnlyList<FormEntry> Entries, string? Search, DateOnly? From, DateOnly? To, bool CanDelete)
{
    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}

public sealed record BackofficeEntryModel(FormDefinition? Form, FormEntry Entry, bool CanDelete);
