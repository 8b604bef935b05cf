using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Ganss.Xss;

namespace PubliekeVeranderaars.Core.Content;

/// <summary>
/// The one place that decides which markup editors' rich text may carry. Rich text arrives as markup (Umbraco up to
/// 13, our own editor) or as Umbraco's JSON object around it (<c>{"markup": "...", "blocks": ...}</c>, Umbraco 15+),
/// whose escaped markup a plain HTML sanitizer would take for text. Every surface goes through here: save, uSync
/// import, and every way out (pages, previews, the Delivery API, search), so markup planted in either form, or
/// stored before these rules existed, never reaches a visitor.
/// </summary>
public sealed partial class RichTextSanitizer
{
    /// <summary>
    /// Elements that collect input or pull in other documents, code or settings. The site's CSP already blocks
    /// most of what they could do; a headless front end on another site may have no such policy.
    /// </summary>
    private static readonly string[] RemovedTags =
    [
        "form", "input", "button", "select", "option", "optgroup", "textarea", "datalist", "output", "fieldset", "legend", "label",
        "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta", "link", "style", "script", "noscript", "template",
        "portal", "math", "svg",
    ];

    /// <summary>
    /// CSS properties that load an image from an address: each could tell another site who reads the text. Colours,
    /// sizes and alignment stay.
    /// </summary>
    private static readonly string[] ImageLoadingCss =
    [
        "background", "background-image", "border-image", "border-image-source", "list-style", "list-style-image", "cursor", "content",
        "mask", "mask-image", "mask-border", "mask-border-source", "-webkit-mask", "-webkit-mask-image", "shape-outside", "filter",
        "clip-path", "offset-path",
    ];

    /// <summary>Links may point anywhere people can follow; nothing that runs or embeds.</summary>
    private static readonly string[] AllowedSchemes = ["http", "https", "mailto", "tel"];

    /// <summary>Umbraco's reference to the page or media item a link or image points at (local links, media pickers in rich text).</summary>
    private const string UdiAttribute = "data-udi";

    private readonly HtmlSanitizer _html;

    public RichTextSanitizer()
    {
        _html = new HtmlSanitizer();
        foreach (var tag in RemovedTags) _html.AllowedTags.Remove(tag);
        _html.AllowedSchemes.Clear();
        foreach (var scheme in AllowedSchemes) _html.AllowedSchemes.Add(scheme);
        _html.AllowedAttributes.Add(UdiAttribute);
        foreach (var tag in RichTextBlockTags.Tags) _html.AllowedTags.Add(tag);
        foreach (var attribute in RichTextBlockTags.KeyAttributes) _html.AllowedAttributes.Add(attribute);
        foreach (var property in ImageLoadingCss) _html.AllowedCssProperties.Remove(property);
        // "{localLink:…}" is no address a URL parser accepts (a brace before the colon), so the sanitiser would drop
        // it: a page link in any of Umbraco's stored forms stays as it is; it becomes the page's address on output.
        _html.FilterUrl += (_, e) =>
        {
            if (e.SanitizedUrl is null && LocalLinks.IsLocalLink(e.OriginalUrl)) e.SanitizedUrl = e.OriginalUrl;
        };
        // An image from another site tells that site who reads the page (a tracking pixel) and can change after
        // review; only the site's own images (relative addresses, as Umbraco's media URLs are) stay.
        _html.PostProcessDom += (_, e) =>
        {
            foreach (var image in e.Document.QuerySelectorAll("img").Where(i => !IsOwnAddress(i.GetAttribute("src"))).ToList()) image.Remove();
            foreach (var image in e.Document.QuerySelectorAll("img[srcset]")) image.RemoveAttribute("srcset");
            // CSS can fetch from anywhere too, in properties we never thought of: no style that names an image at all.
            foreach (var styled in e.Document.QuerySelectorAll("[style]").Where(el => CssImage().IsMatch(el.GetAttribute("style")!)).ToList())
                styled.RemoveAttribute("style");
            // Where a block sits in rich text: a marker naming the block and nothing else (Umbraco 13's editor left
            // AngularJS classes on it; Umbraco's own output drops what is inside).
            foreach (var block in e.Document.QuerySelectorAll(string.Join(",", RichTextBlockTags.Tags)))
            {
                foreach (var attribute in block.Attributes.Select(a => a.Name).Where(n => !RichTextBlockTags.KeyAttributes.Contains(n)).ToList())
                    block.RemoveAttribute(attribute);
                while (block.FirstChild is { } child) block.RemoveChild(child);
            }
        };
    }

