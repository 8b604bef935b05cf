namespace PubliekeVeranderaars.Core.Content;

/// <summary>
/// Multilingual pages (imported from Umbraco sites with several languages): which language is the default, and which
/// stored value of a property the back office edits. The back office edits one language at a time (the default one
/// unless another is chosen); the values of the other languages are carried through every save unchanged.
/// </summary>
public static class ContentVariants
{
    /// <summary>
    /// The language a multilingual page shows by default: the one whose name is the page's name (uSync's
    /// <c>NodeName Default</c> is the default language's name), else the first. Null for a page in one language.
    /// </summary>
    public static string? DefaultCulture(ContentVersion version) =>
        (version.CultureNames.FirstOrDefault(n => n.Culture.Length > 0 && n.Name == version.Name)
         ?? version.CultureNames.FirstOrDefault(n => n.Culture.Length > 0))?.Culture;

    /// <summary>One of the page's languages by its code in any case, as the page names it; null when it has no such language.</summary>
    public static string? Language(ContentVersion version, string? code) =>
        code is null ? null : version.CultureNames.FirstOrDefault(n => SameCulture(n.Culture, code))?.Culture;

    /// <summary>The page's name in a language (its own name in the default one).</summary>
    public static string NameIn(ContentVersion version, string? culture) =>
        culture is null || SameCulture(culture, DefaultCulture(version))
            ? version.Name
            : version.CultureNames.FirstOrDefault(n => SameCulture(n.Culture, culture))?.Name ?? version.Name;

    /// <summary>The value the editor shows for a property: the shared one, else the language's (the default one unless given).</summary>
    public static string EditedValue(ContentVersion version, string alias, string? language = null)
    {
        var culture = language ?? DefaultCulture(version);
        return (version.Values.FirstOrDefault(v => v.Alias == alias && v.Culture is null)
                ?? (culture is null ? null : version.Values.FirstOrDefault(v => v.Alias == alias && SameCulture(v.Culture, culture))))?.Value ?? "";
    }

    /// <summary>Whether a stored value is the one the editor shows (and so the one a save replaces).</summary>
    public static bool IsEdited(ContentVersion version, ContentPropertyValue value, string? language = null) =>
        value.Culture is null
        || (SameCulture(value.Culture, language ?? DefaultCulture(version)) && !version.Values.Any(v => v.Alias == value.Alias && v.Culture is null));

    /// <summary>The names per language after the page was renamed in one language; the others stay.</summary>
    public static List<ContentCultureName> RenamedIn(IReadOnlyList<ContentCultureName> names, string culture, string name) =>
        [.. names.Select(n => SameCulture(n.Culture, culture) ? n with { Name = name } : n)];

    /// <summary>Culture codes as Umbraco compares them: "en-us" in a value is the language "en-US".</summary>
    public static bool SameCulture(string? a, string? b) => a is not null && b is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The names per language after the page's name changed from <paramref name="previousName"/> to <paramref name="name"/>:
    /// the default language's name follows, the others stay.
    /// </summary>
    public static List<ContentCultureName> Renamed(IReadOnlyList<ContentCultureName> names, string previousName, string name)
    {
        if (previousName == name) return [.. names];
        var culture = DefaultCulture(new ContentVersion { Name = previousName, CultureNames = [.. names] });
        return [.. names.Select(n => SameCulture(n.Culture, culture) ? n with { Name = name } : n)];
    }
}
