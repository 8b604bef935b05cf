using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Content;

/// <summary>A link that shows a page's newest draft to someone without an account; stored only as its token's hash.</summary>
public sealed class ContentPreviewLink
{
    public long Id { get; set; }
    public string TokenHash { get; set; } = "";
    public Guid NodeKey { get; set; }
    public DateTime CreatedUtc { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime ExpiresUtc { get; set; }
    public DateTime? RevokedUtc { get; set; }

    public bool IsActive(DateTime now) => RevokedUtc is null && ExpiresUtc > now;
}

/// <summary>
/// Sharing a draft with a colleague who has no account: a link that shows the page's newest version, marked as a
/// preview, until it expires (a week unless chosen otherwise) or is revoked. Making and revoking one is audited.
/// </summary>
public sealed class ContentPreviewLinks(SiteWriter writer, SiteDatabase database, TimeProvider clock)
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(7);

    /// <summary>The longest a link may live: a preview is for a review, not a second site.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(30);

    /// <summary>What the editor chooses from: a day for a quick look, up to the longest allowed.</summary>
    public static readonly TimeSpan[] LifetimeChoices = [TimeSpan.FromDays(1), DefaultLifetime, TimeSpan.FromDays(14), MaxLifetime];

    public const string PathPrefix = "/voorbeeld/";

    /// <returns>The token, shown once to the editor who made it; null when the page does not exist.</returns>
    public Task<string?> CreateAsync(Guid key, TimeSpan lifetime, Actor actor, CancellationToken ct = default) =>
        writer.WriteAsync(actor, async write =>
        {
            var node = await write.Db.ContentNodes.AsNoTracking().FirstOrDefaultAsync(n => n.Key == key && !n.Trashed, ct);
            if (node is null)
            {
                write.Abandon();
                return null;
            }
            var days = lifetime <= TimeSpan.Zero || lifetime > MaxLifetime ? DefaultLifetime : lifetime;
            var token = SecretTokens.NewToken();
            var link = new ContentPreviewLink
            {
                TokenHash = SecretTokens.Hash(token), NodeKey = key, CreatedUtc = write.Now, CreatedBy = write.Actor.Name, ExpiresUtc = write.Now + days,
            };
            write.Db.ContentPreviewLinks.Add(link);
            write.Audit(AuditActions.SharePreview, node.AuditTarget, $"geldig tot {DutchFormat.DateTime(link.ExpiresUtc)}");
            return (string?)token;
        }, ct);

    public Task<bool> RevokeAsync(Guid key, long id, Actor actor, CancellationToken ct = default) =>
        writer.WriteAsync(actor, async write =>
        {
            var link = await write.Db.ContentPreviewLinks.FirstOrDefaultAsync(l => l.Id == id && l.NodeKey == key && l.RevokedUtc == null, ct);
            if (link is null)
            {
                write.Abandon();
                return false;
            }
            link.RevokedUtc = write.Now;
            var node = await write.Db.ContentNodes.AsNoTracking().FirstOrDefaultAsync(n => n.Key == key, ct);
            write.Audit(AuditActions.RevokePreview, node?.AuditTarget ?? key.ToString(), $"link van {DutchFormat.DateTime(link.CreatedUtc)}");
            return true;
        }, ct);

    /// <summary>The page a token shows, while its link lives.</summary>
    public async Task<Guid?> PageOfAsync(string? token, CancellationToken ct = default)
    {
        if (!SecretTokens.LooksValid(token)) return null;
        var hash = SecretTokens.Hash(token!);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = database.Open();
        return await db.ContentPreviewLinks.AsNoTracking()
            .Where(l => l.TokenHash == hash && l.RevokedUtc == null && l.ExpiresUtc > now)
            .Select(l => (Guid?)l.NodeKey).FirstOrDefaultAsync(ct);
    }

    /// <summary>The page's links that still work, newest first.</summary>
    public async Task<IReadOnlyList<ContentPreviewLink>> ActiveAsync(Guid key, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = database.Open();
        return await db.ContentPreviewLinks.AsNoTracking().Where(l => l.NodeKey == key && l.RevokedUtc == null && l.ExpiresUtc > now)
            .OrderByDescending(l => l.CreatedUtc).ToListAsync(ct);
    }
}
