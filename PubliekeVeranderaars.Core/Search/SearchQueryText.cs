namespace PubliekeVeranderaars.Core.Search;

/// <summary>
/// What a visitor typed in the search box, read as words and "quoted phrases". Nothing else is syntax: brackets,
/// colons, stars and plus signs separate words, so no text can reach Lucene's own query language.
/// </summary>
public sealed class SearchQueryText
{
    /// <summary>Longer than any real question to a site search; a longer text is refused, not cut.</summary>
    public const int MaxLength = 200;
    /// <summary>Words and phrases beyond this many are ignored: they only slow the search down.</summary>
    public const int MaxParts = 16;

    public string Text { get; }
    public IReadOnlyList<string> Words { get; }
    public IReadOnlyList<string> Phrases { get; }
    public bool IsEmpty => Words.Count == 0 && Phrases.Count == 0;

    private SearchQueryText(string text, IReadOnlyList<string> words, IReadOnlyList<string> phrases)
    {
        Text = text;
        Words = words;
        Phrases = phrases;
    }

    /// <summary>
    /// Splits "title:(ambtenaar" into "title" and "ambtenaar": only letters, digits and the characters that belong
    /// inside Dutch words, addresses and numbers ("zo'n", "e-mail", "3.5", "a@b.nl") stay in a word.
    /// </summary>
    private static IEnumerable<string> SplitWord(string word)
    {
        var start = -1;
        for (var i = 0; i <= word.Length; i++)
        {
            var inWord = i < word.Length && (char.IsLetterOrDigit(word[i]) || word[i] is '-' or '\'' or '’' or '.' or '@' or '_' or '&');
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                yield return word[start..i];
                start = -1;
            }
        }
    }

    /// <returns>Null when the text is too long to be a search.</returns>
    public static SearchQueryText? Parse(string? raw)
    {
        var text = string.Join(' ', (raw ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length > MaxLength) return null;
        var words = new List<string>();
        var phrases = new List<string>();
        var parts = text.Split('"');
        // Between an even and an odd quote is a phrase; an unbalanced last quote opens nothing, its text is words.
        var balanced = parts.Length % 2 == 1;
        for (var i = 0; i < parts.Length; i++)
        {
            var isPhrase = i % 2 == 1 && (balanced || i < parts.Length - 1);
            if (isPhrase)
            {
                if (parts[i].Trim() is { Length: > 0 } phrase) phrases.Add(phrase);
            }
            else
            {
                words.AddRange(parts[i].Split(' ', StringSplitOptions.RemoveEmptyEntries).SelectMany(SplitWord));
            }
        }
        var keptPhrases = phrases.Take(MaxParts).ToList();
        var keptWords = words.Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxParts - keptPhrases.Count).ToList();
        return new SearchQueryText(text, keptWords, keptPhrases);
    }
}
