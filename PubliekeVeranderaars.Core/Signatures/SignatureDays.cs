using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Signatures;

/// <summary>The signatures confirmed on one day (Dutch time) that still count.</summary>
public sealed record SignatureDay(DateOnly Date, int Confirmed);

/// <summary>
/// Confirmed signatures per day for <c>/api/signatures/daily</c>: every day from the first confirmation to today,
/// days without any included, so a chart needs no gaps filled. A withdrawn signature no longer counts on its day, so
/// the days add up to the confirmed count.
/// </summary>
/// <remarks>
/// Public and unauthenticated, so computed at most once per <see cref="SignatureCounter.MaxAge"/> and again at once
/// after a change on this node (<see cref="SignatureCounter.Generation"/>): a flood of requests is one query.
/// </remarks>
public sealed class SignatureDays(SiteDatabase database, SignatureCounter counter, TimeProvider clock)
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile Cached? _cached;

    private sealed record Cached(long Generation, DateTime AtUtc, IReadOnlyList<SignatureDay> Days);

    public async Task<IReadOnlyList<SignatureDay>> AllAsync(CancellationToken ct = default)
    {
        if (Fresh() is { } days) return days;
        await _refresh.WaitAsync(ct);
        try
        {
            if (Fresh() is { } again) return again;
            var generation = counter.Generation;
            var at = clock.GetUtcNow().UtcDateTime;
            var computed = await ComputeAsync(ct);
            _cached = new Cached(generation, at, computed);
            return computed;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private IReadOnlyList<SignatureDay>? Fresh() =>
        _cached is { } cached && cached.Generation == counter.Generation && clock.GetUtcNow().UtcDateTime - cached.AtUtc < SignatureCounter.MaxAge
            ? cached.Days
            : null;

    private async Task<IReadOnlyList<SignatureDay>> ComputeAsync(CancellationToken ct)
    {
        await using var db = database.Open();
        // Grouped by UTC hour in the database (a few rows a day, however many signatures), then by Dutch day here:
        // Amsterdam is a whole number of hours from UTC.
        var hours = await db.Signatures.AsNoTracking()
            .Where(s => s.Status == SignatureStatus.Confirmed && s.ConfirmedUtc != null)
            .GroupBy(s => new { s.ConfirmedUtc!.Value.Date, s.ConfirmedUtc!.Value.Hour })
            .Select(g => new { g.Key.Date, g.Key.Hour, Count = g.Count() })
            .ToListAsync(ct);
        if (hours.Count == 0) return [];
        var perDay = hours
            .GroupBy(h => DateOnly.FromDateTime(DutchFormat.ToAmsterdam(DateTime.SpecifyKind(h.Date.AddHours(h.Hour), DateTimeKind.Utc))))
            .ToDictionary(g => g.Key, g => g.Sum(h => h.Count));
        var today = DateOnly.FromDateTime(DutchFormat.ToAmsterdam(clock.GetUtcNow().UtcDateTime));
        var last = perDay.Keys.Max() > today ? perDay.Keys.Max() : today;
        var days = new List<SignatureDay>();
        for (var day = perDay.Keys.Min(); day <= last; day = day.AddDays(1)) days.Add(new SignatureDay(day, perDay.GetValueOrDefault(day)));
        return days;
    }
}
