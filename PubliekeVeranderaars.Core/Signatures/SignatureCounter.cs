using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Signatures;

/// <summary>
/// The confirmed count and the public list, read from memory. After a confirmation or withdrawal on this node the
/// next read counts again in the database, so the figure is exact; changes made on other nodes show within
/// <see cref="MaxAge"/>. Readers never wait on each other: one recount serves them all.
/// </summary>
public sealed class SignatureCounter(SiteDatabase database, TimeProvider clock)
{
    /// <summary>How stale another web node's changes may be here.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);
    public const int PublicPageSize = 50;

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile Snapshot _current = new(-1, DateTime.MinValue, new Dictionary<int, SignaturePublicPage>());
    private long _generation;
    private volatile bool _dirty = true;

    /// <summary>Changes whenever the count or the list changes; caches of rendered pages key on it.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public void Invalidate()
    {
        _dirty = true;
        Interlocked.Increment(ref _generation);
    }

    public async Task<int> ConfirmedCountAsync(CancellationToken cancellationToken = default) =>
        (await CurrentAsync(cancellationToken)).Count;

    /// <summary>Confirmed signatories who chose to be listed, newest first; <paramref name="page"/> starts at 1.</summary>
    public async Task<SignaturePublicPage> PublicPageAsync(int page, CancellationToken cancellationToken = default)
    {
        var snapshot = await CurrentAsync(cancellationToken);
        page = Math.Max(1, page);
        if (snapshot.Pages.TryGetValue(page, out var cached)) return cached;

        await using var db = database.Open();
        var query = db.Signatures.AsNoTracking().Where(s => s.Status == SignatureStatus.Confirmed && s.ShowPublicly);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(s => s.ConfirmedUtc).ThenByDescending(s => s.Key)
            .Skip((page - 1) * PublicPageSize).Take(PublicPageSize)
            .Select(s => new SignaturePublicEntry(s.Name, s.Organisation, s.Role, s.Place, s.ConfirmedUtc!.Value))
            .ToListAsync(cancellationToken);
        var result = new SignaturePublicPage(page, total, PublicPageSize, items);
        // Copy-on-write: the snapshot other readers hold never changes under them.
        var pages = new Dictionary<int, SignaturePublicPage>(snapshot.Pages) { [page] = result };
        if (ReferenceEquals(_current, snapshot)) _current = snapshot with { Pages = pages };
        return result;
    }

    private async Task<Snapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        var snapshot = _current;
        if (!_dirty && clock.GetUtcNow().UtcDateTime - snapshot.CountedUtc < MaxAge) return snapshot;

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            snapshot = _current;
            if (!_dirty && clock.GetUtcNow().UtcDateTime - snapshot.CountedUtc < MaxAge) return snapshot;
            _dirty = false;
            var countedAt = clock.GetUtcNow().UtcDateTime;
            await using var db = database.Open();
            var count = await db.Signatures.CountAsync(s => s.Status == SignatureStatus.Confirmed, cancellationToken);
            // The list may change without the count changing (one in, one out on another node): pages go with each recount.
            var counted = new Snapshot(count, countedAt, new Dictionary<int, SignaturePublicPage>());
            _current = counted;
            // A change made elsewhere (another node, the expiry job) must also reach the page caches; only once the new
            // count is in place, or a page rendered between the two for the new generation would keep the old count.
            if (count != snapshot.Count) Interlocked.Increment(ref _generation);
            return counted;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private sealed record Snapshot(int Count, DateTime CountedUtc, IReadOnlyDictionary<int, SignaturePublicPage> Pages);
}

public sealed record SignaturePublicEntry(string Name, string Organisation, string Role, string Place, DateTime ConfirmedUtc);

public sealed record SignaturePublicPage(int Page, int Total, int PageSize, IReadOnlyList<SignaturePublicEntry> Items)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
