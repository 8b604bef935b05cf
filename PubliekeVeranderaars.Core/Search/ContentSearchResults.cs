namespace PubliekeVeranderaars.Core.Search;

/// <summary>How the results were found, so the page can tell the visitor what it did.</summary>
public enum SearchMatch
{
    /// <summary>Nothing searchable was typed (only stop words or punctuation).</summary>
    NoWords,
    /// <summary>Pages that hold every word (in any of its forms: "ambtenaar" finds "ambtenaren").</summary>
    AllWords,
    /// <summary>No page held every word as typed; these hold words that look like them (typos).</summary>
    SimilarWords,
    /// <summary>No page held every word, even corrected; these hold some of them.</summary>
    SomeWords,
    None,
    /// <summary>The index is being built (a first start of a large site); nothing could be searched yet.</summary>
    IndexBuilding,
}

/// <param name="SnippetHtml">Encoded text with the matching words in <c>&lt;mark&gt;</c>; safe to write as HTML.</param>
public sealed record ContentSearchHit(Guid Key, string Route, string Name, string ContentTypeAlias, string SnippetHtml);

/// <param name="Suggestion">The text with typos corrected, when the results came from similar words.</param>
public sealed record ContentSearchResults(
    SearchQueryText Query, SearchMatch Match, int Total, int Page, int PageCount, string? Suggestion,
    IReadOnlyList<ContentSearchHit> Hits)
{
    public static ContentSearchResults Empty(SearchQueryText query, SearchMatch match) =>
        new(query, match, Total: 0, Page: 1, PageCount: 0, Suggestion: null, Hits: []);
}
