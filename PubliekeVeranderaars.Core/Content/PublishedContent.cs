using System.Globalization;
using System.Net;

namespace PubliekeVeranderaars.Core.Content;

/// <summary>A published page as the site and the Delivery API read it: immutable, built once per publish.</summary>
public sealed class PublishedContent
{
    public required Guid Key { get; init; }
    public required Guid? ParentKey { get; init; }
    public required string ContentTypeAlias { get; init; }
    public required string Name { get; init; }
    public required string UrlSegment { get; init; }
    /// <summary>The page's URL path, with leading and trailing slash: "/initiatieven/buurtlab/".</summary>
    public required string Route { get; init; }
    public required int Level { get; init; }
    public required int SortOrder { get; init; }
    public required DateTime CreateDate { get; init; }
    public required DateTime UpdateDate { get; init; }
    /// <summary>The live version the page was built from: a publish of another version builds it anew.</summary>
    public long VersionId { get; init; }
    public required IReadOnlyDictionary<string, PublishedProperty> Properties { get; init; }
    /// <summary>The language this view of a multilingual page is in; null for a page in one language.</summary>
    public string? Culture { get; init; }
    /// <summary>
    /// A multilingual page in each language that is live: its name, address and values in that language (the page
    /// itself is the view in its default language). Empty for a page in one language.
    /// </summary>
    public IReadOnlyDictionary<string, PublishedContent> Cultures { get; init; } = NoCultures;
    private static readonly IReadOnlyDictionary<string, PublishedContent> NoCultures = new Dictionary<string, PublishedContent>();

    /// <summary>
    /// The page as a reader of <paramref name="culture"/> sees it: a page in one language is itself; a multilingual
    /// page is its view in that language, or null when that language is not live. No culture: the page itself.
    /// </summary>
    public PublishedContent? InCulture(string? culture) =>
        culture is null || Cultures.Count == 0 ? this : Cultures.GetValueOrDefault(culture);

    public string GetString(string alias) =>
        Properties.TryGetValue(alias, out var p) ? p.Value : "";

    public bool GetBool(string alias) => PropertyEditorValues.IsTrue(GetString(alias));

    public int? GetInt(string alias) =>
        int.TryParse(GetString(alias), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;

    /// <summary>
    /// Markup for a template. Values that can carry markup (rich text, editors we do not model) were sanitised when
    /// the cache was built; a plain editor holds text, which is encoded: a property's editor can change after a
    /// template was written (in the back office, by an import), and a template that shows "body" as markup must never
    /// show a text field's raw value as markup. A structured value (a block list's JSON) is encoded too: markup inside
    /// it is clean, but its quotes are written <c>\"</c>, which HTML reads as the end of an attribute.
    /// </summary>
    public string GetHtml(string alias) =>
        Properties.TryGetValue(alias, out var p)
            ? IsMarkup(p) ? p.PageHtml ?? p.Value : WebUtility.HtmlEncode(p.Value)
            : "";

    private static bool IsMarkup(PublishedProperty p) =>
        EditorAliases.IsRichText(p.EditorAlias)
        || (RichTextSanitizer.CanCarryMarkup(p.EditorAlias) && !StoredJson.LooksLikeJson(p.Value) && StoredJson.TryParseString(p.Value) is null);

    public IReadOnlyList<string> GetStrings(string alias) => StoredJson.StringsOrLines(GetString(alias));
}

/// <summary>A property value with its editor, so renderers and APIs know what shape it has.</summary>
/// <param name="Multiple">For a dropdown: whether its data type allows several values (null when not known).</param>
public sealed record PublishedProperty(string Alias, string EditorAlias, string Value, bool IsSensitive, bool? Multiple = null,
    Guid DataTypeKey = default)
{
    /// <summary>
    /// For rich text with blocks (Umbraco 13+): the blocks' stored value, cleaned; <see cref="Value"/> holds the markup
    /// with a <c>umb-rte-block</c> element where each block sits.
    /// </summary>
    public string? RichTextBlocks { get; init; }

    /// <summary>For rich text with blocks: the markup as pages show it, each block's text in place of its marker.</summary>
    public string? PageHtml { get; init; }
}
