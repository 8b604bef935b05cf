using System.Text.RegularExpressions;
using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Core.Forms;

/// <summary>
/// Umbraco Forms' magic strings: <c>{fieldAlias}</c> is a submitted value, <c>[#pageProperty]</c> a property of the
/// page that hosts the form (<c>[#ownerEmail]</c>), <c>[#pageName]</c> and <c>[#pageUrl]</c> the page itself.
/// </summary>
public static partial class FormMagicStrings
{
    public static string Replace(string template, IReadOnlyList<FormEntryValue> values, PublishedContent? page, string? baseUrl = null) =>
        PageToken().Replace(FieldToken().Replace(template, m =>
                values.FirstOrDefault(v => string.Equals(v.Alias, m.Groups[1].Value, StringComparison.OrdinalIgnoreCase))?.Value ?? ""),
            m => m.Groups[1].Value switch
            {
                "pageName" => page?.Name ?? "",
                "pageUrl" => page is null ? "" : (baseUrl ?? "") + page.Route,
                var alias => page?.GetString(alias) ?? "",
            });

    /// <summary>Whether a template takes anything from the submitted values.</summary>
    public static bool MentionsField(string template) => FieldToken().IsMatch(template);

    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9_]*)\}")]
    private static partial Regex FieldToken();

    [GeneratedRegex(@"\[#([A-Za-z][A-Za-z0-9_]*)\]")]
    private static partial Regex PageToken();
}
