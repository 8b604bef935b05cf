using System.Globalization;
using System.Text;

namespace PubliekeVeranderaars.Core.Content;

/// <summary>Turns a page name into the URL segment Umbraco would give it: "Zo veranderen wij" -> "zo-veranderen-wij".</summary>
public static class UrlSegments
{
    /// <summary>Umbraco's convention: a property with this alias overrides the segment derived from the name.</summary>
    public const string UrlNamePropertyAlias = "umbracoUrlName";

    /// <summary>
    /// A page's segment: its <see cref="UrlNamePropertyAlias"/> value if it has one, else its name; either way only
    /// lower-case letters (of any script), digits and single dashes, so no value (typed, or imported from a uSync file) can reach
    /// another path or, through an export, another folder.
    /// </summary>
    public static string For(string name, IEnumerable<ContentPropertyValue> values) =>
        values.FirstOrDefault(v => v.Alias == UrlNamePropertyAlias && v.Value.Trim().Length > 0)?.Value is { } urlName
            ? FromName(urlName)
            : FromName(name);

    /// <summary>Whether a segment has the only shape <see cref="FromName"/> gives.</summary>
    public static bool IsValid(string segment) =>
        segment.Length > 0 && segment[0] != '-' && segment[^1] != '-' && !segment.Contains("--", StringComparison.Ordinal)
        && segment.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-' || (c > 127 && char.IsLetterOrDigit(c) && !char.IsUpper(c)));

    public static string FromName(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var lastWasDash = true;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            // Latin letters lose their accents ("Cocreëren" -> "cocreeren"); letters of other scripts stay as they
            // are, lower case ("Über uns" -> "uber-uns", "О нас" -> "о-нас"), as Umbraco's "try ASCII" does: a
            // Greek, Cyrillic or Chinese site keeps one address per page instead of all of them becoming "pagina".
            if (char.IsAsciiLetterOrDigit(c) || (c > 127 && char.IsLetterOrDigit(c)))
            {
                builder.Append(char.ToLowerInvariant(c));
                lastWasDash = false;
            }
            else if (!lastWasDash)
            {
                builder.Append('-');
                lastWasDash = true;
            }
        }
        var segment = builder.ToString().TrimEnd('-');
        return segment.Length == 0 ? "pagina" : segment;
    }
}
