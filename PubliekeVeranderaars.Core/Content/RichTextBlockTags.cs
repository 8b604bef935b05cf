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

    [GeneratedRegex("<(?<tag>umb-rte-block(?:-inline)?) data-content-(?:key|udi)=\"(?<key>[^\"]*)\"></\\k<tag>>")]
    private static partial Regex Marker();
}
