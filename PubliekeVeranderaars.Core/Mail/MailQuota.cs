using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Mail;

/// <summary>
/// Mails that anyone can make the site send to an address they type: the site must not become a way to flood
/// somebody else's inbox. Each has a daily limit per recipient.
/// </summary>
public enum MailQuotaKind
{
    /// <summary>"Bevestig je ondertekening", and the mail to an address that signed before.</summary>
    SignConfirmation,
    /// <summary>A form's confirmation to the address the visitor typed ("doe mee").</summary>
    FormConfirmation,
    /// <summary>"Wachtwoord vergeten".</summary>
    PasswordReset,
    /// <summary>The notice that an account was locked after wrong passwords.</summary>
    LockoutNotice,
}

/// <summary>How many mails of one kind went to one address on one day. The address is kept only as a hash.</summary>
public sealed class MailQuotaCount
{
    public string RecipientHash { get; set; } = "";
    public MailQuotaKind Kind { get; set; }
    public DateOnly Day { get; set; }
    public int Count { get; set; }
}

/// <summary>A recipient's count of one kind today as a request read it, before its write joined a group commit.</summary>
/// <remarks>Made only by <see cref="MailQuota.ReadAsync"/> (its constructor is internal): a reading decides a limit.</remarks>
public sealed class MailQuotaReading
{
    internal MailQuotaReading(string recipientHash, MailQuotaKind kind, DateOnly day, int? count)
    {
        RecipientHash = recipientHash;
        Kind = kind;
        Day = day;
        Count = count;
    }

    internal string RecipientHash { get; }
    internal MailQuotaKind Kind { get; }
    internal DateOnly Day { get; }
    /// <summary>Null: no mail of this kind went to this recipient that day when it was read.</summary>
    internal int? Count { get; }
    /// <summary>Used by a unit already: a unit that runs again (its shared commit failed) reads afresh.</summary>
    internal bool Spent { get; set; }
}

/// <summary>
/// Counts mails per recipient, kind and day in the database, so every web node shares one count. The caller sends
/// only when <see cref="TryTakeAsync(string, MailQuotaKind, CancellationToken)"/> says so, and answers the visitor the same either way.
/// </summary>
public sealed class MailQuota(SiteWriter writer, TimeProvider clock)
{
    /// <summary>Enough for a person who asks again because a mail went to spam; too few to be worth abusing.</summary>
    public static int Limit(MailQuotaKind kind) => kind switch
    {
        MailQuotaKind.SignConfirmation => 3,
        // One confirmation per initiative joined: a keen visitor joins a few on one day.
        MailQuotaKind.FormConfirmation => 5,
        MailQuotaKind.PasswordReset => 3,
        MailQuotaKind.LockoutNotice => 2,
        _ => 1,
    };

    /// <summary>Counts are needed for one day; after that they are deleted with the other expired data.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(2);

