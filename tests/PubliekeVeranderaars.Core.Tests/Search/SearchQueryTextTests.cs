using PubliekeVeranderaars.Core.Search;

namespace PubliekeVeranderaars.Core.Tests.Search;

public class SearchQueryTextTests
{
    [Fact]
    public void Words_and_quoted_phrases_are_read_apart()
    {
        var query = SearchQueryText.Parse("  samen   \"open overheid\" leren ")!;

        Assert.Equal("samen \"open overheid\" leren", query.Text);
        Assert.Equal(["samen", "leren"], query.Words);
        Assert.Equal(["open overheid"], query.Phrases);
    }

    [Theory]
    [InlineData("\"open overheid", new[] { "open", "overheid" }, new string[0])]
    [InlineData("a \"b c\" \"d", new[] { "a", "d" }, new[] { "b c" })]
    [InlineData("\"\"", new string[0], new string[0])]
    public void An_unbalanced_quote_makes_no_phrase(string raw, string[] words, string[] phrases)
    {
        var query = SearchQueryText.Parse(raw)!;

        Assert.Equal(words, query.Words);
        Assert.Equal(phrases, query.Phrases);
    }

    [Fact]
    public void Lucene_syntax_separates_words()
    {
        var query = SearchQueryText.Parse("title:(ambtenaar OR *) +x -y [a TO z] ~2 \\ zo'n e-mail a@b.nl")!;

        Assert.Equal(["title", "ambtenaar", "OR", "x", "-y", "a", "TO", "z", "2", "zo'n", "e-mail", "a@b.nl"], query.Words);
        Assert.Empty(query.Phrases);
    }

    [Fact]
    public void Text_longer_than_the_limit_is_refused_and_at_the_limit_accepted()
    {
        Assert.Null(SearchQueryText.Parse(new string('a', SearchQueryText.MaxLength + 1)));
        Assert.NotNull(SearchQueryText.Parse(new string('a', SearchQueryText.MaxLength)));
        // Runs of spaces do not count against the limit.
        Assert.NotNull(SearchQueryText.Parse("a" + new string(' ', 5000) + "b"));
    }

    [Fact]
    public void Repeated_words_count_once_and_parts_are_capped()
    {
        var words = string.Join(' ', Enumerable.Range(0, 40).Select(i => $"w{i}"));

        Assert.Equal(SearchQueryText.MaxParts, SearchQueryText.Parse(words)!.Words.Count);
        Assert.Equal(["Leren"], SearchQueryText.Parse("Leren leren LEREN")!.Words);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Nothing_typed_is_empty(string? raw) => Assert.True(SearchQueryText.Parse(raw)!.IsEmpty);
}
