namespace PubliekeVeranderaars.Core.Delivery;

/// <summary>
/// Umbraco's <c>expand</c> and <c>fields</c> syntax: <c>properties[$all]</c>, <c>properties[a,b]</c>, and nested,
/// <c>properties[picker[properties[title]]]</c>. For <c>expand</c> it names the pickers to write as full items; for
/// <c>fields</c> the properties to write at all.
/// </summary>
public sealed class DeliveryPropertySelection
{
    private const string Prefix = "properties[";
    /// <summary>Deep enough for any real page; a bound so a hostile query cannot recurse without end.</summary>
    private const int MaxDepth = 5;

    public bool All { get; private init; }
    public IReadOnlyDictionary<string, DeliveryPropertySelection?> Named { get; private init; } = new Dictionary<string, DeliveryPropertySelection?>();

    public bool Includes(string alias) => All || Named.ContainsKey(alias);

    /// <summary>What applies to the properties of the item a picker points to.</summary>
    public DeliveryPropertySelection? Nested(string alias) => Named.GetValueOrDefault(alias);

    public static (DeliveryPropertySelection? Selection, string? Error) Parse(string? text, string parameter)
    {
        if (string.IsNullOrWhiteSpace(text)) return (null, null);
        var position = 0;
        var selection = ParseSpec(text.Trim(), ref position, depth: 0);
        return selection is not null && position == text.Trim().Length
            ? (selection, null)
            : (null, $"Invalid {parameter}: use properties[$all], properties[a,b] or properties[a[properties[b]]].");
    }

    private static DeliveryPropertySelection? ParseSpec(string text, ref int position, int depth)
    {
        if (depth > MaxDepth || string.CompareOrdinal(text, position, Prefix, 0, Prefix.Length) != 0) return null;
        position += Prefix.Length;
        var all = false;
        var named = new Dictionary<string, DeliveryPropertySelection?>(StringComparer.Ordinal);
        while (true)
        {
            var start = position;
            while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] is '_' or '$')) position++;
            var name = text[start..position];
            if (name.Length == 0) return null;
            DeliveryPropertySelection? nested = null;
            if (position < text.Length && text[position] == '[')
            {
                position++;
                nested = ParseSpec(text, ref position, depth + 1);
                if (nested is null || position >= text.Length || text[position] != ']') return null;
                position++;
            }
            if (name == "$all") all = true;
            else if (name.StartsWith('$')) return null;
            else named[name] = nested;
            if (position >= text.Length) return null;
            if (text[position] == ',') { position++; continue; }
            if (text[position] == ']') { position++; return new DeliveryPropertySelection { All = all, Named = named }; }
            return null;
        }
    }
}