    /// <summary>
    /// Editors whose values are plain text or plain data: every consumer encodes them (Razor, JSON), so there is no
    /// markup to clean. Every other editor (rich text, block lists, editors we do not know) is cleaned on the way out.
    /// </summary>
    private static readonly HashSet<string> PlainEditors = new(StringComparer.OrdinalIgnoreCase)
    {
        EditorAliases.TextBox, EditorAliases.TextArea, EditorAliases.TrueFalse, EditorAliases.Integer, EditorAliases.Decimal,
        EditorAliases.DateTime, EditorAliases.EmailAddress, EditorAliases.ContentPicker, EditorAliases.MultipleTextstring,
        EditorAliases.Tags, EditorAliases.DropDownFlexible, EditorAliases.FormPicker, EditorAliases.MediaPicker3,
    };

    public static bool CanCarryMarkup(string editorAlias) => !PlainEditors.Contains(editorAlias);

    /// <summary>
    /// A stored value as pages, previews and the Delivery API get it: rich text becomes clean markup; structured
    /// values keep their shape with any markup inside cleaned.
    /// </summary>
    public string ForPublishing(string editorAlias, string stored) =>
        editorAlias == RichTextValue.BlocksEditorAlias ? (RichTextValue.BlocksOf(stored) is { } blocks ? SanitizeStructured(blocks) : "")
        : EditorAliases.IsRichText(editorAlias) ? Markup(stored)
        : SanitizeStructured(stored);

    /// <summary>Clean markup from markup.</summary>
    public string Sanitize(string markup) => markup.Length == 0 ? markup : _html.Sanitize(markup);

    /// <summary>
    /// The markup a visitor gets from a stored value in either form. The result is markup only: nothing downstream
    /// parses it again, so text that merely looks like Umbraco's JSON cannot turn into markup later.
    /// </summary>
    public string Markup(string stored) => Sanitize(RichTextValue.MarkupOf(stored));

    /// <summary>A stored value cleaned in its own form: markup stays markup, Umbraco's JSON stays JSON (its blocks kept).</summary>
    public string SanitizeStored(string stored)
    {
        if (!RichTextValue.TryParseJson(stored, out var json)) return Sanitize(stored);
        json!["markup"] = Sanitize(json["markup"]?.GetValue<string>() ?? "");
        var changed = false;
        if (json["blocks"] is { } blocks) json["blocks"] = SanitizeEmbedded(blocks, depth: 1, ref changed);
        return json.ToJsonString(PropertyEditorValues.StoredJsonOptions);
    }

    /// <summary>
    /// Markup inside a structured value (block lists and grids, nested content: editors we store but do not model)
    /// cleaned wherever it sits, however deep and however often it was wrapped in JSON strings (Umbraco 14+ keeps a
    /// block's rich text as its own JSON inside a string, where "&lt;" is written "\u003c"); a value with nothing to
    /// clean is returned exactly as it was.
    /// </summary>
    public string SanitizeStructured(string stored) => SanitizeText(stored, depth: 0);

    /// <summary>Deeper than any editor nests its values; past it a string is only cleaned as markup.</summary>
    private const int MaxNesting = 32;

