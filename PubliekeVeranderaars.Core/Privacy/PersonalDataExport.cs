using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PubliekeVeranderaars.Core.Privacy;

/// <summary>
/// An access request's answer (AVG art. 15): every record about the person, as a page they can read (HTML, opens
/// in any browser, prints as PDF) and as JSON for a machine. Both come from one <see cref="PersonalDataReport"/>.
/// </summary>
public static class PersonalDataExport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ToJson(PersonalDataReport report) => JsonSerializer.Serialize(new
    {
        address = report.Address,
        made = report.MadeUtc,
        records = report.Records.Select(r => new
        {
            kind = r.Kind, key = r.Key, created = r.Utc, summary = r.Summary,
            // A list, not an object: two fields may carry the same label.
            fields = r.Fields.Select(f => new { label = f.Label, value = f.Value }),
        }),
    }, Json);

    /// <summary>A page in Dutch that stands on its own: no scripts, no outside styles, every value encoded.</summary>
    public static string ToHtml(PersonalDataReport report, string siteName)
    {
        // Letters with accents stay letters: the person reads their own name.
        var e = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>Jouw gegevens bij ").Append(e.Encode(siteName)).Append("</title>")
            .Append("<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5}")
            .Append("dl{display:grid;grid-template-columns:minmax(8rem,14rem) 1fr;gap:.25rem 1rem}dt{font-weight:bold}dd{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}")
            .Append("section{border-top:1px solid #999;margin-top:1.5rem}</style></head><body>")
            .Append("<h1>Jouw gegevens bij ").Append(e.Encode(siteName)).Append("</h1>")
            .Append("<p>Dit overzicht bevat alles wat de site op ").Append(e.Encode(DutchFormat.DateTime(report.MadeUtc)))
            .Append(" over het e-mailadres <strong>").Append(e.Encode(report.Address)).Append("</strong> bewaarde.</p>");
        if (report.Records.Count == 0) html.Append("<p>De site bewaart niets over dit adres.</p>");
        foreach (var kind in report.ByKind)
        {
            html.Append("<h2>").Append(e.Encode(kind.Key)).Append(" (").Append(kind.Count()).Append(")</h2>");
            foreach (var record in kind)
            {
                html.Append("<section><h3>").Append(e.Encode(record.Summary.Length > 0 ? record.Summary : record.Kind)).Append("</h3><dl>");
                foreach (var field in record.Fields)
                    html.Append("<dt>").Append(e.Encode(field.Label)).Append("</dt><dd>").Append(e.Encode(field.Value.Length > 0 ? field.Value : "—")).Append("</dd>");
                html.Append("</dl></section>");
            }
        }
        html.Append("</body></html>");
        return html.ToString();
    }
}