    /// <returns>Whether a mail of this kind may go to this address today; if so, it is counted.</returns>
    /// <remarks>For a mail sent outside any other change (a password reset): the count is a unit of its own.</remarks>
    public async Task<bool> TryTakeAsync(string recipient, MailQuotaKind kind, CancellationToken cancellationToken = default)
    {
        // Two tries: a first mail of the day may race another node's first mail to the same address (the key refuses the second).
        for (var attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                return await writer.WriteAsync(Actor.System, write => TryTakeAsync(write, recipient, kind, cancellationToken), cancellationToken);
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Another node counted the first mail of the day at the same moment: count against its row.
            }
        }
        return false;
    }

    /// <summary>
    /// Counts the mail inside <paramref name="write"/>, the unit that stores it: a signature or sign-up that is not
    /// stored spends nothing, and a burst of them shares its group commits instead of each paying a transaction for
    /// its count.
    /// </summary>
    /// <returns>Whether a mail of this kind may go to this address today; if so, it is counted in this unit.</returns>
    public Task<bool> TryTakeAsync(SiteWrite write, string recipient, MailQuotaKind kind, CancellationToken cancellationToken = default) =>
        TakeAsync(write, RecipientHash(recipient), kind, Today(), cancellationToken);

    /// <summary>
    /// Reads a recipient's count before its mail joins a group commit (<see cref="TryTakeAsync(SiteWrite, MailQuotaReading, CancellationToken)"/>),
    /// on the caller's context, beside the other reads of its request.
    /// </summary>
    public async Task<MailQuotaReading> ReadAsync(SiteDbContext db, string recipient, MailQuotaKind kind, CancellationToken cancellationToken = default)
    {
        var hash = RecipientHash(recipient);
        var day = Today();
        var count = await db.MailQuotas.AsNoTracking()
            .Where(q => q.RecipientHash == hash && q.Kind == kind && q.Day == day)
            .Select(q => (int?)q.Count)
            .FirstOrDefaultAsync(cancellationToken);
        return new MailQuotaReading(hash, kind, day, count);
    }

    /// <summary>
    /// Counts the mail as <see cref="TryTakeAsync(SiteWrite, string, MailQuotaKind, CancellationToken)"/> does, deciding
    /// from <paramref name="reading"/> instead of querying inside the commit: the group commit's single writer bounds how
    /// many signatures a second the site takes, and a query per mail was a fifth of its time. The reading may be out of
    /// date by the time the unit runs; each way it can be wrong still keeps the limit: "no count yet" adds a count, and
    /// one stored meanwhile refuses the shared commit by its key, after which the unit runs again on its own and reads
    /// afresh (a reading is used once); "below the limit" raises the stored count only while it is below; "at the
    /// limit" stays true for the rest of the day, as counts only grow.
    /// </summary>
    public Task<bool> TryTakeAsync(SiteWrite write, MailQuotaReading reading, CancellationToken cancellationToken = default)
    {
        var today = Today();
        if (reading.Spent || reading.Day != today || IsCountedIn(write, reading.RecipientHash, reading.Kind, today))
            return TakeAsync(write, reading.RecipientHash, reading.Kind, today, cancellationToken);
        reading.Spent = true;
        if (reading.Count is not { } count) return Task.FromResult(AddFirst(write, reading.RecipientHash, reading.Kind, today));
        return count >= Limit(reading.Kind)
            ? Task.FromResult(false)
            : RaiseStoredAsync(write, reading.RecipientHash, reading.Kind, today, cancellationToken);
    }

    private async Task<bool> TakeAsync(SiteWrite write, string hash, MailQuotaKind kind, DateOnly day, CancellationToken cancellationToken)
    {
        var limit = Limit(kind);
        // The unit's own context first (another write of the same group commit may have counted this address already),
        // then the database.
        var count = await write.Db.MailQuotas.FindAsync([hash, kind, day], cancellationToken);
        if (count is null) return AddFirst(write, hash, kind, day);
        if (write.Db.Entry(count).State == EntityState.Added)
        {
            if (count.Count >= limit) return false;
            count.Count++;
            return true;
        }
        return await RaiseStoredAsync(write, hash, kind, day, cancellationToken);
    }

    /// <summary>The day's first mail to this recipient: counted when the unit commits; a count stored meanwhile refuses it by its key.</summary>
    private static bool AddFirst(SiteWrite write, string hash, MailQuotaKind kind, DateOnly day)
    {
        write.Db.MailQuotas.Add(new MailQuotaCount { RecipientHash = hash, Kind = kind, Day = day, Count = 1 });
        return true;
    }

    /// <summary>A stored count is raised in the database itself, never from the value read: another node may be counting too.</summary>
    private static async Task<bool> RaiseStoredAsync(SiteWrite write, string hash, MailQuotaKind kind, DateOnly day, CancellationToken cancellationToken)
    {
        var limit = Limit(kind);
        return await write.Db.MailQuotas
            .Where(q => q.RecipientHash == hash && q.Kind == kind && q.Day == day && q.Count < limit)
            .ExecuteUpdateAsync(s => s.SetProperty(q => q.Count, q => q.Count + 1), cancellationToken) == 1;
    }

    /// <summary>Whether another write of the same group commit counted this recipient already (tracked, not queried).</summary>
    private static bool IsCountedIn(SiteWrite write, string hash, MailQuotaKind kind, DateOnly day)
    {
        var tracker = write.Db.ChangeTracker;
        var detecting = tracker.AutoDetectChangesEnabled;
        // The identity map answers; scanning every tracked entity for changes first would cost more than the lookup.
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            return write.Db.MailQuotas.Local.FindEntryUntyped([hash, kind, day]) is not null;
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detecting;
        }
    }

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public Task<int> DeleteExpiredAsync(CancellationToken cancellationToken = default)
    {
        var before = DateOnly.FromDateTime((clock.GetUtcNow() - Lifetime).UtcDateTime);
        return writer.WriteAsync(Actor.System, write => write.Db.MailQuotas.Where(q => q.Day < before).ExecuteDeleteAsync(cancellationToken), cancellationToken);
    }

    /// <summary>How a recipient is kept in the counts: the hash of the inbox, never the address.</summary>
    public static string RecipientHash(string recipient) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Mailbox(recipient))));

    /// <summary>Spellings of one inbox share one limit (<see cref="MailAddresses.Mailbox"/>).</summary>
    public static string Mailbox(string address) => MailAddresses.Mailbox(address);
}
