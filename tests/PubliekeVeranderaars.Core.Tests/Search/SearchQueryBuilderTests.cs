using Lucene.Net.Search;
using PubliekeVeranderaars.Core.Search;

namespace PubliekeVeranderaars.Core.Tests.Search;

/// <summary>The queries built from what a visitor typed, without an index: stems, phrases, stop words, typos, suggestions.</summary>
public sealed class SearchQueryBuilderTests : IDisposable
{
    private readonly Lucene.Net.Analysis.Analyzer _dutch = ContentSearchAnalyzers.CreateDutch();
    private readonly Lucene.Net.Analysis.Analyzer _words = ContentSearchAnalyzers.CreateWords();
    private readonly SearchQueryBuilder _builder;

    public SearchQueryBuilderTests() => _builder = new SearchQueryBuilder(_dutch, _words);

    private IReadOnlyList<SearchQueryPart> Parts(string text) => _builder.Parts(SearchQueryText.Parse(text)!);

    [Theory]
    [InlineData("ambtenaar", "ambtenaren")]
    [InlineData("initiatief", "initiatieven")]
    [InlineData("verandering", "veranderingen")]
    public void Singular_and_plural_share_a_stem(string singular, string plural) =>
        Assert.Equal(Parts(singular).Single().Stem, Parts(plural).Single().Stem);

    [Fact]
    public void A_word_is_looked_for_in_the_name_which_weighs_more_and_in_the_body()
    {
        var exact = Assert.IsType<BooleanQuery>(Parts("ambtenaren").Single().Exact);

        var fields = exact.Clauses.Select(c => Assert.IsType<TermQuery>(c.Query)).ToDictionary(q => q.Term.Field, q => q.Boost);
        Assert.Equal([ContentSearchFields.Name, ContentSearchFields.Body], fields.Keys.Order().Reverse());
        Assert.True(fields[ContentSearchFields.Name] > fields[ContentSearchFields.Body]);
    }

    [Fact]
    public void A_quoted_phrase_is_one_part_with_its_words_in_order_and_no_stem()
    {
        var parts = Parts("\"open overheid\" lab");

        Assert.Equal(2, parts.Count);
        var phrase = parts[0];
        Assert.True(phrase.IsPhrase);
        Assert.Null(phrase.Stem);
        var inBody = ((BooleanQuery)phrase.Exact).Clauses.Select(c => c.Query).OfType<PhraseQuery>().Single(q => q.GetTerms()[0].Field == ContentSearchFields.Body);
        Assert.Equal(2, inBody.GetTerms().Length);
        Assert.False(parts[1].IsPhrase);
    }

    [Fact]
    public void Stop_words_and_punctuation_alone_make_no_part() => Assert.Empty(Parts("de het een ... !"));

    [Theory]
    [InlineData("ambtnaren", 2)]
    [InlineData("verbindn", 2)]
    [InlineData("lerne", 1)]
    [InlineData("samn", 1)]
    public void A_typed_word_is_corrected_by_one_edit_when_short_and_two_when_long(string typed, int edits)
    {
        var typos = _builder.TypoQuery(Parts(typed).Single());

        Assert.NotNull(typos);
        Assert.Equal(edits, typos.MaxEdits);
        Assert.Equal(1, typos.PrefixLength);
    }

    [Theory]
    [InlineData("lab")]
    [InlineData("\"open overheid\"")]
    [InlineData("arbeidsongeschiktheidsverzekeringsmaatschappijen")]
    public void Short_words_phrases_and_overlong_words_are_not_corrected(string typed) =>
        Assert.Null(_builder.TypoQuery(Parts(typed).Single()));

    [Fact]
    public void A_correction_finds_the_word_as_typed_or_any_alternative_in_all_its_forms()
    {
        var part = Parts("ambtnaren").Single();

        var corrected = _builder.Correct(part, [("ambtenaren", 0.8f), ("ambtenaar", 0.6f)]);
        var uncorrected = _builder.Correct(part, []);

        var any = Assert.IsType<BooleanQuery>(corrected.Query);
        Assert.Equal(3, any.Clauses.Count);
        Assert.All(any.Clauses, c => Assert.Equal(Occur.SHOULD, c.Occur));
        Assert.Same(part.Exact, uncorrected.Query);
    }

    [Fact]
    public void The_suggestion_replaces_each_corrected_word_and_keeps_phrases_and_the_rest()
    {
        var query = SearchQueryText.Parse("\"open overheid\" ambtnaren leren")!;
        var parts = _builder.Parts(query);
        var corrections = parts.Select(p => p.Text == "ambtnaren" ? _builder.Correct(p, [("ambtenaren", 0.8f)]) : _builder.Correct(p, [])).ToList();

        Assert.Equal("\"open overheid\" ambtenaren leren", SearchQueryBuilder.Suggestion(query, parts, corrections));
        Assert.Null(SearchQueryBuilder.Suggestion(query, parts, parts.Select(p => _builder.Correct(p, [])).ToList()));
    }

    public void Dispose()
    {
        _dutch.Dispose();
        _words.Dispose();
    }
}
