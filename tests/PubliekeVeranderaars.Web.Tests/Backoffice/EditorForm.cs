namespace PubliekeVeranderaars.Web.Tests.Backoffice;

/// <summary>The back office's page editor, filled in as a browser would: every field as rendered, some changed.</summary>
public static class EditorForm
{
    public static async Task<List<KeyValuePair<string, string>>> FieldsAsync(HttpClient client, Guid key, IDictionary<string, string> changes)
    {
        var page = await Html.ParseAsync(await client.GetAsync($"/backoffice/inhoud/{key}"));
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var input in page.QuerySelector("form.backoffice-editor")!.QuerySelectorAll("input, textarea, select"))
        {
            var name = input.GetAttribute("name");
            // An unticked checkbox is not sent, as in a browser.
            if (name is null || (input.GetAttribute("type") == "checkbox" && !input.HasAttribute("checked"))) continue;
            var value = input.TagName == "TEXTAREA" ? input.TextContent
                : input.TagName == "SELECT" ? input.QuerySelector("option[selected]")?.GetAttribute("value") ?? ""
                : input.GetAttribute("value") ?? "";
            fields.Add(new(name, changes.TryGetValue(name, out var changed) ? changed : value));
        }
        return fields;
    }

    /// <param name="action">"" to save a draft, or "/publiceren", "/ter-publicatie".</param>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, Guid key, string action, IDictionary<string, string> changes) =>
        await client.PostAsync($"/backoffice/inhoud/{key}{action}", new FormUrlEncodedContent(await FieldsAsync(client, key, changes)));
}
