using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Forms;
using PubliekeVeranderaars.Core.Mail;
using PubliekeVeranderaars.Core.Signatures;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Privacy;

/// <summary>What an erasure removed.</summary>
public sealed record PersonalDataErasureResult(int Signatures, int Entries, int Mails, int Requests, string AddressHash, int Pages = 0)
{
    public int Total => Signatures + Entries + Mails + Pages;
}

/// <summary>
/// Erases one person (AVG art. 17) in one unit: their signatures and links, their sign-ups, every mail to or about
/// them (cancelled or blanked; the pickup copies after the commit), quota counts of their address, and their
/// address in the request register; the audit trail records it under the address's salted hash. The public list
/// and the count follow from the signatures changed notification; the search index never holds visitors.
/// A back-office account is not removed here: that is the administrator's step on the users screen.
/// </summary>
public sealed class PersonalDataErasure(SiteWriter writer, PrivacyHashes hashes, ILogger<PersonalDataErasure> logger)
{
    public async Task<PersonalDataErasureResult> EraseAsync(string address, Actor actor, CancellationToken ct = default)
    {
        var hash = await hashes.HashAsync(address, ct);
        var result = await writer.WriteAsync(actor, async write =>
        {
            // Before reading the signatures: none is confirmed or removed by someone else until this unit commits.
            await SignatureLog.LockAsync(write, ct);
            var matches = await PersonalDataSearch.MatchAsync(write.Db, address, hash, ct);
            await SignatureLog.AppendAsync(write, SignatureLogEvents.Erased, -1, matches.Signatures.Count(s => s.IsConfirmed), ct);
            write.Db.SignatureTokens.RemoveRange(matches.Tokens);
            write.Db.Signatures.RemoveRange(matches.Signatures);
            write.Db.FormEntries.RemoveRange(matches.Entries);
            var mails = await MailTraces.ForgetAsync(write, matches.Addresses, [.. matches.Entries.Select(e => e.Key)], ct);
            foreach (var request in matches.Requests) Forget(request, write);
            // A page that names the person (an initiative's owner) loses the address and the values beside it that
            // describe the same person, in every version: the history must not keep what the page no longer shows.
            foreach (var version in matches.PageVersions)
            {
                var personal = PersonalDataSearch.PersonValues(version, matches.Addresses);
                version.Values = [.. version.Values.Select(v => personal.Contains(v) ? v with { Value = "" } : v)];
            }
            if (matches.Pages.Count > 0)
            {
                foreach (var page in matches.Pages) write.Audit(AuditActions.ErasePersonalData, page.AuditTarget, "eigenaar gewist");
                write.Raise(new Content.ContentChangedNotification(Content.ContentOperation.Save, PublishedTreeChanged: true));
            }
            var quotaHashes = matches.Addresses.Select(MailQuota.RecipientHash).ToList();
            await write.Db.MailQuotas.Where(q => quotaHashes.Contains(q.RecipientHash)).ExecuteDeleteAsync(ct);

            var erased = new PersonalDataErasureResult(matches.Signatures.Count, matches.Entries.Count, mails, matches.Requests.Count, hash, matches.Pages.Count);
            write.Audit(AuditActions.ErasePersonalData, AuditTarget(hash),
                $"{DutchFormat.Count(erased.Signatures, "ondertekening", "ondertekeningen")}, {DutchFormat.Count(erased.Entries, "aanmelding", "aanmeldingen")}, " +
                $"{DutchFormat.Count(erased.Mails, "mail", "mails")}, {DutchFormat.Count(erased.Pages, "pagina", "pagina's")} gewist");
            if (erased.Signatures > 0) write.Raise(new SignaturesChangedNotification());
            write.Raise(new PersonalDataDeletedNotification());
            return erased;
        }, ct);
        logger.LogInformation("Personal data of {Person} erased: {Signatures} signatures, {Entries} entries, {Mails} mails",
            AuditTarget(hash), result.Signatures, result.Entries, result.Mails);
        return result;
    }

    /// <summary>How the audit trail and the logs name an erased person: by the salted hash of the address only.</summary>
    public static string AuditTarget(string hash) => $"persoon {hash}";

    /// <summary>The register keeps that a request was made and answered, not whose address it was.</summary>
    private static void Forget(PrivacyRequest request, SiteWrite write)
    {
        request.Email = "";
        if (request.AnsweredUtc is not null) return;
        if (request.Kind != PrivacyRequestKind.Erasure) return;
        request.AnsweredUtc = write.Now;
        request.AnsweredBy = write.Actor.Name;
        request.Outcome = "Alle gegevens gewist.";
    }
}
