using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Signatures;

/// <summary>What happened to the count: the log's opening balance, a confirmation, a withdrawal, an erasure.</summary>
public static class SignatureLogEvents
{
    /// <summary>The count when the log began (signatures confirmed before the log existed).</summary>
    public const string Opening = "opening";
    public const string Confirmed = "confirmed";
    public const string Withdrawn = "withdrawn";
    /// <summary>Removed on the person's request to erase their data (AVG art. 17).</summary>
    public const string Erased = "erased";
}

/// <summary>
/// One line of the public signature log: when the confirmed count changed, how, and the count after it. No name, no
/// address, no key: nothing that says who. Each line's hash covers the one before it, so anyone who noted the head
/// hash once can later check that no line before it was changed, added or left out.
/// </summary>
public sealed class SignatureLogEntry
{
    /// <summary>1, 2, 3, …: a gap would show.</summary>
    public long Sequence { get; set; }
    /// <summary>Whole seconds: the stored moment is the hashed moment on every database.</summary>
    public DateTime Utc { get; set; }
    public string Event { get; set; } = "";
    /// <summary>The confirmed count after this line.</summary>
    public int Total { get; set; }
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";
}

/// <summary>
/// The append-only, hash-chained log of the confirmed count (<c>/api/signatures/log</c>). A line is written in the
/// same unit as the change it records, so the log and the count never disagree: the last line's total is the count.
/// </summary>
public static class SignatureLog
{
    /// <summary>The "previous hash" of the first line.</summary>
    public static readonly string Origin = new('0', 64);

    /// <summary>
    /// SHA-256, in lower-case hex, of the previous hash, the sequence, the moment (ISO 8601, UTC, whole seconds), the
    /// event and the total, joined by "|": "0000…|1|2026-12-02T09:00:00Z|opening|0". The recipe is public (README).
    /// </summary>
    public static string HashOf(string previousHash, long sequence, DateTime utc, string @event, int total) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join('|', previousHash, sequence.ToString(CultureInfo.InvariantCulture),
                utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), @event, total.ToString(CultureInfo.InvariantCulture)))));

    /// <summary>
    /// Adds <paramref name="times"/> lines of one event, each moving the count by <paramref name="change"/>, in the
    /// operation's own unit. Called before the operation changes any signature: a log without a line yet opens with
    /// the count as it stood before.
    /// </summary>
    public static async Task AppendAsync(SiteWrite write, string @event, int change, int times = 1, CancellationToken ct = default)
    {
        if (times <= 0) return;
        var head = await HeadAsync(write, ct);
        for (var i = 0; i < times; i++) head = Add(write, head, @event, head.Total + change);
    }

    /// <summary>At start: a site whose log has no line yet gets its opening line, with the count as it stands.</summary>
    public static Task OpenAsync(SiteWriter writer, CancellationToken ct = default) =>
        writer.WriteAsync(Actor.System, async write =>
        {
            if (await write.Db.SignatureLogEntries.AnyAsync(ct))
            {
                write.Abandon();
                return;
            }
            await HeadAsync(write, ct);
        }, ct);

    /// <summary>
    /// Taken first by every unit that may change the confirmed count, before it reads a signature: what it counts
    /// then stays true until it commits, and every such unit takes its locks in the same order (no deadlock).
    /// </summary>
    public static Task LockAsync(SiteWrite write, CancellationToken ct = default) => write.LockAsync(SiteLock.SignatureLog, ct);

    /// <summary>The last line, under the log's lock; the opening line if there is none.</summary>
    private static async Task<SignatureLogEntry> HeadAsync(SiteWrite write, CancellationToken ct)
    {
        await LockAsync(write, ct);
        // One append per unit (a unit that would append twice meets the key and rolls back, never forks the chain).
        if (await write.Db.SignatureLogEntries.OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(ct) is { } stored) return stored;
        var confirmed = await write.Db.Signatures.CountAsync(s => s.Status == SignatureStatus.Confirmed, ct);
        return Add(write, null, SignatureLogEvents.Opening, confirmed);
    }

    private static SignatureLogEntry Add(SiteWrite write, SignatureLogEntry? previous, string @event, int total)
    {
        var utc = new DateTime(write.Now.Ticks - write.Now.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        var sequence = (previous?.Sequence ?? 0) + 1;
        var previousHash = previous?.Hash ?? Origin;
        var entry = new SignatureLogEntry
        {
            Sequence = sequence, Utc = utc, Event = @event, Total = total, PreviousHash = previousHash,
            Hash = HashOf(previousHash, sequence, utc, @event, total),
        };
        write.Db.SignatureLogEntries.Add(entry);
        return entry;
    }
}

/// <summary>One page of the log, oldest first, with the hash of its newest line.</summary>
public sealed record SignatureLogPage(long Total, string Head, IReadOnlyList<SignatureLogEntry> Items);

/// <summary>Reads the log for <c>/api/signatures/log</c>.</summary>
public sealed class SignatureLogQueries(SiteDatabase database)
{
    public const int DefaultTake = 100;
    public const int MaxTake = 1000;

    public async Task<SignatureLogPage> PageAsync(int skip, int take, CancellationToken ct = default)
    {
        await using var db = database.Open();
        // One snapshot for the count, the head and the lines: a line added meanwhile cannot make them disagree.
        await using var snapshot = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var total = await db.SignatureLogEntries.LongCountAsync(ct);
        var head = await db.SignatureLogEntries.OrderByDescending(e => e.Sequence).Select(e => e.Hash).FirstOrDefaultAsync(ct) ?? SignatureLog.Origin;
        var items = await db.SignatureLogEntries.AsNoTracking().OrderBy(e => e.Sequence)
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, MaxTake)).ToListAsync(ct);
        return new SignatureLogPage(total, head, items);
    }
}
