using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Forms;
using PubliekeVeranderaars.Core.Mail;
using PubliekeVeranderaars.Core.Signatures;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Privacy;

/// <summary>One kind of personal data: how many records there are now, and the rule that deletes them.</summary>
/// <param name="OnPrivacyPage">Whether the privacy page states this rule to visitors (the rest is internal bookkeeping).</param>
public sealed record RetentionKind(string Kind, string Holds, long Count, string Rule, TimeSpan? Lifetime, bool OnPrivacyPage = true);

/// <summary>
/// Retention at a glance: every kind of personal data the site stores, how many records, and how long each is kept.
/// The rules come from the same constants and form settings the deletion jobs use, so this screen, the CLI command
/// and the privacy page (checked against it by a test) say what the jobs do.
/// </summary>
public sealed class PersonalDataRetention(SiteDatabase database, FormDefinitionStore forms)
{
    public async Task<IReadOnlyList<RetentionKind>> OverviewAsync(int logDays, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var pending = await db.Signatures.CountAsync(s => s.Status == SignatureStatus.Pending, ct);
        var confirmed = await db.Signatures.CountAsync(s => s.Status == SignatureStatus.Confirmed, ct);
        var updates = await db.Signatures.CountAsync(s => s.Status == SignatureStatus.Confirmed && s.UpdatesConsentUtc != null, ct);
        var entries = await db.FormEntries.GroupBy(e => e.FormKey).Select(g => new { g.Key, Count = g.LongCount() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var mails = await db.OutboxMessages.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.LongCount() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var quotas = await db.MailQuotas.LongCountAsync(ct);
        var openRequests = await db.PrivacyRequests.LongCountAsync(r => r.AnsweredUtc == null, ct);
        var audit = await db.AuditEntries.LongCountAsync(ct);
        var versions = await db.ContentVersions.LongCountAsync(ct);

        var kinds = new List<RetentionKind>
        {
            new("Onbevestigde ondertekeningen", "naam, e-mailadres, organisatie, functie, woonplaats", pending,
                $"verwijderd {DutchFormat.Duration(SignatureExpiry.PendingLifetime)} na het ondertekenen", SignatureExpiry.PendingLifetime),
            new("Bevestigde ondertekeningen", "naam, e-mailadres, organisatie, functie, woonplaats", confirmed,
                "zolang het manifest online staat; direct verwijderd bij intrekken", null),
            new("Toestemming voor updates", "dat en wanneer een ondertekenaar updates wilde ontvangen", updates,
                "tot afmelden of intrekken; de updates die nog niet weg waren, gaan niet meer", null),
        };
        foreach (var form in forms.All.Where(f => !IsSignForm(f)).OrderBy(f => f.Name, StringComparer.OrdinalIgnoreCase))
        {
            var lifetime = TimeSpan.FromDays(form.RetentionDays);
            kinds.Add(new($"Aanmeldingen: {form.Name}", string.Join(", ", form.Fields.Where(f => !f.IsBoolean).Select(f => f.Label.ToLowerInvariant())),
                entries.GetValueOrDefault(form.Key), $"verwijderd {DutchFormat.Duration(lifetime)} na het versturen", lifetime));
        }
        kinds.Add(new("Verstuurde e-mails", "adres, naam en tekst van de mail", mails.GetValueOrDefault(OutboxStatus.Sent) + mails.GetValueOrDefault(OutboxStatus.Pending),
            $"verwijderd {DutchFormat.Duration(OutboxRetention.SentLifetime)} na verzending", OutboxRetention.SentLifetime));
        kinds.Add(new("Niet bezorgde e-mails", "adres, naam en tekst van de mail", mails.GetValueOrDefault(OutboxStatus.Failed),
            $"verwijderd {DutchFormat.Duration(OutboxRetention.FailedLifetime)} na het maken", OutboxRetention.FailedLifetime));
        kinds.Add(new("Gewiste e-mails", "alleen soort en datum (geen persoonsgegevens meer)", mails.GetValueOrDefault(OutboxStatus.Cancelled),
            $"verwijderd {DutchFormat.Duration(OutboxRetention.SentLifetime)} na het maken", OutboxRetention.SentLifetime, OnPrivacyPage: false));
        kinds.Add(new("Aantal mails per adres", "een hash van het adres, geen adres", quotas,
            $"verwijderd {DutchFormat.Duration(MailQuota.Lifetime)} na de dag", MailQuota.Lifetime, OnPrivacyPage: false));
        kinds.Add(new("Open privacyverzoeken", "het e-mailadres van wie het vroeg", openRequests,
            "het adres tot het verzoek is beantwoord; daarna alleen een hash", null, OnPrivacyPage: false));
        kinds.Add(new("Logboek", "wie in de back office wat deed (adressen van medewerkers); bezoekers alleen als 'Bezoeker' of een hash", audit,
            "zolang de site bestaat: het is het bewijs van wat er gebeurde", null, OnPrivacyPage: false));
        kinds.Add(new("Versies van pagina's", "wie ze maakte (medewerkers) en de adressen van eigenaren van initiatieven", versions,
            "zolang de pagina bestaat; definitief verwijderen uit de prullenbak wist ze", null, OnPrivacyPage: false));
        kinds.Add(new("Logbestanden", "IP-adressen en opgevraagde pagina's, geen formulierinhoud of e-mailadressen", -1,
            $"verwijderd na {DutchFormat.Duration(TimeSpan.FromDays(logDays))}", TimeSpan.FromDays(logDays)));
        // Made outside the site (docs/deploy.md: nightly, kept two weeks): the site cannot count them, only state the rule.
        kinds.Add(new("Back-ups", "alles hierboven, zoals het was op de nacht van de back-up", -1,
            $"verwijderd na {DutchFormat.Duration(BackupLifetime)} (de back-upplanning van de beheerder)", BackupLifetime));
        return kinds;
    }

    /// <summary>How long the documented backup schedule keeps a backup; the privacy page states it.</summary>
    public static readonly TimeSpan BackupLifetime = TimeSpan.FromDays(14);

    /// <summary>The sign form's posts become signatures, not entries: its retention is the signatures' own.</summary>
    private static bool IsSignForm(FormDefinition form) => form.Workflows.Any(w => w.Type == FormWorkflowType.Signature);
}
