namespace PubliekeVeranderaars.Core.Content;

/// <summary>
/// Non-breaking spaces in rich text. Ones an author means keep a number together with what belongs to it ("10 000",
/// "5 %", "€ 5", "12 km"); all others are accidents: the back office's earlier editor (Quill 2) wrote every space as
/// one, and browsers turn a space typed at the end of a line into one. Those stop phones from breaking lines between
/// words, so long lines break in the middle of a word instead. They become plain spaces; the meant ones stay.
/// </summary>
public static class NonBreakingSpaces
{
    private const string Entity = "&nbsp;";
    private const char Character = '\u00A0';

    /// <summary>The markup with every accidental non-breaking space (entity or character) made a plain space.</summary>
    public static string AsMeant(string markup)
    {
        if (!markup.Contains(Entity, StringComparison.Ordinal) && !markup.Contains(Character)) return markup;
        var result = new System.Text.StringBuilder(markup.Length);
        for (var i = 0; i < markup.Length;)
        {
            var length = markup[i] == Character ? 1 : string.CompareOrdinal(markup, i, Entity, 0, Entity.Length) == 0 ? Entity.Length : 0;
            if (length == 0)
            {
                result.Append(markup[i++]);
                continue;
            }
            var meant = KeepsANumberTogether(TextBefore(markup, i), markup, i + length);
            result.Append(meant ? markup.AsSpan(i, length) : " ");
            i += length;
        }
        return result.ToString();
    }

    /// <summary>
    /// Whether markup bears the old editor's mark: non-breaking spaces and not one plain space between words. Only
    /// such values are repaired in stored content; in anything else a non-breaking space may well be meant.
    /// </summary>
    public static bool LooksWrittenByQuill(string markup)
    {
        if (!markup.Contains(Entity, StringComparison.Ordinal) && !markup.Contains(Character)) return false;
        var inTag = false;
        foreach (var c in markup)
        {
            if (c == '<') inTag = true;
            else if (c == '>') inTag = false;
            else if (!inTag && c == ' ') return false;
        }
        return true;
    }

    /// <summary>The longest unit kept with its number: "km", "kg", "uur", "mln"; "jaar" or "ambtenaren" may go to the next line.</summary>
    private const int MaxUnitLength = 3;

    /// <summary>
    /// Before a number ("€ 5", "artikel 3"), or after one when what follows is a number or a unit ("10 000", "5 %",
    /// "12 km"). After a number, an ordinary word ("2024 begonnen") is no unit.
    /// </summary>
    private static bool KeepsANumberTogether(char before, string markup, int afterIndex)
    {
        var after = TextAfter(markup, afterIndex, out var start);
        if (char.IsDigit(after)) return true;
        if (!char.IsDigit(before)) return false;
        if (!char.IsLetter(after)) return !char.IsWhiteSpace(after) && after != '<';
        var letters = 0;
        while (start + letters < markup.Length && char.IsLetter(markup[start + letters])) letters++;
        return letters <= MaxUnitLength;
    }

    /// <summary>The text character before a position, looking past tags ("<strong>10</strong>&nbsp;000").</summary>
    private static char TextBefore(string markup, int index)
    {
        var i = index - 1;
        while (i >= 0 && markup[i] == '>')
        {
            var open = markup.LastIndexOf('<', i);
            if (open < 0) break;
            i = open - 1;
        }
        return i >= 0 ? markup[i] : ' ';
    }

    /// <summary>The text character from a position on, looking past tags, and where it stands.</summary>
    private static char TextAfter(string markup, int index, out int at)
    {
        at = index;
        while (at < markup.Length && markup[at] == '<')
        {
            var close = markup.IndexOf('>', at);
            if (close < 0) break;
            at = close + 1;
        }
        return at < markup.Length ? markup[at] : ' ';
    }
}
