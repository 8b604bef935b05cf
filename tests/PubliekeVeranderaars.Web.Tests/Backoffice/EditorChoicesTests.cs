using System.Net;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Web.Tests.Backoffice;

/// <summary>A list in the editor holds its choices only: whatever else is posted into it is refused, and no page breaks.</summary>
public class EditorChoicesTests(SqliteSiteFixture fixture) : IClassFixture<SqliteSiteFixture>
{
    private readonly SiteHost _site = fixture.Site;

    [Theory]
    [InlineData("onbekend")]
    [InlineData("[\"\\ud800\"]")]
    [InlineData("[\"open\",\"dicht\"]")]
    public async Task A_value_that_is_not_one_of_the_choices_is_refused_in_dutch_and_every_page_keeps_working(string posted)
    {
        var initiative = _site.GetService<PublishedContentCache>().Current.All.First(c => c.ContentTypeAlias == "initiative");
        using var writer = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Writer));

        var saved = await EditorForm.PostAsync(writer, initiative.Key, "", new Dictionary<string, string> { ["p:status"] = posted });

        Assert.Equal(HttpStatusCode.BadRequest, saved.StatusCode);
        Assert.Contains("kies een van de mogelijkheden", (await Html.ParseAsync(saved)).QuerySelector("[role=alert]")!.TextContent);
        using var visitor = _site.CreateHttpClient();
        foreach (var path in new[] { initiative.Route, "/initiatieven/", $"/umbraco/delivery/api/v2/content/item/{initiative.Key}" })
            Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await writer.GetAsync($"/backoffice/inhoud/{initiative.Key}/voorbeeld")).StatusCode);
    }
}
