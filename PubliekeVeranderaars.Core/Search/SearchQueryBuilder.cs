using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace PubliekeVeranderaars.Core.Search;

/// <summary>One word or phrase of the visitor's text, as the query that finds it in the name or the body.</summary>
/// <param name="Stem">The Dutch stem of a single word; null for a phrase or a word that splits into several tokens.</param>
public sealed record SearchQueryPart(string Text, bool IsPhrase, string? Stem, Query Exact);

/// <summary>A part as typed or corrected: <paramref name="Alternatives"/> are index words one or two edits away, likeliest first.</summary>
public sealed record SearchCorrection(Query Query, IReadOnlyList<(string Word, float Similarity)> Alternatives);

/// <summary>
/// Turns what a visitor typed into Lucene queries: Dutch stems ("ambtenaren" finds "ambtenaar"), phrases, and the
/// typo queries whose words the index supplies. Pure: it reads no index, so every rule here is tested on its own.
/// </summary>
public sealed class SearchQueryBuilder(Analyzer dutch, Analyzer words)
{
    private const float NameBoost = 3f;
    /// <summary>A typo is at most one edit in a short word and two in a long one; more finds nonsense.</summary>
    private const int ShortWordLength = 4;
    private const int LongWordLength = 7;
    private const int CorrectionsPerWord = 5;
    /// <summary>
    /// Longer than Dutch's long compounds ("arbeidsongeschiktheidsverzekering", 33); the automaton that finds typos
    /// grows with the word, so a 200-letter "word" is searched as typed and not corrected.
    /// </summary>
    private const int LongestCorrectedWord = 40;
    /// <summary>People rarely mistype the first letter; not trying it makes finding the corrections several times faster.</summary>
    private const int TypoFreePrefix = 1;

    /// <summary>The phrases, then the words; a stop word ("de", "het") or bare punctuation finds nothing on its own and is left out.</summary>
    public IReadOnlyList<SearchQueryPart> Parts(SearchQueryText query)
    {
        var parts = new List<SearchQueryPart>();
        foreach (var phrase in query.Phrases)
        {
            var tokens = Tokens(dutch, ContentSearchFields.Body, phrase);
            if (tokens.Count > 0) parts.Add(new SearchQueryPart(phrase, IsPhrase: true, Stem: null, InNameOrBody(tokens)));
        }
        foreach (var word in query.Words)
        {
            var tokens = Tokens(dutch, ContentSearchFields.Body, word);
            if (tokens.Count > 0) parts.Add(new SearchQueryPart(word, IsPhrase: false, tokens.Count == 1 ? tokens[0] : null, InNameOrBody(tokens)));
        }
        return parts;
    }

    /// <summary>
    /// The query that finds the index's words one or two edits from a typed word; null for phrases, short words and
    /// words too long to correct.
    /// </summary>
    public FuzzyQuery? TypoQuery(SearchQueryPart part)
    {
        if (part.IsPhrase || part.Stem is null) return null;
        var written = Tokens(words, ContentSearchFields.Words, part.Text);
        if (written.Count != 1 || written[0].Length is < ShortWordLength or > LongestCorrectedWord) return null;
        var word = written[0];
        return new FuzzyQuery(new Term(ContentSearchFields.Words, word), word.Length >= LongWordLength ? 2 : 1, TypoFreePrefix)
        {
            MultiTermRewriteMethod = new MultiTermQuery.TopTermsScoringBooleanQueryRewrite(CorrectionsPerWord),
        };
    }

    /// <summary>The word as typed or as any of the alternatives, each in all its Dutch forms.</summary>
    /// <param name="alternatives">Index words that differ by a typo, likeliest first.</param>
    public SearchCorrection Correct(SearchQueryPart part, IReadOnlyList<(string Word, float Similarity)> alternatives)
    {
        if (alternatives.Count == 0) return new SearchCorrection(part.Exact, []);
        var any = new BooleanQuery { { part.Exact, Occur.SHOULD } };
        foreach (var (alternative, similarity) in alternatives)
        {
            var stems = Tokens(dutch, ContentSearchFields.Body, alternative);
            if (stems.Count > 0) any.Add(InNameOrBody(stems, similarity), Occur.SHOULD);
        }
        return new SearchCorrection(any, alternatives);
    }

    /// <summary>The visitor's text with each word that is in no page replaced by the likeliest word that is.</summary>
    public static string? Suggestion(SearchQueryText query, IReadOnlyList<SearchQueryPart> parts, IReadOnlyList<SearchCorrection> corrections)
    {
        // Each word's best correction, by the word as typed; stop words have no part and stay as they are.
        var corrected = parts.Zip(corrections)
            .Where(pc => !pc.First.IsPhrase && pc.Second.Alternatives.Count > 0)
            .ToDictionary(pc => pc.First.Text, pc => pc.Second.Alternatives[0].Word);
        if (corrected.Count == 0) return null;
        return string.Join(' ', query.Phrases.Select(p => $"\"{p}\"").Concat(query.Words.Select(w => corrected.GetValueOrDefault(w, w))));
    }

    public static BooleanQuery All(IEnumerable<Query> queries)
    {
        var all = new BooleanQuery();
        foreach (var q in queries) all.Add(q, Occur.MUST);
        return all;
    }

    /// <summary>Pages that hold at least one of the parts.</summary>
    public static BooleanQuery Some(IEnumerable<Query> queries)
    {
        var some = new BooleanQuery { MinimumNumberShouldMatch = 1 };
        foreach (var q in queries) some.Add(q, Occur.SHOULD);
        return some;
    }

    /// <summary>The word in any of its forms in the name (which weighs more) or the body; several tokens as a phrase.</summary>
    private static BooleanQuery InNameOrBody(IReadOnlyList<string> tokens, float boost = 1f)
    {
        var either = new BooleanQuery { Boost = boost };
        foreach (var (field, fieldBoost) in new[] { (ContentSearchFields.Name, NameBoost), (ContentSearchFields.Body, 1f) })
        {
            Query inField;
            if (tokens.Count == 1)
            {
                inField = new TermQuery(new Term(field, tokens[0]));
            }
            else
            {
                var phrase = new PhraseQuery();
                foreach (var token in tokens) phrase.Add(new Term(field, token));
                inField = phrase;
            }
            inField.Boost = fieldBoost;
            either.Add(inField, Occur.SHOULD);
        }
        return either;
    }

    internal static List<string> Tokens(Analyzer analyzer, string field, string text)
    {
        var tokens = new List<string>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) tokens.Add(term.ToString());
        stream.End();
        return tokens;
    }
}
