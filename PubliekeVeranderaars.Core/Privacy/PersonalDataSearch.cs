using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Forms;
using PubliekeVeranderaars.Core.Mail;
using PubliekeVeranderaars.Core.Signatures;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Privacy;

/// <summary>The kinds of record the site can hold about a person, as staff and the person read them.</summary>
public static class PersonalDataKinds
{
    public const string Signature = "Ondertekening";
    public const string Entry = "Aanmelding";
    public const string Mail = "E-mail";
    public const string Request = "Privacyverzoek";
    public const string Account = "Account in de back office";
    /// <summary>What a member of staff did in the back office: kept as evidence, also after their account is removed.</summary>
    public const string Audit = "Logboek";
    /// <summary>A page that names the person (an initiative's owner), in any of its versions.</summary>
    public const string Page = "Pagina";
}

public sealed record PersonalDataField(string Label, string Value);

/// <summary>One record about a person: its kind, its key, when it was made, and every value it holds.</summary>
public sealed record PersonalDataRecord(string Kind, string Key, DateTime? Utc, string Summary, IReadOnlyList<PersonalDataField> Fields);

/// <summary>Everything the site holds about one address, made at one moment.</summary>
public sealed record PersonalDataReport(string Address, DateTime MadeUtc, IReadOnlyList<PersonalDataRecord> Records)
{
    public IEnumerable<IGrouping<string, PersonalDataRecord>> ByKind => Records.GroupBy(r => r.Kind);
}

/// <summary>The rows that hold one person, found in one context (tracked, so an erasure changes exactly these).</summary>
public sealed class PersonalDataMatches
{
    public required IReadOnlyCollection<string> Addresses { get; init; }
    public required List<Signature> Signatures { get; init; }
    public required List<SignatureToken> Tokens { get; init; }
    public required List<FormEntry> Entries { get; init; }
    public required List<OutboxMessage> Messages { get; init; }
    public required List<PrivacyRequest> Requests { get; init; }
    public BackofficeUser? Account { get; init; }
    public IReadOnlyList<string> AccountRoles { get; init; } = [];
    /// <summary>Lines of the audit trail written in the person's name (staff; visitors are never named there).</summary>
    public IReadOnlyList<AuditEntry> AuditEntries { get; init; } = [];
    /// <summary>Every version of every page with a value that is the address (tracked: erasure blanks them).</summary>
    public required List<ContentVersion> PageVersions { get; init; }
    public required List<ContentNode> Pages { get; init; }
}

/// <summary>
/// Finds every record about one e-mail address: signatures (by address or by the inbox it reaches), sign-ups that
/// carry the address in any field, every mail to or about the person, privacy requests, a back-office account.
/// </summary>
public sealed class PersonalDataSearch(SiteDatabase database, PrivacyHashes hashes, TimeProvider clock)
{
    public async Task<PersonalDataReport> FindAsync(string address, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var matches = await MatchAsync(db, address, await hashes.HashAsync(address, ct), ct);
        var forms = await db.Forms.AsNoTracking().ToDictionaryAsync(f => f.Key, ct);
        return new PersonalDataReport(address.Trim(), clock.GetUtcNow().UtcDateTime, Describe(matches, forms));
    }

