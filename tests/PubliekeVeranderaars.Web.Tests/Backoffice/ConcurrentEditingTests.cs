using System.Net;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Web.Tests.Backoffice;

/// <summary>Two people saving the same page: nobody's work disappears without a word.</summary>
public class ConcurrentEditingTests(SqliteSiteFixture fixture) : IClassFixture<SqliteSiteFixture>
{
    private readonly SiteHost _site = fixture.Site;

    private async Task<(HttpClient First, HttpClient Second, Guid Key)> TwoEditorsOnANewPageAsync()
    {
        var home = _site.GetService<PublishedContentCache>().Current.Home!.Key;
        var name = $"Samen {Guid.NewGuid():N}"[..14];
        var created = await new SiteContent(_site).CreateAsync(home, "contentPage", name,
            [new ContentPropertyValue("title", null, "Titel"), new ContentPropertyValue("body", null, "<p>Tekst</p>")]);
        var first = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor));
        var second = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor));
        return (first, second, created.Node!.Key);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, Guid key, List<KeyValuePair<string, string>> fields) =>
        client.PostAsync($"/backoffice/inhoud/{key}", new FormUrlEncodedContent(fields));

    private async Task<ContentVersion> LatestAsync(Guid key) => (await new SiteContent(_site).GetLatestVersionAsync(key))!;

    [Fact]
    public async Task Changes_to_different_fields_by_two_editors_are_both_kept()
    {
        var (first, second, key) = await TwoEditorsOnANewPageAsync();
        var firstForm = await EditorForm.FieldsAsync(first, key, new Dictionary<string, string> { ["p:title"] = "Titel van de eerste" });
        var secondForm = await EditorForm.FieldsAsync(second, key, new Dictionary<string, string> { ["p:body"] = "<p>Tekst van de tweede</p>" });

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(first, key, firstForm)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(second, key, secondForm)).StatusCode);

        var latest = await LatestAsync(key);
        Assert.Equal("Titel van de eerste", latest.Values.Single(v => v.Alias == "title").Value);
        Assert.Equal("<p>Tekst van de tweede</p>", latest.Values.Single(v => v.Alias == "body").Value);
    }

    [Fact]
    public async Task The_same_field_changed_by_two_editors_is_refused_in_dutch_with_both_values_and_the_second_keeps_their_text()
    {
        var (first, second, key) = await TwoEditorsOnANewPageAsync();
        var firstForm = await EditorForm.FieldsAsync(first, key, new Dictionary<string, string> { ["p:body"] = "<p>Zo zegt de eerste het.</p>" });
        var secondForm = await EditorForm.FieldsAsync(second, key, new Dictionary<string, string> { ["p:body"] = "<p>Zo zegt de tweede het.</p>" });
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(first, key, firstForm)).StatusCode);

        var refused = await PostAsync(second, key, secondForm);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var page = await Html.ParseAsync(refused);
        var alert = page.QuerySelector("[role=alert]")!.TextContent;
        Assert.Contains("Niet opgeslagen", alert);
        Assert.Contains("Zo zegt de eerste het.", alert);
        Assert.Contains("Zo zegt de tweede het.", alert);
        Assert.Equal("<p>Zo zegt de tweede het.</p>", page.QuerySelector("textarea[name='p:body']")!.TextContent.Trim());
        Assert.Equal("<p>Zo zegt de eerste het.</p>", (await LatestAsync(key)).Values.Single(v => v.Alias == "body").Value);

        // Saving again is a deliberate choice for what is on the screen.
        var again = new List<KeyValuePair<string, string>>();
        foreach (var field in page.QuerySelector("form.backoffice-editor")!.QuerySelectorAll("input, textarea, select"))
            if (field.GetAttribute("name") is { } name) again.AddRange(EditorForm.PostedValues(field).Select(v => new KeyValuePair<string, string>(name, v)));
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(second, key, again)).StatusCode);
        Assert.Equal("<p>Zo zegt de tweede het.</p>", (await LatestAsync(key)).Values.Single(v => v.Alias == "body").Value);
        first.Dispose();
        second.Dispose();
    }
}
