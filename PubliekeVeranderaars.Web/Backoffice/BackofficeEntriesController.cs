using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Forms;
using PubliekeVeranderaars.Core.Initiatives;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Web.Backoffice;

/// <summary>
/// Form entries. Editors and administrators see all of them; an initiative's owner only those sent from the
/// initiatives whose owner address is their own.
/// </summary>
[Authorize(Policy = BackofficePolicies.Entries)]
[AutoValidateAntiforgeryToken]
[Route("backoffice")]
public sealed class BackofficeEntriesController(SiteDatabase database, FormDefinitionStore forms, PublishedContentCache cache, AuditLog audit,
    FormEntryExport export, TimeProvider clock)
    : Controller
{
    /// <summary>Enough for a screen; a date filter narrows the rest.</summary>
    private const int MaxRows = 500;

    [HttpGet("formulieren")]
    public async Task<IActionResult> Forms(CancellationToken cancellationToken)
    {
        var pages = VisiblePages();
        await using var db = database.Open();
        var counts = new List<(FormDefinition Form, int Entries)>();
        foreach (var form in forms.All.OrderBy(f => f.Name))
        {
            var query = db.FormEntries.Where(e => e.FormKey == form.Key);
            if (pages is not null) query = query.Where(e => e.PageKey != null && pages.Contains(e.PageKey.Value));
            counts.Add((form, await query.CountAsync(cancellationToken)));
        }
        return View("~/Views/Backoffice/Forms.cshtml", counts);
    }

    [HttpGet("formulieren/{alias}")]
    public async Task<IActionResult> Entries(string alias, string? zoek, DateOnly? van, DateOnly? tot, CancellationToken cancellationToken)
    {
        var form = forms.ByAlias(alias);
        if (form is null) return NotFound();
        var pages = VisiblePages();
        await using var db = database.Open();
        var query = db.FormEntries.AsNoTracking().Where(e => e.FormKey == form.Key);
        if (pages is not null) query = query.Where(e => e.PageKey != null && pages.Contains(e.PageKey.Value));
        if (van is { } from) query = query.Where(e => e.CreatedUtc >= from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        // "Up to and including" a day; the last day of the calendar has no next day and needs no bound.
        if (tot is { } to && to < DateOnly.MaxValue) query = query.Where(e => e.CreatedUtc < to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        var entries = await query.OrderByDescending(e => e.CreatedUtc).Take(MaxRows).ToListAsync(cancellationToken);
        // Values live in one JSON column; the search runs over the rows the date filter left, here.
        if (!string.IsNullOrWhiteSpace(zoek))
            entries = entries.Where(e => e.PageName.Contains(zoek, StringComparison.OrdinalIgnoreCase)
                                         || e.Values.Any(v => v.Value.Contains(zoek, StringComparison.OrdinalIgnoreCase))).ToList();
        return View("~/Views/Backoffice/Entries.cshtml", new BackofficeEntriesModel(form, entries, zoek, van, tot, CanDelete));
    }

    /// <summary>The entries this user may see, as CSV or XLSX; personal data, so the download is audited.</summary>
    [HttpGet("formulieren/{alias}/export")]
    public async Task<IActionResult> Export(string alias, string? format, CancellationToken cancellationToken)
    {
        var form = forms.ByAlias(alias);
        if (form is null) return NotFound();
        var kind = ExportDownload.Format(format);
        await audit.WriteAsync(User.Identity?.Name ?? "", AuditActions.ExportPersonalData, $"inzendingen {form.Alias}", kind.ToString().ToLowerInvariant(), cancellationToken);
        var pages = VisiblePages();
        await ExportDownload.SendAsync(Response, kind, FormEntryExport.FileName(form, kind, clock.GetUtcNow().UtcDateTime),
            (stream, ct) => export.WriteAsync(stream, kind, form, pages, ct), cancellationToken);
        return new EmptyResult();
    }

    [HttpGet("inzendingen/{key:guid}")]
    public async Task<IActionResult> Entry(Guid key, CancellationToken cancellationToken)
    {
        var entry = await VisibleEntryAsync(key, cancellationToken);
        if (entry is null) return NotFound();
        return View("~/Views/Backoffice/Entry.cshtml", new BackofficeEntryModel(forms.ByKey(entry.FormKey), entry, CanDelete));
    }

    [HttpPost("inzendingen/{key:guid}/verwijderen")]
    public async Task<IActionResult> Delete(Guid key, CancellationToken cancellationToken)
    {
        if (!CanDelete) return Forbid();
        var entry = await VisibleEntryAsync(key, cancellationToken);
        if (entry is null) return NotFound();
        await using var db = database.Open();
        await db.FormEntries.Where(e => e.Key == key).ExecuteDeleteAsync(cancellationToken);
        await audit.WriteAsync(User.Identity?.Name ?? "", AuditActions.Delete, $"inzending {key}", entry.PageName);
        return Redirect($"/backoffice/formulieren/{forms.ByKey(entry.FormKey)?.Alias}");
    }

    private bool CanDelete => BackofficeRoles.MayPublish(User);

    private async Task<FormEntry?> VisibleEntryAsync(Guid key, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        var entry = await db.FormEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Key == key, cancellationToken);
        var pages = VisiblePages();
        return entry is not null && (pages is null || entry.PageKey is { } page && pages.Contains(page)) ? entry : null;
    }

    /// <summary>Null: everything. Otherwise the initiatives whose owner address is this user's address.</summary>
    private HashSet<Guid>? VisiblePages()
    {
        if (BackofficeRoles.MayPublish(User)) return null;
        var email = User.Identity?.Name ?? "";
        return cache.Current.All
            .Where(c => c.ContentTypeAlias == InitiativeStatus.InitiativeTypeAlias
                        && string.Equals(c.GetString("ownerEmail").Trim(), email, StringComparison.OrdinalIgnoreCase))
            .Select(c => c.Key).ToHashSet();
    }
}

public sealed record BackofficeEntriesModel(FormDefinition Form, IReadOnlyList<FormEntry> Entries, string? Search, DateOnly? From, DateOnly? To, bool CanDelete)
{
    public static string When(DateTime utc) => BackofficeEditorModel.When(utc);
    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}

public sealed record BackofficeEntryModel(FormDefinition? Form, FormEntry Entry, bool CanDelete);
