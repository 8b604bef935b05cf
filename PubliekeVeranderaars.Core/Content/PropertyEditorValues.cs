using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PubliekeVeranderaars.Core.Content;

/// <summary>
/// How each property editor's value travels between the back office's form fields and the stored string (in the
/// shape Umbraco stores it): the one place that knows, so the editor screen and anything else that edits agree.
/// A field posted back as it was shown keeps its stored value byte for byte: saving never changes what the editor
/// did not change, whatever the browser or the field normalise on the way (line breaks, spaces, date formats).
/// </summary>
public static partial class PropertyEditorValues
{
    /// <summary>Umbraco's true/false: "1" when ticked, "0" when not.</summary>
    public const string True = "1";
    public const string False = "0";

    /// <summary>How a changed date and time is stored: as Umbraco stores it.</summary>
    private const string StoredDateTimeFormat = "yyyy-MM-ddTHH:mm:ss";

    /// <summary>A browser's local date and time (the HTML standard's forms), as a datetime-local field shows and posts it.</summary>
    private static readonly string[] LocalDateTimeFormats =
    [
        "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFF", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFF",
    ];

    /// <summary>
    /// Lists stored as Umbraco stores them, readable: "ë", not "\u00EB". The value is data, encoded wherever it is shown.
    /// </summary>
    public static readonly JsonSerializerOptions StoredJsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>What a property's text field (text box, text area, the rich text editor's source) shows for a stored value.</summary>
    public static string FormText(string editorAlias, string stored) => editorAlias switch
    {
        EditorAliases.MultipleTextstring => Lines(stored),
        var rich when EditorAliases.IsRichText(rich) => RichTextValue.MarkupOf(stored),
        _ => stored,
    };

    public static bool IsTrue(string stored) => stored.Trim() is var value && (value == True || value.Equals("true", StringComparison.OrdinalIgnoreCase));

    /// <summary>The values a list (dropdown) holds: a JSON array, as Umbraco stores it, or one plain value (older sites).</summary>
    public static IReadOnlyList<string> Selected(string stored) =>
        stored.Length == 0 ? [] : StoredJson.TryStrings(stored, out var list) ? list : [stored];

    /// <summary>A date and time as a datetime-local field can show it, or null when the field would show nothing.</summary>
    public static DateTime? LocalDateTime(string value) =>
        DateTime.TryParseExact(value.Trim(), LocalDateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : null;

    /// <summary>What the form fields of one property posted, as the value to store.</summary>
    /// <param name="posted">Every value posted under the property's field name (a ticked box posts one, an unticked none).</param>
    /// <param name="stored">The value the form was shown with.</param>
    public static string FromForm(string editorAlias, IReadOnlyList<string> posted, string stored, RichTextSanitizer sanitizer)
    {
        if (PostsUnchanged(editorAlias, posted, stored)) return stored;
        var text = string.Join(",", posted);
        return editorAlias switch
        {
            EditorAliases.TrueFalse => posted.Count > 0 ? True : False,
            EditorAliases.MultipleTextstring => StoreLines(text, stored),
            EditorAliases.DropDownFlexible => StoreSelected([.. posted.Where(p => p.Length > 0)], stored),
            EditorAliases.MediaPicker3 => Media.MediaPickerValue.Write(MediaKeys(posted), Media.MediaPickerValue.Read(stored)),
            EditorAliases.DateTime => LocalDateTime(text) is { } at ? at.ToString(StoredDateTimeFormat, CultureInfo.InvariantCulture) : "",
            EditorAliases.TextArea => NormalizeLineBreaks(text).Trim(),
            var rich when EditorAliases.IsRichText(rich) =>
                RichTextValue.WithMarkup(stored, LinkAddresses.AsMeant(NonBreakingSpaces.AsMeant(sanitizer.Sanitize(NormalizeLineBreaks(text).Trim())))),
            EditorAliases.TextBox or EditorAliases.EmailAddress or EditorAliases.Integer or EditorAliases.ContentPicker or EditorAliases.FormPicker => text.Trim(),
            // Editors we store but do not model: the raw value as typed.
            _ => NormalizeLineBreaks(text),
        };
    }

    /// <summary>
    /// Whether a browser posted the field exactly as it was shown: then the stored value stays as it is. Each kind of
    /// field is compared the way a browser changes it: a text area posts CRLF, a text box drops line breaks, an email
    /// box also spaces, a number box that cannot show the value posts nothing, a date box posts its shortest form.
    /// </summary>
    public static bool PostsUnchanged(string editorAlias, IReadOnlyList<string> posted, string stored)
    {
        var single = posted.Count == 1 ? posted[0] : null;
        return editorAlias switch
        {
            EditorAliases.TrueFalse => posted.Count > 0 == IsTrue(stored),
            EditorAliases.DropDownFlexible => posted.Where(p => p.Length > 0).SequenceEqual(Selected(stored)),
            EditorAliases.ContentPicker or EditorAliases.FormPicker => (single ?? "") == stored,
            EditorAliases.MediaPicker3 => MediaKeys(posted).SequenceEqual(Media.MediaPickerValue.Read(stored).Select(p => p.MediaKey)),
            EditorAliases.Integer => single == (IsHtmlNumber(stored) ? stored : ""),
            EditorAliases.DateTime => single is not null && (LocalDateTime(single), LocalDateTime(stored)) switch
            {
                (null, null) => single.Length == 0,
                ({ } a, { } b) => a == b,
                _ => false,
            },
            EditorAliases.EmailAddress => single == WithoutLineBreaks(stored).Trim(),
            EditorAliases.TextBox => single == WithoutLineBreaks(stored),
            _ => single is not null && NormalizeLineBreaks(single) == NormalizeLineBreaks(FormText(editorAlias, stored)),
        };
    }

    /// <summary>The media a picker's radio buttons or check boxes posted; anything that is not a key is ignored.</summary>
    private static IReadOnlyList<Guid> MediaKeys(IReadOnlyList<string> posted) =>
        [.. posted.Select(p => Guid.TryParse(p, out var key) ? key : (Guid?)null).OfType<Guid>().Distinct()];

    /// <summary>The HTML standard's "valid floating-point number": what a number box can show.</summary>
    private static bool IsHtmlNumber(string value) => HtmlNumber().IsMatch(value);

    [GeneratedRegex(@"^-?(\d+(\.\d+)?|\.\d+)([eE][-+]?\d+)?$")]
    private static partial Regex HtmlNumber();

    private static string NormalizeLineBreaks(string text) => text.ReplaceLineEndings("\n");

    private static string WithoutLineBreaks(string text) => text.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);

    /// <summary>One string per line, stored in the shape the value had: a JSON array (Umbraco 8 and later) or lines.</summary>
    private static string StoreLines(string text, string stored)
    {
        var lines = NormalizeLineBreaks(text).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return stored.Length > 0 && !StoredJson.TryStrings(stored, out _) ? string.Join('\n', lines) : JsonSerializer.Serialize(lines, StoredJsonOptions);
    }

    /// <summary>The chosen values in the shape the value had: one plain value stays plain; otherwise a JSON array.</summary>
    private static string StoreSelected(IReadOnlyList<string> chosen, string stored) =>
        chosen.Count == 0 ? ""
        : chosen.Count == 1 && stored.Length > 0 && !StoredJson.TryStrings(stored, out _) ? chosen[0]
        : JsonSerializer.Serialize(chosen, StoredJsonOptions);

    /// <summary>
    /// A stored value as a person reads it, for comparing versions: text without markup (a line per paragraph),
    /// "Ja"/"Nee", choices and lines as they are shown, references by the name of what they point at.
    /// </summary>
    /// <param name="referenceName">The name of the page or form a stored reference points at, or null when unknown.</param>
    public static string Readable(string editorAlias, string stored, Func<string, string?> referenceName) => editorAlias switch
    {
        _ when stored.Length == 0 && editorAlias != EditorAliases.TrueFalse => "",
        EditorAliases.TrueFalse => IsTrue(stored) ? "Ja" : "Nee",
        EditorAliases.ContentPicker or EditorAliases.FormPicker => referenceName(stored) ?? stored,
        EditorAliases.MediaPicker3 => string.Join(", ", Media.MediaPickerValue.Read(stored)
            .Select(p => referenceName(Media.MediaUdi.For(p.MediaKey)) ?? p.MediaKey.ToString())),
        EditorAliases.DropDownFlexible => string.Join(", ", Selected(stored)),
        EditorAliases.MultipleTextstring => Lines(stored),
        EditorAliases.DateTime => LocalDateTime(stored) is { } at ? DutchFormat.LocalDateTime(at) : stored,
        var rich when EditorAliases.IsRichText(rich) => ReadableMarkup(RichTextValue.MarkupOf(stored)),
        // Pickers, lists, blocks and editors this site does not model: what a person reads in them, line by line.
        _ when StoredJson.TryParse(stored) is { } node => string.Join('\n', ReadableLines(node, referenceName, depth: 0).Distinct()),
        _ when stored.Contains(Udi, StringComparison.Ordinal) =>
            string.Join(", ", stored.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(udi => referenceName(udi) ?? udi)),
        _ => stored,
    };

    private const string Udi = "umb://";

    /// <summary>Keys whose values are the value's plumbing (which element type, which key, which editor), not its content.</summary>
    private static readonly HashSet<string> PlumbingKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "layout", "contentTypeKey", "contentTypeAlias", "ncContentTypeAlias", "key", "udi", "contentUdi", "settingsUdi", "contentKey",
        "settingsKey", "elementTypeKey", "alias", "editorAlias", "culture", "segment", "type", "target", "queryString", "icon", "expose",
    };

    /// <summary>Deeper than any editor nests a value.</summary>
    private const int MaxReadableDepth = 16;

    private static IEnumerable<string> ReadableLines(JsonNode? node, Func<string, string?> referenceName, int depth)
    {
        if (depth > MaxReadableDepth) yield break;
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (PlumbingKeys.Contains(key)) continue;
                    foreach (var line in ReadableLines(value, referenceName, depth + 1)) yield return line;
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                    foreach (var line in ReadableLines(item, referenceName, depth + 1)) yield return line;
                break;
            case JsonValue value when value.TryGetValue<string>(out var text):
                var trimmed = text.Trim();
                if (trimmed.Length == 0) break;
                // A reference reads as the name of what it points at; one to nothing known (an element) is plumbing.
                if (trimmed.StartsWith(Udi, StringComparison.Ordinal) || Guid.TryParse(trimmed, out _))
                {
                    if (referenceName(trimmed) is { } name) yield return name;
                }
                else if (StoredJson.TryParse(trimmed) is { } inner)
                {
                    foreach (var line in ReadableLines(inner, referenceName, depth + 1)) yield return line;
                }
                else if (trimmed.Contains('<', StringComparison.Ordinal))
                {
                    foreach (var line in ReadableMarkup(trimmed).Split('\n')) yield return line;
                }
                else yield return trimmed;
                break;
        }
    }

    private static string ReadableMarkup(string markup)
    {
        var text = BlockEnd().Replace(markup, "\n");
        text = System.Net.WebUtility.HtmlDecode(AnyTag().Replace(text, ""));
        return string.Join('\n', text.Split('\n').Select(line => Spaces().Replace(line, " ").Trim()).Where(line => line.Length > 0));
    }

    [GeneratedRegex(@"</(p|h[1-6]|li|div|blockquote|tr)>|<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockEnd();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex AnyTag();

    [GeneratedRegex(@"[ \t\u00A0]+")]
    private static partial Regex Spaces();

    /// <summary>A multiple-text-strings value, one string per line for its text area.</summary>
    public static string Lines(string stored) =>
        StoredJson.TryStrings(stored, out var strings) ? string.Join('\n', strings) : stored;

    /// <summary>
    /// A dropdown's choices, from its data type's configuration: Umbraco's "items", as plain strings (8 and later) or
    /// as objects with a "value" (older sites store "Items" with "id" and "value").
    /// </summary>
    public static IReadOnlyList<string> Choices(DataType? dataType)
    {
        if (dataType is null || StoredJson.TryParse(dataType.ConfigJson) is not JsonObject config) return [];
        var items = config.FirstOrDefault(p => string.Equals(p.Key, "items", StringComparison.OrdinalIgnoreCase)).Value as JsonArray;
        return items is null ? [] : [.. items.Select(ChoiceOf).OfType<string>()];
    }

    /// <summary>Whether a dropdown's or a media picker's configuration allows more than one choice ("multiple": true, "1" or "true").</summary>
    public static bool AllowsMany(DataType? dataType) =>
        dataType is not null && StoredJson.TryParse(dataType.ConfigJson) is JsonObject config
        && config.FirstOrDefault(p => string.Equals(p.Key, "multiple", StringComparison.OrdinalIgnoreCase)).Value is JsonValue multiple
        && (multiple.TryGetValue<bool>(out var yes) ? yes : multiple.TryGetValue<string>(out var text) && IsTrue(text));

    private static string? ChoiceOf(JsonNode? item) => item switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonObject choice => choice.FirstOrDefault(p => string.Equals(p.Key, "value", StringComparison.OrdinalIgnoreCase)).Value is JsonValue v
                             && v.TryGetValue<string>(out var text) ? text : null,
        _ => null,
    };
}
