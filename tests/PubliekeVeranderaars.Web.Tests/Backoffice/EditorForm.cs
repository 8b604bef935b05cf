using System.Globalization;
using AngleSharp.Dom;
using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Web.Tests.Backoffice;

/// <summary>
/// The back office's page editor, filled in as a browser would: every field as rendered, with the changes a browser
/// makes on its own (line breaks in a text area posted as CRLF, none in a text box, a number box that cannot show a
/// value posts nothing, a date and time in its shortest form, a single list posts its first choice when none is
/// selected), some fields changed.
/// </summary>
public static class EditorForm
{
    /// <param name="query">The editor's query string ("?taal=de-DE" for another language).</param>
    public static async Task<List<KeyValuePair<string, string>>> FieldsAsync(HttpClient client, Guid key, IDictionary<string, string> changes, string query = "")
    {
        var page = await Html.ParseAsync(await client.GetAsync($"/backoffice/inhoud/{key}{query}"));
        var fields = new List<KeyValuePair<string, string>>();
        var inputs = page.QuerySelector("form.backoffice-editor")!.QuerySelectorAll("input, textarea, select").ToList();
        // Of a group of radio buttons a browser ticks one: the last one the markup marks checked.
        var tickedRadio = inputs.Where(i => IsRadio(i) && i.HasAttribute("checked")).GroupBy(i => i.GetAttribute("name") ?? "")
            .ToDictionary(g => g.Key, g => g.Last());
        foreach (var input in inputs)
        {
            var name = input.GetAttribute("name");
            if (name is null || input.HasAttribute("disabled")) continue;
            if (IsRadio(input) && tickedRadio.GetValueOrDefault(name) != input) continue;
            foreach (var value in PostedValues(input))
                fields.Add(new(name, changes.TryGetValue(name, out var changed) ? changed : value));
        }
        return fields;
    }

    /// <summary>What a browser posts for one field, by the HTML standard's value sanitization.</summary>
    public static IEnumerable<string> PostedValues(IElement input)
    {
        var type = (input.GetAttribute("type") ?? "text").ToLowerInvariant();
        switch (input.TagName)
        {
            case "TEXTAREA":
                return [input.TextContent.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal)];
            case "SELECT":
                var options = input.QuerySelectorAll("option").ToList();
                var selected = options.Where(o => o.HasAttribute("selected")).ToList();
                if (selected.Count == 0 && !input.HasAttribute("multiple") && options.Count > 0) selected = [options[0]];
                // A single list shows one choice: the last the markup marks selected.
                if (selected.Count > 1 && !input.HasAttribute("multiple")) selected = [selected[^1]];
                return selected.Select(o => o.GetAttribute("value") ?? o.TextContent);
        }
        var value = input.GetAttribute("value") ?? "";
        return type switch
        {
            // An unticked box is not sent; a ticked one without a value sends "on".
            "checkbox" or "radio" => input.HasAttribute("checked") ? [input.GetAttribute("value") ?? "on"] : [],
            "email" => [StripLineBreaks(value).Trim()],
            "number" => [double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? value : ""],
            "datetime-local" => [PropertyEditorValues.LocalDateTime(value) is { } at
                ? at.ToString(at.Second == 0 && at.Millisecond == 0 ? "yyyy-MM-ddTHH:mm" : "yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)
                : ""],
            "submit" or "button" or "reset" => [],
            _ => [StripLineBreaks(value)],
        };
    }

    private static bool IsRadio(IElement input) =>
        input.TagName == "INPUT" && string.Equals(input.GetAttribute("type"), "radio", StringComparison.OrdinalIgnoreCase);

    private static string StripLineBreaks(string value) => value.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);

    /// <param name="action">"" to save a draft, or "/publiceren", "/ter-publicatie".</param>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, Guid key, string action, IDictionary<string, string> changes) =>
        await client.PostAsync($"/backoffice/inhoud/{key}{action}", new FormUrlEncodedContent(await FieldsAsync(client, key, changes)));
}
