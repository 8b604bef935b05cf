using System.Globalization;
using System.Text;

namespace PubliekeVeranderaars.Core.Sync;

/// <summary>
/// uSync's informational <c>Path</c> of an item: the names from the root down, each as Umbraco's safe alias makes it
/// ("Getting Started with Schema.org" becomes "GettingStartedWithSchemaorg", "test(1)" becomes "test1", "Cocreëren"
/// becomes "Cocreeren").
/// </summary>
public static class USyncPaths
{
    /// <summary>Letters Umbraco's ASCII conversion spells out rather than strips.</summary>
    private static readonly Dictionary<char, string> Spelled = new()
    {
        ['ä'] = "ae", ['ö'] = "oe", ['ü'] = "ue", ['Ä'] = "Ae", ['Ö'] = "Oe", ['Ü'] = "Ue", ['ß'] = "ss",
        ['æ'] = "ae", ['Æ'] = "Ae", ['œ'] = "oe", ['Œ'] = "Oe", ['ø'] = "o", ['Ø'] = "O", ['đ'] = "d", ['Đ'] = "D", ['ł'] = "l", ['Ł'] = "L",
    };

    /// <summary>Words after the first start with a capital; everything but letters and digits goes.</summary>
    public static string Segment(string name)
    {
        var result = new StringBuilder(name.Length);
        // Accents go, as Umbraco's alias makes Latin letters ASCII ("ü" becomes "ue", "ş" becomes "s"); letters of
        // other scripts stay.
        var spelled = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormC)) spelled.Append(Spelled.GetValueOrDefault(c) ?? c.ToString());
        var plain = new string(spelled.ToString().Normalize(NormalizationForm.FormD)
            .Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark).ToArray()).Normalize(NormalizationForm.FormC);
        var words = plain.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            var letters = words[i].Where(char.IsLetterOrDigit).ToArray();
            if (letters.Length == 0) continue;
            if (i > 0 && result.Length > 0) letters[0] = char.ToUpperInvariant(letters[0]);
            result.Append(letters);
        }
        return result.ToString();
    }
}
