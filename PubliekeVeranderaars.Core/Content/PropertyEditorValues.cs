using System.Text.Json;

namespace PubliekeVeranderaars.Core.Content;

/// <summary>
/// How each property editor's value travels between the back office's form fields and the stored string (in the
/// shape Umbraco stores it): the one place that knows, so the editor screen and anything else that edits agree.
/// </summary>
public static class PropertyEditorValues
{
    /// <summary>Umbraco's true/false: "1" when ticked, "0" when not.</summary>
    public const string True = "1";
    public const string False = "0";

    /// <summary>What the form fields of one property posted, as the value to store.</summary>
    /// <param name="posted">Every value posted under the property's field name (a ticked box posts one, an unticked none).</param>
    public static string FromForm(string editorAlias, IReadOnlyList<string> posted, RichTextSanitizer sanitizer)
    {
        var text = string.Join(",", posted);
        return editorAlias switch
        {
            EditorAliases.TrueFalse => posted.Count > 0 ? True : False,
            EditorAliases.MultipleTextstring => JsonSerializer.Serialize(text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)),
            var rich when EditorAliases.IsRichText(rich) => sanitizer.SanitizeStored(text),
            _ => text.Trim(),
        };
    }

    /// <summary>A multiple-text-strings value, one string per line for its text area.</summary>
    public static string Lines(string stored) =>
        StoredJson.TryStrings(stored, out var strings) ? string.Join('\n', strings) : stored;

    /// <summary>A dropdown's choices, from its data type's configuration (Umbraco's "items").</summary>
    public static IReadOnlyList<string> Choices(DataType? dataType)
    {
        if (dataType is null) return [];
        try
        {
            using var config = JsonDocument.Parse(dataType.ConfigJson);
            return config.RootElement.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array
                ? items.EnumerateArray().Select(i => i.ValueKind == JsonValueKind.String ? i.GetString()! : i.TryGetProperty("value", out var v) ? v.GetString() ?? "" : "").ToList()
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
