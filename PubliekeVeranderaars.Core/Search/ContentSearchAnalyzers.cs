using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Nl;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace PubliekeVeranderaars.Core.Search;

/// <summary>How text becomes index terms: Dutch stems for finding, plain words for correcting typos.</summary>
public static class ContentSearchAnalyzers
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>
    /// Dutch words the Snowball stemmer gets wrong in this site's own vocabulary: "initiatieven" would not find
    /// "initiatief". Lucene's defaults (fiets, ei, kind) are kept.
    /// </summary>
    private static readonly Dictionary<string, string> StemOverrides = new()
    {
        ["fiets"] = "fiets", ["bromfiets"] = "bromfiets", ["ei"] = "eier", ["kind"] = "kinder",
        ["initiatieven"] = "initiatief",
    };

    /// <summary>Name and body: <see cref="DutchAnalyzer"/>, so "ambtenaar" and "ambtenaren" are one term.</summary>
    public static Analyzer CreateDutch()
    {
        var overrides = new CharArrayDictionary<string>(Version, StemOverrides.Count, ignoreCase: false);
        foreach (var (word, stem) in StemOverrides) overrides[word] = stem;
        return new DutchAnalyzer(Version, DutchAnalyzer.DefaultStopSet, CharArraySet.Empty, overrides);
    }

    /// <summary>Words as written (lower case, accents folded), for suggesting the word a visitor meant.</summary>
    public static Analyzer CreateWords() => Analyzer.NewAnonymous((_, reader) =>
    {
        var source = new StandardTokenizer(Version, reader);
        TokenStream stream = new LowerCaseFilter(Version, source);
        stream = new ASCIIFoldingFilter(stream);
        return new TokenStreamComponents(source, stream);
    });

    public static Analyzer Create(Analyzer dutch, Analyzer words) =>
        new PerFieldAnalyzerWrapper(dutch, new Dictionary<string, Analyzer> { [ContentSearchFields.Words] = words });
}

/// <summary>The fields of a page in the index.</summary>
public static class ContentSearchFields
{
    public const string Key = "key";
    public const string Route = "route";
    public const string Name = "name";
    public const string ContentType = "contentType";
    public const string Body = "body";
    /// <summary>Name and body as plain words, not stemmed: the dictionary typos are corrected against.</summary>
    public const string Words = "words";
    public const string Stamp = "stamp";
}
