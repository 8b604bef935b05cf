using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Forms;
using PubliekeVeranderaars.Web.Content;

namespace PubliekeVeranderaars.Web.Forms;

/// <summary>A form as the page shows it: empty, re-shown with the visitor's input and messages, or thanked.</summary>
public sealed class FormViewModel(FormDefinition definition, PublishedContent page, PublishedSnapshot snapshot)
{
    /// <summary>Bots fill every field; people never see this one. A filled honeypot is thanked and dropped.</summary>
    public const string HoneypotField = "website";
    public const string SubmittedQueryKey = "verzonden";

    public FormDefinition Definition { get; } = definition;
    public PublishedContent Page { get; } = page;
    public IReadOnlyDictionary<string, string[]> Values { get; init; } = new Dictionary<string, string[]>();
    public IReadOnlyDictionary<string, string> Errors { get; init; } = new Dictionary<string, string>();
    /// <summary>A problem with the whole post (an expired antiforgery token, a closed initiative).</summary>
    public string? GeneralError { get; init; }
    public bool Submitted { get; init; }
    /// <summary>Shown in a preview: everything as on the live page, but nothing is sent.</summary>
    public bool IsPreview { get; init; }

    public string Anchor => $"formulier-{Definition.Alias}";
    public string Action => Page.Route + "#" + Anchor;
    public string ThankYouUrl => $"{Page.Route}?{SubmittedQueryKey}={Uri.EscapeDataString(Definition.Alias)}#{Anchor}";
    public bool HasErrors => Errors.Count > 0 || GeneralError is not null;

    /// <summary>How the error summary names a field: a consent's whole sentence is too long for a list of errors.</summary>
    public static string SummaryLabel(FormField field) => field.Type == FormFieldType.DataConsent ? "Toestemming" : field.Label;

    public string FieldId(FormField field) => $"{Definition.Alias}-{field.Alias}";
    public string? Error(FormField field) => Errors.GetValueOrDefault(field.Alias);

    public string Value(FormField field) =>
        Values.TryGetValue(field.Alias, out var v) && v.Length > 0 ? v[0] : Submitted ? "" : field.DefaultValue;

    public bool IsChecked(FormField field, string option = FormValidator.CheckedValue) =>
        Values.TryGetValue(field.Alias, out var v) && v.Contains(option, StringComparer.Ordinal);

    /// <summary>The input's description: help text and error, so screen readers read both with the field.</summary>
    public string? DescribedBy(FormField field)
    {
        var ids = new List<string>();
        if (field.HelpText.Length > 0) ids.Add(FieldId(field) + "-uitleg");
        if (Error(field) is not null) ids.Add(FieldId(field) + "-fout");
        return ids.Count > 0 ? string.Join(' ', ids) : null;
    }

    public PublishedContent? LinkedPage(FormField field) => ContentPageModel.Resolve(field.LinkedPage, snapshot);
}
