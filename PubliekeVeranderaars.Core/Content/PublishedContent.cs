using System.Globalization;

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
    public required IReadOnlyDictionary<string, PublishedProperty> Properties { get; init; }

    public string GetString(string alias) =>
        Properties.TryGetValue(alias, out var p) ? p.Value : "";

    public bool GetBool(string alias) => GetString(alias).Trim() is "1" or "true" or "True";

    public int? GetInt(string alias) =>
        int.TryParse(GetString(alias), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;

    /// <summary>Rich text markup, already sanitized when the cache was built.</summary>
    public string GetHtml(string alias) => GetString(alias);

    public IReadOnlyList<string> GetStrings(string alias)
    {
        var raw = GetString(alias);
        if (raw.Length == 0) return [];
        if (raw.TrimStart().StartsWith('['))
        {
            try
            {
                return System.Text.Json.JsonSerializer.Deserialize<List<string>>(raw) ?? [];
            }
            catch (System.Text.Json.JsonException)
            {
                // Older Umbraco versions store multiple text strings one per line; fall through.
            }
        }
        return raw.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}

/// <summary>A property value with its editor, so renderers and APIs know what shape it has.</summary>
public sealed record PublishedProperty(string Alias, string EditorAlias, string Value, bool IsSensitive);
