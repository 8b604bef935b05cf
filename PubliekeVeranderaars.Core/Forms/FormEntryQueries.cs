using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Forms;

/// <summary>Entries as the back office lists, finds and deletes them, always within what the user may see.</summary>
public sealed class FormEntryQueries(SiteDatabase database, SiteWriter writer, FormDefinitionStore forms)
{
    /// <summary>Enough for a screen; a date filter narrows the rest.</summary>
    public const int MaxRows = 500;

    public async Task<IReadOnlyList<(FormDefinition Form, int Entries)>> CountsAsync(FormEntryAccess access, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var counts = new List<(FormDefinition, int)>();
        foreach (var form in forms.All.OrderBy(f => f.Name))
            counts.Add((form, await Visible(db, form, access).CountAsync(ct)));
        return counts;
    }

    /// <summary>The newest entries first, at most <see cref="MaxRows"/>, from and up to and including the given days (UTC).</summary>
    /// <param name="search">Text in the page name or any value; the values are one JSON column, so this filters the rows the dates left.</param>
    public async Task<IReadOnlyList<FormEntry>> ListAsync(FormDefinition form, FormEntryAccess access, string? search, DateOnly? from, DateOnly? to,
        CancellationToken ct = default)
    {
        await using var db = database.Open();
        var query = Visible(db, form, access);
        if (from is { } start) query = query.Where(e => e.CreatedUtc >= start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        // The last day of the calendar has no next day and needs no bound.
        if (to is { } end && end < DateOnly.MaxValue) query = query.Where(e => e.CreatedUtc < end.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        var entries = await query.OrderByDescending(e => e.CreatedUtc).Take(MaxRows).ToListAsync(ct);
        if (string.IsNullOrWhiteSpace(search)) return entries;
        return entries.Where(e => e.PageName.Contains(search, StringComparison.OrdinalIgnoreCase)
                                  || e.Values.Any(v => v.Value.Contains(search, StringComparison.OrdinalIgnoreCase))).ToList();
    }

    public async Task<FormEntry?> FindAsync(Guid key, FormEntryAccess access, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var entry = await db.FormEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Key == key, ct);
        return entry is not null && access.MaySee(entry) ? entry : null;
    }

    /// <summary>Deletes one entry the user may see and delete; audited.</summary>
    /// <returns>The deleted entry, or null when there was none the user may delete.</returns>
    public Task<FormEntry?> DeleteAsync(Guid key, FormEntryAccess access, Actor actor, CancellationToken ct = default) =>
        writer.WriteAsync(actor, async write =>
        {
            var entry = await write.Db.FormEntries.FirstOrDefaultAsync(e => e.Key == key, ct);
            if (entry is null || !access.MayDelete || !access.MaySee(entry))
            {
                write.Abandon();
                return null;
            }
            write.Db.FormEntries.Remove(entry);
            write.Audit(AuditActions.DeleteEntry, FormEntry.AuditTarget(key), entry.PageName);
            return entry;
        }, ct);

    private static IQueryable<FormEntry> Visible(SiteDbContext db, FormDefinition form, FormEntryAccess access)
    {
        var query = db.FormEntries.AsNoTracking().Where(e => e.FormKey == form.Key);
        if (access.Pages is { } pages)
        {
            var keys = pages.ToList();
            query = query.Where(e => e.PageKey != null && keys.Contains(e.PageKey.Value));
        }
        return query;
    }
}