    private string SanitizeText(string text, int depth)
    {
        if (depth < MaxNesting)
        {
            if (RichTextValue.TryParseJson(text, out _)) return SanitizeStored(text);
            if (StoredJson.TryParse(text) is { } node)
            {
                var changed = false;
                var clean = SanitizeEmbedded(node, depth + 1, ref changed);
                return changed ? clean!.ToJsonString(PropertyEditorValues.StoredJsonOptions) : text;
            }
            // A value stored as a JSON string literal: what a reader unwraps must be clean too.
            if (StoredJson.TryParseString(text) is { } inner)
            {
                var clean = SanitizeText(inner, depth + 1);
                return clean == inner ? text : System.Text.Json.JsonSerializer.Serialize(clean, PropertyEditorValues.StoredJsonOptions);
            }
        }
        // An editor we do not model may hold markup itself (Markdown with HTML in it, a renamed rich text editor):
        // a headless front end renders it as markup.
        return LooksLikeMarkup(text) ? Sanitize(text) : text;
    }

    private JsonNode? SanitizeEmbedded(JsonNode? node, int depth, ref bool changed)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList()) obj[key] = SanitizeEmbedded(value?.DeepClone(), depth, ref changed);
                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++) array[i] = SanitizeEmbedded(array[i]?.DeepClone(), depth, ref changed);
                return array;
            case JsonValue value when value.TryGetValue<string>(out var text):
                var clean = SanitizeText(text, depth);
                if (clean == text) return node;
                changed = true;
                return JsonValue.Create(clean);
            default:
                return node;
        }
    }

    private static bool LooksLikeMarkup(string text) => MarkupStart().IsMatch(text);

    /// <summary>
    /// A path on this site: "/" and then a path character. Browsers drop tabs and newlines from URLs and read "\\" as
    /// "/", so "/&#9;/elsewhere" and "/\\elsewhere" are other sites; any white space or control character is refused.
    /// </summary>
    private static bool IsOwnAddress(string? src) =>
        src is ['/', var second, ..] && second is not ('/' or '\\') && !src.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));

    [GeneratedRegex(@"<[A-Za-z!/?]")]
    private static partial Regex MarkupStart();

    /// <summary>Every CSS function that takes or makes an image.</summary>
    [GeneratedRegex(@"(url|image|image-set|-webkit-image-set|cross-fade|-webkit-cross-fade|element|-moz-element|paint|src)\s*\(", RegexOptions.IgnoreCase)]
    private static partial Regex CssImage();
}

/// <summary>Umbraco's two ways of storing rich text: the markup itself, or <c>{"markup": "...", "blocks": ...}</c>.</summary>
public static class RichTextValue
{
    /// <summary>Names a rich text property's blocks where values are kept per property alias (never part of an alias).</summary>
    public const string BlocksSuffix = "\u0000blocks";

    /// <summary>
    /// Not an editor: asks <see cref="RichTextSanitizer.ForPublishing"/> for the blocks of a stored rich text value,
    /// cleaned as a block list's value is ("" when it has none).
    /// </summary>
    public const string BlocksEditorAlias = "\u0000rich-text-blocks";

    /// <summary>The stored blocks of rich text in Umbraco's JSON form, when it has any.</summary>
    public static string? BlocksOf(string stored) =>
        TryParseJson(stored, out var json) && json!["blocks"] is JsonObject blocks && blocks.Count > 0 ? blocks.ToJsonString() : null;

    public static string MarkupOf(string stored) =>
        TryParseJson(stored, out var json) ? json!["markup"]?.GetValue<string>() ?? "" : stored;

    /// <summary>New markup in the stored value's own form: Umbraco's JSON keeps its blocks; markup stays markup.</summary>
    public static string WithMarkup(string stored, string markup)
    {
        if (!TryParseJson(stored, out var json)) return markup;
        json!["markup"] = markup;
        return json.ToJsonString(PropertyEditorValues.StoredJsonOptions);
    }

    public static bool TryParseJson(string stored, out JsonObject? json)
    {
        json = StoredJson.TryParse(stored) as JsonObject;
        return json?["markup"] is JsonValue markup && markup.TryGetValue<string>(out _);
    }
}
