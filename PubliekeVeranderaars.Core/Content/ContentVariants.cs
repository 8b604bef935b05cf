namespace PubliekeVeranderaars.Core.Content;

/// <summary>
/// Multilingual pages (imported from Umbraco sites with several languages): which language is the default, and which
/// stored value of a property the back office edits. The back office edits the default language; the values of the
/// other languages are carried through every save unchanged.
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

    /// <summary>The value the editor shows for a property: the shared one, else the default language's.</summary>
    public static string EditedValue(ContentVersion version, string alias)
    {
        var culture = DefaultCulture(version);
        return (version.Values.FirstOrDefault(v => v.Alias == alias && v.Culture is null)
                ?? (culture is null ? null : version.Values.FirstOrDefault(v => v.Alias == alias && SameCulture(v.Culture, culture))))?.Value ?? "";
    }

    /// <summary>Whether a stored value is the one the editor shows (and so the one a save replaces).</summary>
    public static bool IsEdited(ContentVersion version, ContentPropertyValue value) =>
        value.Culture is null
        || (SameCulture(value.Culture, DefaultCulture(version)) && !version.Values.Any(v => v.Alias == value.Alias && v.Culture is null));

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
