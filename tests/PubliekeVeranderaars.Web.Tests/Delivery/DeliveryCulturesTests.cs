using System.Net;
using System.Text.Json.Nodes;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Web.Tests.Delivery;

/// <summary>
/// A multilingual site (a real two-language uSync export) through the Delivery API as Umbraco serves it (issue 16):
/// Accept-Language picks the language of names, values and routes; <c>cultures</c> lists each live language's route.
/// </summary>
public sealed class DeliveryCulturesTests : IDisposable
{
    private const string Base = "/umbraco/delivery/api/v2/content";
    /// <summary>"Getting Started with Schema.org", in German "Zehn Tipps für besseres SEO", below an invariant blog page.</summary>
    private static readonly Guid Article = Guid.Parse("91df8e6d-3de1-4956-bfbc-27669f15ec3a");
    private static readonly string GermanSegment = "/" + UrlSegments.FromName("Zehn Tipps für besseres SEO") + "/";
    private readonly SiteHost _site = new(DatabaseProvider.Sqlite, emptyDatabase: true,
        settings: new Dictionary<string, string?> { ["uSync:Folder"] = RepositoryPaths.CorpusSet("EnjoyDigital__Umbraco.Community.Schemeweaver/v17") });

    public void Dispose() => _site.Dispose();

    private async Task<(HttpStatusCode Status, JsonNode? Json)> GetAsync(string path, string? language = null)
    {
        using var client = _site.CreateHttpClient();
        await client.GetAsync("/");
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (language is not null) request.Headers.Add("Accept-Language", language);
        var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, body.StartsWith('{') || body.StartsWith('[') ? JsonNode.Parse(body) : null);
    }

    [Fact]
    public async Task Without_a_language_the_default_one_is_served_and_cultures_lists_every_live_language()
    {
        var (status, item) = await GetAsync($"{Base}/item/{Article}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Getting Started with Schema.org", (string?)item!["name"]);
        Assert.Equal("Learn how structured data helps search engines understand your content.", (string?)item["properties"]!["description"]);
        var cultures = item["cultures"]!.AsObject();
        Assert.Equal(["de-DE", "en-US"], cultures.Select(c => c.Key));
        Assert.Equal((string?)item["route"]!["path"], (string?)cultures["en-US"]!["path"]);
        Assert.EndsWith(GermanSegment, (string?)cultures["de-DE"]!["path"]);
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("de-de, en;q=0.5")]
    public async Task Accept_language_gives_the_name_values_and_route_in_that_language(string header)
    {
        var (_, item) = await GetAsync($"{Base}/item/{Article}", header);

        Assert.Equal("Zehn Tipps für besseres SEO", (string?)item!["name"]);
        Assert.Equal("Erfahren Sie, wie strukturierte Daten Suchmaschinen helfen, Ihre Inhalte zu verstehen.", (string?)item["properties"]!["description"]);
        // An invariant property is the same in every language.
        Assert.Equal("Oliver", (string?)item["properties"]!["authorName"]);
        var path = (string)item["route"]!["path"]!;
        Assert.EndsWith(GermanSegment, path);

        var (status, byPath) = await GetAsync($"{Base}/item{path}", header);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Zehn Tipps für besseres SEO", (string?)byPath!["name"]);
    }

    [Fact]
    public async Task The_query_filters_and_names_in_the_language_asked_for()
    {
        var (_, german) = await GetAsync($"{Base}?filter=name:Zehn Tipps für besseres SEO", "de-DE");
        var (_, english) = await GetAsync($"{Base}?filter=name:Zehn Tipps für besseres SEO");

        Assert.Equal(1, (int)german!["total"]!);
        Assert.Equal("Zehn Tipps für besseres SEO", (string?)german["items"]![0]!["name"]);
        Assert.Equal(0, (int)english!["total"]!);
    }

    [Fact]
    public async Task The_site_shows_the_default_language()
    {
        using var client = _site.CreateHttpClient();
        await client.GetAsync("/");
        var route = _site.GetService<PublishedContentCache>().Current.ByKey(Article)!.Route;

        var html = await client.GetStringAsync(route);

        Assert.Contains("Learn how structured data helps search engines understand your content.", html);
        Assert.DoesNotContain("Suchmaschinen", html);
    }
}
