using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Content;

/// <summary>A repair of stored content that has run on this database: each runs once, on the first start after it shipped.</summary>
public sealed class ContentRepair
{
    public string Name { get; set; } = "";
    public DateTime AppliedUtc { get; set; }
    /// <summary>How many stored values it changed.</summary>
    public int Changed { get; set; }
}

/// <summary>
/// Repairs content that a bug of ours damaged, in every version that holds it (live, drafts and history), once per
/// database, as one unit with its audit entry. Run when the site or a command starts, after the schema is current.
/// </summary>
public sealed class ContentRepairs(SiteWriter writer, ILogger<ContentRepairs> logger)
{
    /// <summary>The back office's earlier rich text editor (Quill 2) saved every space as a non-breaking one.</summary>
    public const string QuillSpaces = "2026-12-quill-non-breaking-spaces";

    /// <summary>Versions read and written per round, so a site with a long history never holds it all in memory.</summary>
    private const int Batch = 500;

    public async Task RunPendingAsync(CancellationToken cancellationToken = default) =>
        await writer.WriteAsync(Actor.System, async write =>
        {
            if (await write.Db.ContentRepairs.AnyAsync(r => r.Name == QuillSpaces, cancellationToken))
            {
                write.Abandon();
                return;
            }
            var changed = await RepairQuillSpacesAsync(write.Db, cancellationToken);
            write.Db.ContentRepairs.Add(new ContentRepair { Name = QuillSpaces, AppliedUtc = write.Now, Changed = changed });
            if (changed == 0) return;
            write.Audit(AuditActions.ContentRepair, QuillSpaces, $"{changed} teksten: vaste spaties tussen woorden weer gewone spaties");
            write.Raise(new ContentChangedNotification(ContentOperation.Import, PublishedTreeChanged: true));
            logger.LogInformation("Repaired {Count} rich text values that the old editor wrote with non-breaking spaces", changed);
        }, cancellationToken);

    private static async Task<int> RepairQuillSpacesAsync(SiteDbContext db, CancellationToken cancellationToken)
    {
        var types = await db.DocumentTypes.AsNoTracking().ToDictionaryAsync(t => t.Alias, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var richAliases = types.Values.ToDictionary(t => t.Alias,
            t => t.AllProperties(types).Where(p => EditorAliases.IsRichText(p.EditorAlias)).Select(p => p.Alias).ToHashSet(StringComparer.Ordinal),
            StringComparer.OrdinalIgnoreCase);
        var typeOfNode = await db.ContentNodes.AsNoTracking().ToDictionaryAsync(n => n.Key, n => n.ContentTypeAlias, cancellationToken);
        var changed = 0;
        long after = 0;
        while (true)
        {
            var versions = await db.ContentVersions.Where(v => v.Id > after).OrderBy(v => v.Id).Take(Batch).ToListAsync(cancellationToken);
            if (versions.Count == 0) break;
            after = versions[^1].Id;
            foreach (var version in versions)
            {
                if (!typeOfNode.TryGetValue(version.NodeKey, out var type) || !richAliases.TryGetValue(type, out var aliases) || aliases.Count == 0) continue;
                var values = version.Values.Select(v => aliases.Contains(v.Alias) ? v with { Value = Repaired(v.Value) } : v).ToList();
                var count = values.Zip(version.Values).Count(p => p.First.Value != p.Second.Value);
                if (count == 0) continue;
                version.Values = values;
                changed += count;
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        return changed;
    }

    /// <summary>Only values with the old editor's mark: elsewhere a non-breaking space may be meant.</summary>
    private static string Repaired(string stored)
    {
        var markup = RichTextValue.MarkupOf(stored);
        return NonBreakingSpaces.LooksWrittenByQuill(markup) ? RichTextValue.WithMarkup(stored, NonBreakingSpaces.AsMeant(markup)) : stored;
    }
}
