using Lucene.Net.Analysis;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;

namespace PubliekeVeranderaars.Core.Search;

/// <summary>
/// The lines of a page's text that a result shows, encoded, with the words found in <c>&lt;mark&gt;</c>: safe to write
/// as HTML whatever the page holds.
/// </summary>
public sealed class SearchSnippets(Analyzer dutch)
{
    private const int FragmentChars = 160;
    private const int Fragments = 2;
    private const string MarkOpen = "<mark>";
    private const string MarkClose = "</mark>";
    private static readonly SimpleHTMLEncoder Encoder = new();

    /// <summary>A highlighter for the results of one query: made once, used for each hit of the page.</summary>
    public Func<string, string> For(Query executed)
    {
        // Term by term, not span-aware: a span scorer builds an in-memory index of each snippet's page. The words of a
        // phrase are marked wherever they stand.
        var highlighter = new Highlighter(new SimpleHTMLFormatter(MarkOpen, MarkClose), Encoder, new QueryTermScorer(executed, ContentSearchFields.Body))
        {
            TextFragmenter = new SimpleFragmenter(FragmentChars),
        };
        return body => Snippet(highlighter, body);
    }

    private string Snippet(Highlighter highlighter, string body)
    {
        if (body.Length == 0) return "";
        using var tokens = dutch.GetTokenStream(ContentSearchFields.Body, body);
        var fragments = highlighter.GetBestFragments(tokens, body, Fragments);
        if (fragments.Length > 0) return string.Join(" … ", fragments.Select(f => f.Trim()));
        // The words were in the title only: the start of the page says what it is about, cut between words if it can.
        if (body.Length <= FragmentChars) return Encoder.EncodeText(body);
        var cut = body.LastIndexOf(' ', FragmentChars);
        return Encoder.EncodeText(body[..(cut > 0 ? cut : FragmentChars)]) + " …";
    }
}
