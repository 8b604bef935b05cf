using System.Text.RegularExpressions;
using MimeKit;

namespace PubliekeVeranderaars.Core.Forms;

/// <summary>
/// Server-side validation of a submission, field by field, with Dutch messages meant for the visitor.
/// The one place these rules live: the form renderer and the submission service both use it.
/// </summary>
public static partial class FormValidator
{
    public const string CheckedValue = "on";

    public static FormValidationResult Validate(FormDefinition form, IReadOnlyDictionary<string, string[]> posted)
    {
        var values = new List<FormEntryValue>();
        var errors = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in form.Fields)
        {
            var raw = posted.TryGetValue(field.Alias, out var v) ? v : [];
            var error = ValidateField(field, raw, out var value);
            if (error is not null) errors[field.Alias] = error;
            else values.Add(new FormEntryValue(field.Alias, value));
        }
        return new FormValidationResult(values, errors);
    }

    private static string? ValidateField(FormField field, string[] raw, out string value)
    {
        value = "";
        if (field.Type == FormFieldType.CheckboxList)
        {
            var chosen = raw.Where(r => r.Length > 0).ToList();
            if (chosen.Any(c => !field.Prevalues.Contains(c, StringComparer.Ordinal))) return "Kies uit de opties die hier staan.";
            if (field.Mandatory && chosen.Count == 0) return MandatoryMessage(field);
            value = string.Join(", ", chosen);
            return null;
        }
        if (raw.Length > 1) return "Dit veld is meer dan eens verstuurd. Laad de pagina opnieuw en probeer het nog eens.";
        var text = raw.Length == 1 ? raw[0] : "";

        if (field.IsBoolean)
        {
            var isChecked = text is CheckedValue or "true";
            if (field.Mandatory && !isChecked) return MandatoryMessage(field);
            value = isChecked ? "true" : "false";
            return null;
        }

        text = text.Trim();
        if (text.Length == 0)
            return field.Mandatory ? MandatoryMessage(field) : null;
        if (text.Length > FormFieldLimits.For(field))
            return $"Dit veld is te lang: je gebruikte {text.Length:N0} tekens, het mogen er {FormFieldLimits.For(field):N0} zijn.".Replace(',', '.');
        if (HasForbiddenCharacters(text, allowLineBreaks: !field.IsSingleLine))
            return field.IsSingleLine
                ? "Dit veld mag geen regeleinden of onzichtbare stuurtekens bevatten."
                : "Dit veld bevat onzichtbare stuurtekens die niet zijn toegestaan.";
        if (field.Type == FormFieldType.Email && !IsEmailAddress(text))
            return "Vul een geldig e-mailadres in, zoals naam@organisatie.nl.";
        if (Markup().IsMatch(text))
            return "Dit veld mag geen HTML-code bevatten, zoals tekst tussen < en >.";
        if (field.HasPrevalues && !field.Prevalues.Contains(text, StringComparer.Ordinal))
            return "Kies uit de opties die hier staan.";
        if (field.Regex.Length > 0 && !MatchesRegex(field.Regex, text))
            return field.RegexMessage.Length > 0 ? field.RegexMessage : $"'{field.Label}' heeft niet de juiste vorm.";
        value = text;
        return null;
    }

    private static string MandatoryMessage(FormField field) =>
        field.MandatoryMessage.Length > 0 ? field.MandatoryMessage
        : field.Type == FormFieldType.DataConsent ? "Geef toestemming, anders kunnen we je gegevens niet gebruiken."
        : $"Vul '{field.Label}' in.";

    /// <summary>Control characters (and line/paragraph separators in single-line fields) have no place in a form value.</summary>
    public static bool HasForbiddenCharacters(string text, bool allowLineBreaks)
    {
        foreach (var c in text)
        {
            if (c is '\n' or '\r' or '\t')
            {
                if (!allowLineBreaks && c != '\t') return true;
                continue;
            }
            if (char.IsControl(c) || c is '\u2028' or '\u2029' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069'))
                return true;
        }
        return false;
    }

    /// <summary>
    /// A plain address (local@domain.tld) that MimeKit parses to exactly itself: no display names, comments or
    /// routes, which are how header injection and misdelivery sneak into an address field.
    /// </summary>
    public static bool IsEmailAddress(string text) =>
        text.Length <= FormFieldLimits.Email
        && SimpleEmail().IsMatch(text)
        && MailboxAddress.TryParse(text, out var mailbox)
        && string.Equals(mailbox.Address, text, StringComparison.Ordinal);

    private static bool MatchesRegex(string pattern, string value) => Content.ValidationPattern.IsMatch(value, pattern);

    [GeneratedRegex(@"^[^@\s<>()\[\],;:""\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")]
    private static partial Regex SimpleEmail();

    /// <summary>A tag, comment or declaration opening: "&lt;script", "&lt;/p", "&lt;!--". "a &lt; b" stays allowed.</summary>
    [GeneratedRegex(@"<\s*[A-Za-z/!?]")]
    private static partial Regex Markup();
}

public sealed record FormValidationResult(IReadOnlyList<FormEntryValue> Values, IReadOnlyDictionary<string, string> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
