using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PubliekeVeranderaars.Core.Mail;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Signatures;

/// <summary>
/// Signatures from before the inbox was kept get theirs, once, when the site starts. Where two of them reach one
/// inbox (signed as "jan@" and "jan+x@"), the earliest keeps it and the others keep none: nothing signed is taken
/// away here, and their count is logged for the editors to look at.
/// </summary>
public sealed class SignatureMailboxes(SiteWriter writer, ILogger<SignatureMailboxes> logger)
{
    public async Task FillAsync(CancellationToken cancellationToken = default) =>
        await writer.WriteAsync(Actor.System, async write =>
        {
            var missing = await write.Db.Signatures.Where(s => s.Mailbox == null).OrderBy(s => s.CreatedUtc).ToListAsync(cancellationToken);
            if (missing.Count == 0)
            {
                write.Abandon();
                return;
            }
            var taken = (await write.Db.Signatures.Where(s => s.Mailbox != null).Select(s => s.Mailbox!).ToListAsync(cancellationToken))
                .ToHashSet(StringComparer.Ordinal);
            var shared = 0;
            foreach (var signature in missing)
            {
                var mailbox = MailAddresses.Mailbox(signature.Email);
                if (taken.Add(mailbox)) signature.Mailbox = mailbox;
                else shared++;
            }
            if (shared > 0) logger.LogWarning("{Count} older signatures share an inbox with another signature; they keep counting until withdrawn", shared);
        }, cancellationToken);
}
