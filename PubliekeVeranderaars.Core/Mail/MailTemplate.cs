using System.Net;
using System.Text;

namespace PubliekeVeranderaars.Core.Mail;

/// <summary>A field shown in a mail: its label and the value as submitted.</summary>
public sealed record MailField(string Label, string Value);

/// <summary>
/// The Dutch layout every transactional mail shares, as plain text and HTML. Values are encoded for HTML; the plain
/// text carries them unchanged. Links are written out in full, so they work in every mail program.
/// </summary>
public static class MailTemplate
{
    public const string Signature = "Wij, Publieke Veranderaars";

    public static (string Text, string Html) Render(string heading, string message, IReadOnlyList<MailField> fields,
        IReadOnlyList<(string Label, string Url)>? links = null, string? footer = null)
    {
        links ??= [];
        var text = new StringBuilder();
        text.Append(heading).Append("\n\n").Append(message).Append("\n");
        if (fields.Count > 0)
        {
            text.Append('\n');
            // Values stand on their own lines, unchanged: the owner sees exactly what the visitor typed.
            foreach (var field in fields) text.Append(field.Label).Append(":\n").Append(field.Value).Append("\n\n");
        }
        foreach (var (label, url) in links) text.Append('\n').Append(label).Append(":\n").Append(url).Append('\n');
        text.Append("\n-- \n").Append(Signature).Append('\n');
        if (footer is not null) text.Append(footer).Append('\n');

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>").Append(E(heading)).Append("</title></head>")
            .Append("<body style=\"font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:40em\">")
            .Append("<h1 style=\"font-size:22px;color:#1d3b8b\">").Append(E(heading)).Append("</h1>");
        foreach (var paragraph in message.Split("\n\n")) html.Append("<p>").Append(Lines(paragraph)).Append("</p>");
        if (fields.Count > 0)
        {
            html.Append("<table role=\"presentation\" style=\"border-collapse:collapse;margin:1em 0\">");
            foreach (var field in fields)
            {
                html.Append("<tr><th style=\"text-align:left;vertical-align:top;padding:4px 12px 4px 0\">").Append(E(field.Label))
                    .Append("</th><td style=\"padding:4px 0\">").Append(Lines(field.Value)).Append("</td></tr>");
            }
            html.Append("</table>");
        }
        foreach (var (label, url) in links)
            html.Append("<p><a href=\"").Append(E(url)).Append("\" style=\"color:#1d3b8b\">").Append(E(label)).Append("</a></p>");
        html.Append("<p style=\"color:#555;font-size:14px;border-top:1px solid #ccc;padding-top:8px\">").Append(E(Signature));
        if (footer is not null) html.Append("<br>").Append(E(footer));
        html.Append("</p></body></html>");
        return (text.ToString(), html.ToString());
    }

    private static string E(string value) => WebUtility.HtmlEncode(value);
    private static string Lines(string value) => E(value).ReplaceLineEndings("<br>");
}
