using System.Globalization;
using System.Text;

namespace PubliekeVeranderaars.Core.Content;

/// <summary>Turns a page name into the URL segment Umbraco would give it: "Zo veranderen wij" -> "zo-veranderen-wij".</summary>
public static class UrlSegments
{
    /// <summary>Umbraco's convention: a property with this alias overrides the segment derived from the name.</summary>
    public const string UrlNamePropertyAlias = "umbracoUrlName";

    public static string FromName(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var lastWasDash = true;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsAsciiLetterOrDigit(c))
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
