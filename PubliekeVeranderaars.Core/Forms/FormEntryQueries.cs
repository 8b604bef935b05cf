using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Mail;
using PubliekeVeranderaars.Core.Privacy;
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

    /// <summary>
    /// The pages (initiatives) with sign-ups this user may see, each with how many there are, how many arrived since
    /// the user last looked, and how many still wait for contact. Entries from no page are counted under none.
    /// </summary>
    public async Task<IReadOnlyList<FormEntryPageSummary>> PagesAsync(FormEntryAccess access, string user, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var visible = db.FormEntries.AsNoTracking().Where(e => e.PageKey != null);
        if (access.Pages is { } pages)
        {
            var keys = pages.ToList();
            visible = visible.Where(e => keys.Contains(e.PageKey!.Value));
        }
        var seen = await db.FormEntryVisits.AsNoTracking().Where(v => v.User == user).ToDictionaryAsync(v => v.PageKey, v => v.SeenUtc, ct);
        var rows = await visible.GroupBy(e => new { e.PageKey, e.PageName })
            .Select(g => new { g.Key.PageKey, g.Key.PageName, Total = g.Count(), Open = g.Count(e => e.ContactedUtc == null), Latest = g.Max(e => e.CreatedUtc) })
            .ToListAsync(ct);
        var summaries = new List<FormEntryPageSummary>();
        foreach (var page in rows.GroupBy(r => r.PageKey!.Value))
        {
            var since = seen.GetValueOrDefault(page.Key, DateTime.MinValue);
            var fresh = await visible.CountAsync(e => e.PageKey == page.Key && e.CreatedUtc > since, ct);
            summaries.Add(new FormEntryPageSummary(page.Key, page.OrderByDescending(r => r.Latest).First().PageName, page.Sum(r => r.Total), fresh,
                page.Sum(r => r.Open), page.Max(r => r.Latest)));
        }
        return [.. summaries.OrderByDescending(s => s.New > 0).ThenByDescending(s => s.Latest)];
    }

    /// <summary>
    /// The sign-ups from one page the user may see, newest first, and when the user looked before (to mark what is
    /// new). Looking counts as having seen them.
    /// </summary>
    public async Task<(IReadOnlyList<FormEntry> Entries, DateTime? SeenBefore)?> ForPageAsync(Guid page, FormEntryAccess access, string user,
        CancellationToken ct = default)
    {
        if (access.Pages is { } pages && !pages.Contains(page)) return null;
        DateTime? seenBefore;
        List<FormEntry> entries;
        await using (var db = database.Open())
        {
            entries = await db.FormEntries.AsNoTracking().Where(e => e.PageKey == page).OrderByDescending(e => e.CreatedUtc).Take(MaxRows).ToListAsync(ct);
            seenBefore = (await db.FormEntryVisits.AsNoTracking().FirstOrDefaultAsync(v => v.User == user && v.PageKey == page, ct))?.SeenUtc;
        }
        await writer.WriteAsync(Actor.User(user), async write =>
        {
            var visit = await write.Db.FormEntryVisits.FirstOrDefaultAsync(v => v.User == user && v.PageKey == page, ct);
            if (visit is null) write.Db.FormEntryVisits.Add(new FormEntryVisit { User = user, PageKey = page, SeenUtc = write.Now });
            else visit.SeenUtc = write.Now;
        }, ct);
        return (entries, seenBefore);
    }

    /// <summary>
    /// Records that the visitor was (or was not yet) contacted, with a note; audited without the note, which may say
    /// personal things.
    /// </summary>
    public Task<FormEntry?> FollowUpAsync(Guid key, FormEntryAccess access, bool contacted, string note, Actor actor, CancellationToken ct = default) =>
        writer.WriteAsync(actor, async write =>
        {
            var entry = await write.Db.FormEntries.FirstOrDefaultAsync(e => e.Key == key, ct);
            if (entry is null || !access.MaySee(entry))
            {
                write.Abandon();
                return null;
            }
            if (contacted && entry.ContactedUtc is null)
            {
                entry.ContactedUtc = write.Now;
                entry.ContactedBy = actor.Name;
            }
            else if (!contacted)
            {
                entry.ContactedUtc = null;
                entry.ContactedBy = null;
            }
            var trimmed = note.Trim();
            entry.Note = trimmed.Length > FormEntry.MaxNoteLength ? trimmed[..FormEntry.MaxNoteLength] : trimmed;
            write.Audit(AuditActions.FollowUpEntry, FormEntry.AuditTarget(key), contacted ? "contact opgenomen" : "nog geen contact");
            return entry;
        }, ct);

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
            // The mails about the sign-up (to the visitor, to the owner) hold what it held.
            await MailTraces.ForgetAsync(write, [], [key], ct);
            write.Audit(AuditActions.DeleteEntry, FormEntry.AuditTarget(key), entry.PageName);
            write.Raise(new PersonalDataDeletedNotification());
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

/// <param name="New">Arrived since the user last looked at this page's sign-ups.</param>
/// <param name="Open">Not yet contacted.</param>
public sealed record FormEntryPageSummary(Guid PageKey, string PageName, int Total, int New, int Open, DateTime Latest);
