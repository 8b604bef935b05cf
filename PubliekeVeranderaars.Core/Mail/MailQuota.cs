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

/// <summary>
/// Counts mails per recipient, kind and day in the database, so every web node shares one count. The caller sends
/// only when <see cref="TryTakeAsync"/> says so, and answers the visitor the same either way.
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
    public async Task<bool> TryTakeAsync(SiteWrite write, string recipient, MailQuotaKind kind, CancellationToken cancellationToken = default)
    {
        var hash = RecipientHash(recipient);
        var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var limit = Limit(kind);
        // The unit's own context first (another write of the same group commit may have counted this address already),
        // then the database.
        var count = await write.Db.MailQuotas.FindAsync([hash, kind, day], cancellationToken);
        if (count is null)
        {
            write.Db.MailQuotas.Add(new MailQuotaCount { RecipientHash = hash, Kind = kind, Day = day, Count = 1 });
            return true;
        }
        if (write.Db.Entry(count).State == EntityState.Added)
        {
            if (count.Count >= limit) return false;
            count.Count++;
            return true;
        }
        // A stored count is raised in the database itself, never from the value read: another node may be counting too.
        return await write.Db.MailQuotas
            .Where(q => q.RecipientHash == hash && q.Kind == kind && q.Day == day && q.Count < limit)
            .ExecuteUpdateAsync(s => s.SetProperty(q => q.Count, q => q.Count + 1), cancellationToken) == 1;
    }

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
