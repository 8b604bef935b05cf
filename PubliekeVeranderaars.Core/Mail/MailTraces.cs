using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Mail;

/// <summary>
/// What mail keeps of a person: the outbox rows (address, name, everything they wrote, in the bodies) and, without an
/// SMTP host, the .eml copies in the pickup folder. When a person withdraws or is erased, every message to or about
/// them is blanked: a pending one is cancelled, a sent one keeps only its kind and dates, so the counts stay true.
/// </summary>
public static class MailTraces
{
    /// <summary>What a blanked message still says, in place of its recipient and contents.</summary>
    public const string Blanked = "(gewist)";

    /// <summary>
    /// Blanks, within the caller's unit, every message to one of the addresses, naming one of them in its bodies or
    /// reply address, or sent for one of the entries; raises <see cref="MailForgottenNotification"/> so the pickup
    /// copies go after the commit.
    /// </summary>
    /// <returns>How many messages were blanked.</returns>
    /// <param name="sourcePrefixes">Only messages whose source starts with one of these (a withdrawal forgets the signature's mails and updates, not the person's sign-ups).</param>
    public static async Task<int> ForgetAsync(SiteWrite write, IReadOnlyCollection<string> addresses, IReadOnlyCollection<Guid> entryKeys, CancellationToken ct,
        IReadOnlyCollection<string>? sourcePrefixes = null)
    {
        var messages = await FindAsync(write.Db, addresses, entryKeys, ct);
        if (sourcePrefixes is not null) messages = [.. messages.Where(m => sourcePrefixes.Any(p => m.Source.StartsWith(p, StringComparison.Ordinal)))];
        foreach (var message in messages) Blank(message);
        if (messages.Count > 0)
        {
            write.Raise(new MailForgottenNotification([.. messages.Select(m => m.MessageId)], [.. addresses]));
            write.Raise(new Privacy.PersonalDataDeletedNotification());
        }
        return messages.Count;
    }

    /// <summary>Every message to or about one of the addresses, or sent for one of the entries (tracked, for changing).</summary>
    public static async Task<List<OutboxMessage>> FindAsync(SiteDbContext db, IReadOnlyCollection<string> addresses, IReadOnlyCollection<Guid> entryKeys, CancellationToken ct)
    {
        var lower = addresses.Select(a => a.Trim().ToLowerInvariant()).Where(a => a.Length > 0).Distinct().ToList();
        var mailboxes = lower.Select(MailAddresses.Mailbox).ToHashSet(StringComparer.Ordinal);
        var found = new Dictionary<long, OutboxMessage>();
        if (entryKeys.Count > 0)
            foreach (var m in await db.OutboxMessages.Where(m => m.EntryKey != null && entryKeys.Contains(m.EntryKey.Value)).ToListAsync(ct)) found[m.Id] = m;
        foreach (var address in lower)
        {
            // The database narrows it down (mail bodies are written by our templates, addresses as typed; HTML
            // encodes only <, >, & and quotes, which no address holds); whole addresses decide: "an@x.nl" is not
            // "jan@x.nl", whose mail it would otherwise take.
            var candidates = await db.OutboxMessages.Where(m => m.ToAddress.ToLower() == address || m.ReplyTo.ToLower() == address
                || m.TextBody.ToLower().Contains(address) || m.HtmlBody.ToLower().Contains(address) || m.Body.ToLower().Contains(address)).ToListAsync(ct);
            foreach (var m in candidates.Where(m => Names(m, mailboxes))) found[m.Id] = m;
        }
        return [.. found.Values.OrderBy(m => m.Id)];
    }

    /// <summary>Whether one of the whole addresses in a message reaches one of the inboxes.</summary>
    private static bool Names(OutboxMessage message, IReadOnlySet<string> mailboxes) =>
        new[] { message.ToAddress, message.ReplyTo, message.TextBody, message.HtmlBody, message.Body }
            .SelectMany(MailAddresses.All).Any(a => mailboxes.Contains(MailAddresses.Mailbox(a)));

    /// <summary>Blanks exactly these messages (a mail that was to be forgotten once sent), nothing else to the same person.</summary>
    public static async Task ForgetMessagesAsync(SiteWrite write, IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        var messages = await write.Db.OutboxMessages.Where(m => ids.Contains(m.Id)).ToListAsync(ct);
        foreach (var message in messages) Blank(message);
        if (messages.Count > 0)
        {
            write.Raise(new MailForgottenNotification([.. messages.Select(m => m.MessageId)], []));
            write.Raise(new Privacy.PersonalDataDeletedNotification());
        }
    }

    private static void Blank(OutboxMessage message)
    {
        // A failed one stays failed (the mail screen shows that one failed) and can no longer be sent again (OutboxQueries.RetryAsync).
        if (message.Status == OutboxStatus.Pending) message.Status = OutboxStatus.Cancelled;
        message.ToAddress = Blanked;
        message.ReplyTo = "";
        message.Subject = Blanked;
        message.TextBody = "";
        message.HtmlBody = "";
        message.Body = "";
        message.LastError = "";
        message.UnsubscribeUrl = "";
        message.LockedUntilUtc = null;
    }
}

/// <summary>Messages were blanked: their copies outside the database go too.</summary>
public sealed record MailForgottenNotification(IReadOnlyList<string> MessageIds, IReadOnlyList<string> Addresses) : SiteNotification;

/// <summary>
/// Deletes the pickup folder's copies of blanked messages: by the message id in the file name, and any other copy
/// whose text names one of the addresses (a copy from before ids were in names, or one written twice).
/// </summary>
public sealed class DeletePickupCopiesWhenMailIsForgotten(MailOptions options, ILogger<DeletePickupCopiesWhenMailIsForgotten> logger)
    : SiteNotificationHandler<MailForgottenNotification>
{
    protected override async Task<string?> HandleAsync(MailForgottenNotification notification, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(options.PickupDirectory)) return null;
        var ids = notification.MessageIds.Select(id => id.Split('@')[0]).Where(id => id.Length > 0).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var deleted = 0;
        foreach (var file in Directory.EnumerateFiles(options.PickupDirectory, "*.eml"))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var id = name[(name.IndexOf('-') + 1)..];
            if (!ids.Contains(id))
            {
                var text = await File.ReadAllTextAsync(file, cancellationToken);
                if (!notification.Addresses.Any(a => text.Contains(a, StringComparison.OrdinalIgnoreCase))) continue;
                var mailboxes = notification.Addresses.Select(MailAddresses.Mailbox).ToHashSet(StringComparer.Ordinal);
                if (!MailAddresses.All(text).Any(a => mailboxes.Contains(MailAddresses.Mailbox(a)))) continue;
            }
            File.Delete(file);
            deleted++;
        }
        if (deleted > 0) logger.LogInformation("Deleted {Files} mail files of forgotten messages", deleted);
        return null;
    }
}
