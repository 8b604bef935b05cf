using System.Text.RegularExpressions;

namespace PubliekeVeranderaars.Core.Content;

/// <summary>
/// The markers Umbraco's rich text editor puts where a block sits: <c>&lt;umb-rte-block data-content-key="…"&gt;</c>
/// (<c>-inline</c> inside a paragraph; Umbraco 13 named the block by UDI in <c>data-content-udi</c>). The Delivery
/// API names the block by <c>data-content-id</c> instead, as Umbraco's does, so a front end finds it in the
/// response's <c>blocks</c>.
/// </summary>
public static partial class RichTextBlockTags
{
    public static readonly string[] Tags = ["umb-rte-block", "umb-rte-block-inline"];
    public static readonly string[] KeyAttributes = ["data-content-key", "data-content-udi"];
    private const string DeliveryAttribute = "data-content-id";

    /// <summary>Clean markup (<see cref="RichTextSanitizer"/> left each marker with its key only) as the Delivery API writes it.</summary>
    public static string ForDelivery(string markup) =>
        !markup.Contains("<umb-rte-block", StringComparison.Ordinal)
            ? markup
            : Marker().Replace(markup, match => BlockEditorValue.Key(match.Groups["key"].Value) is { } key
                ? $"<{match.Groups["tag"].Value} {DeliveryAttribute}=\"{key:D}\"></{match.Groups["tag"].Value}>"
                : match.Value);

    /// <summary>
    /// Clean markup as a page shows it: each block's texts (text boxes and areas as paragraphs, rich text as its
    /// clean markup, in the element type's order) in place of its marker. Umbraco renders a partial view per element
    /// type and fails the page without one; a site that imported another site's blocks shows their text instead.
    /// A marker whose block is missing, or whose element type is unknown, shows nothing.
    /// </summary>
    /// <param name="blocks">The blocks' stored value, already cleaned.</param>
    /// <param name="types">Every type by alias (an element type's compositions are named by alias).</param>
    /// <param name="typeOf">A type by key, as blocks name their element types.</param>
    public static string ForPages(string markup, string blocks, IReadOnlyDictionary<string, DocumentType> types, Func<Guid, DocumentType?> typeOf)
    {
        if (BlockEditorValue.Read(blocks) is not { } value) return markup;
        return Marker().Replace(markup, match =>
        {
            var inline = match.Groups["tag"].Value.EndsWith("-inline", StringComparison.Ordinal);
            if (BlockEditorValue.Key(match.Groups["key"].Value) is not { } key || !value.Content.TryGetValue(key, out var data)
                || typeOf(data.ContentTypeKey) is not { } type)
                return "";
            var html = new System.Text.StringBuilder();
            foreach (var property in type.AllProperties(types).Where(p => !p.IsSensitive))
            {
                var text = data.ValueOf(property.Alias);
                if (string.IsNullOrWhiteSpace(text)) continue;
                if (EditorAliases.IsRichText(property.EditorAlias) && !inline) html.Append(RichTextValue.MarkupOf(text));
                else if (property.EditorAlias is EditorAliases.TextBox or EditorAliases.TextArea)
                    html.Append(inline ? $"{System.Net.WebUtility.HtmlEncode(text)} " : $"<p class=\"utrecht-paragraph\">{System.Net.WebUtility.HtmlEncode(text)}</p>");
            }
            return inline ? html.ToString().TrimEnd() : $"<div>{html}</div>";
        });
    }

    [GeneratedRegex("<(?<tag>umb-rte-block(?:-inline)?) data-content-(?:key|udi)=\"(?<key>[^\"]*)\"></\\k<tag>>")]
    private static partial Regex Marker();
}