    public static async Task<PersonalDataMatches> MatchAsync(SiteDbContext db, string address, string hash, CancellationToken ct)
    {
        var normalized = Signature.NormalizeEmail(address);
        var mailbox = MailAddresses.Mailbox(address);
        var signatures = await db.Signatures.Where(s => s.Email == normalized || s.Mailbox == mailbox).ToListAsync(ct);
        var signatureKeys = signatures.Select(s => s.Key).ToList();
        var tokens = await db.SignatureTokens.Where(t => signatureKeys.Contains(t.SignatureKey)).ToListAsync(ct);

        // Sign-up values are JSON in one column: read and compare here, the same way on every provider. Retention
        // keeps the table to months of sign-ups.
        var entries = (await db.FormEntries.ToListAsync(ct)).Where(e => e.Values.Any(v => Names(v.Value, normalized, mailbox))).ToList();

        var addresses = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { normalized };
        addresses.UnionWith(signatures.Select(s => s.Email));
        addresses.UnionWith(entries.SelectMany(e => e.Values).Select(v => v.Value.Trim()).Where(v => Names(v, normalized, mailbox)));
        var messages = await MailTraces.FindAsync(db, addresses, [.. entries.Select(e => e.Key)], ct);
        var requests = await db.PrivacyRequests.Where(r => r.AddressHash == hash).OrderBy(r => r.ReceivedOn).ToListAsync(ct);
        var account = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == address.Trim().ToUpperInvariant(), ct);
        var roles = account is null ? [] : await (from userRole in db.UserRoles
                                                  join role in db.Roles on userRole.RoleId equals role.Id
                                                  where userRole.UserId == account.Id
                                                  select role.Name!).ToListAsync(ct);
        // The trail names staff by the address they log in with, as it was spelled then.
        var audit = await db.AuditEntries.AsNoTracking().Where(e => e.User.ToLower() == normalized).OrderBy(e => e.Id).ToListAsync(ct);
        // Pages that name the person (an initiative's owner address), in every version: read and compared here, as the
        // sign-ups are. A privacy request is rare; the versions are read once for it.
        var versionIds = new List<long>();
        await foreach (var version in db.ContentVersions.AsNoTracking().Select(v => new { v.Id, v.Values }).AsAsyncEnumerable().WithCancellation(ct))
            if (version.Values.Any(v => Names(v.Value, normalized, mailbox))) versionIds.Add(version.Id);
        var pageVersions = versionIds.Count == 0 ? [] : await db.ContentVersions.Where(v => versionIds.Contains(v.Id)).ToListAsync(ct);
        var pageKeys = pageVersions.Select(v => v.NodeKey).Distinct().ToList();
        var pages = pageKeys.Count == 0 ? [] : await db.ContentNodes.AsNoTracking().Where(n => pageKeys.Contains(n.Key)).OrderBy(n => n.Name).ToListAsync(ct);
        return new PersonalDataMatches
        {
            Addresses = addresses, Signatures = signatures, Tokens = tokens, Entries = entries, Messages = messages, Requests = requests, Account = account,
            AccountRoles = roles, AuditEntries = audit, PageVersions = pageVersions, Pages = pages,
        };
    }

    /// <summary>
    /// The values of a page version that belong to the person: each value that is the address, and the values beside
    /// it that describe the same person by their alias (<c>ownerEmail</c> → <c>ownerName</c>, <c>ownerPortrait</c>).
    /// </summary>
    public static IReadOnlyList<ContentPropertyValue> PersonValues(ContentVersion version, IReadOnlyCollection<string> addresses)
    {
        var spellings = addresses.Select(a => (Normalized: Signature.NormalizeEmail(a), Mailbox: MailAddresses.Mailbox(a))).ToList();
        var matched = version.Values.Where(v => spellings.Any(a => Names(v.Value, a.Normalized, a.Mailbox))).ToList();
        var prefixes = matched.Select(v => PersonPrefix(v.Alias)).Where(p => p.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return [.. version.Values.Where(v => matched.Contains(v) || prefixes.Any(p => v.Alias.StartsWith(p, StringComparison.OrdinalIgnoreCase)))];
    }

    /// <summary>"owner" of "ownerEmail", "contact" of "contactMailAddress": what the person's other fields start with.</summary>
    private static string PersonPrefix(string alias)
    {
        foreach (var suffix in new[] { "EmailAddress", "MailAddress", "Email", "EMail", "Mail", "Address" })
            if (alias.Length > suffix.Length && alias.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) return alias[..^suffix.Length];
        return "";
    }

    /// <summary>Whether a value is this address, however it is spelled (case, spaces, a +tag, Gmail's dots).</summary>
    private static bool Names(string value, string normalized, string mailbox)
    {
        var trimmed = value.Trim();
        return trimmed.Contains('@') && (string.Equals(trimmed, normalized, StringComparison.OrdinalIgnoreCase) || MailAddresses.Mailbox(trimmed) == mailbox);
    }

    private static List<PersonalDataRecord> Describe(PersonalDataMatches matches, IReadOnlyDictionary<Guid, FormDefinition> forms)
    {
        var records = new List<PersonalDataRecord>();
        foreach (var s in matches.Signatures)
        {
            var links = matches.Tokens.Count(t => t.SignatureKey == s.Key && t.Purpose == SignatureTokenPurpose.Confirm);
            var updateLinks = matches.Tokens.Count(t => t.SignatureKey == s.Key && t.Purpose == SignatureTokenPurpose.Unsubscribe);
            records.Add(new(PersonalDataKinds.Signature, s.Key.ToString(), s.CreatedUtc, s.IsConfirmed ? "bevestigd" : "nog niet bevestigd",
            [
                new("Naam", s.Name), new("E-mailadres", s.Email), new("Organisatie", s.Organisation), new("Functie", s.Role),
                new("Woonplaats", s.Place), new("Op de openbare lijst", s.ShowPublicly ? "ja" : "nee"),
                new("Ondertekend", DutchFormat.DateTime(s.CreatedUtc)),
                new("Bevestigd", s.ConfirmedUtc is { } at ? DutchFormat.DateTime(at) : "nog niet"),
                new("Open bevestigingslinks", links.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new("Updates ontvangen", s.UpdatesConsentUtc is { } consent ? $"ja, toestemming gegeven op {DutchFormat.DateTime(consent)}" : "nee"),
                new("Afmeldlinks in verstuurde updates", updateLinks.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ]));
        }
        foreach (var e in matches.Entries)
        {
            var form = forms.GetValueOrDefault(e.FormKey);
            var fields = e.Values.Select(v => form?.Field(v.Alias) is { } field
                ? new PersonalDataField(field.Label.Length > 0 ? field.Label : v.Alias, field.IsBoolean ? (IsTicked(v.Value) ? "ja" : "nee") : v.Value)
                : new PersonalDataField(v.Alias, v.Value)).ToList();
            fields.Add(new("Verstuurd", DutchFormat.DateTime(e.CreatedUtc)));
            if (e.ContactedUtc is { } contacted) fields.Add(new("Contact opgenomen", DutchFormat.DateTime(contacted)));
            if (e.Note.Length > 0) fields.Add(new("Notitie van de eigenaar", e.Note));
            records.Add(new(PersonalDataKinds.Entry, e.Key.ToString(), e.CreatedUtc, $"{form?.Name ?? "formulier"} op {e.PageName}", fields));
        }
        foreach (var m in matches.Messages)
        {
            records.Add(new(PersonalDataKinds.Mail, m.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), m.CreatedUtc, m.Subject,
            [
                new("Aan", m.ToAddress), new("Antwoord naar", m.ReplyTo), new("Onderwerp", m.Subject), new("Status", DutchStatus(m.Status)),
                new("Gemaakt", DutchFormat.DateTime(m.CreatedUtc)), new("Verstuurd", m.SentUtc is { } sent ? DutchFormat.DateTime(sent) : "nee"),
                new("Tekst", m.Kind == OutboxKind.Email ? m.TextBody : m.Body),
            ]));
        }
        foreach (var r in matches.Requests)
        {
            records.Add(new(PersonalDataKinds.Request, r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), r.RegisteredUtc, PrivacyRequest.DutchKind(r.Kind),
            [
                new("Soort", PrivacyRequest.DutchKind(r.Kind)), new("Ontvangen", DutchFormat.Date(r.ReceivedOn)),
                new("Beantwoorden vóór", DutchFormat.Date(r.DueOn)), new("Beantwoord", r.AnsweredUtc is { } at ? DutchFormat.DateTime(at) : "nog niet"),
            ]));
        }
        foreach (var page in matches.Pages)
        {
            var versions = matches.PageVersions.Where(v => v.NodeKey == page.Key).ToList();
            var values = versions.SelectMany(v => PersonValues(v, matches.Addresses)).DistinctBy(v => (v.Alias, v.Value)).ToList();
            var fields = values.Select(v => new PersonalDataField(v.Alias, v.Value)).ToList();
            fields.Add(new("Versies met deze gegevens", versions.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            fields.Add(new("Gepubliceerd", versions.Any(v => v.Id == page.PublishedVersionId) ? "ja, bezoekers zien dit" : "nee"));
            records.Add(new(PersonalDataKinds.Page, page.Key.ToString(), versions.Min(v => v.CreatedUtc), $"genoemd op de pagina '{page.Name}'", fields));
        }
        if (matches.Account is { } account)
        {
            records.Add(new(PersonalDataKinds.Account, account.Id, null, "een account van een medewerker; beheerders verwijderen het bij Gebruikers",
            [
                new("E-mailadres", account.Email ?? ""), new("Naam", account.DisplayName),
                new("Rol", string.Join(", ", matches.AccountRoles.Select(BackofficeRoles.DutchName))),
                new("Tweestapsverificatie", account.TwoFactorEnabled ? "aan" : "uit"),
            ]));
        }
        if (matches.AuditEntries.Count > 0)
        {
            // One record: every line, oldest first, as the trail shows it. An erasure leaves them: they are evidence
            // of what was done in the back office, not data about a visitor.
            records.Add(new(PersonalDataKinds.Audit, "logboek", matches.AuditEntries[0].Utc,
                $"{DutchFormat.Count(matches.AuditEntries.Count, "handeling", "handelingen")} in de back office; blijven bewaard als verantwoording",
                [.. matches.AuditEntries.Select(e => new PersonalDataField(DutchFormat.DateTimeWithSeconds(e.Utc),
                    string.Join(" · ", new[] { AuditLabels.For(e.Action), e.Target, e.Details }.Where(t => t.Length > 0))))]));
        }
        return records;
    }

    private static bool IsTicked(string value) => value.Trim().ToLowerInvariant() is "true" or "on" or "1" or "ja";

    private static string DutchStatus(OutboxStatus status) => status switch
    {
        OutboxStatus.Pending => "wacht op verzending",
        OutboxStatus.Sent => "verstuurd",
        OutboxStatus.Failed => "niet bezorgd",
        _ => "geannuleerd",
    };
}
