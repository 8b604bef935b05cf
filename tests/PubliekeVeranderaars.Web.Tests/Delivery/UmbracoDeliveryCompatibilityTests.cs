using System.Net;
using System.Text.Json;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Web.Tests.Delivery;

/// <summary>
/// What Umbraco's own acceptance-test helper and an OpenAPI-generated client send, answered as Umbraco answers it
/// (issue 16): encoded paths, every built-in filter, sort and selector in any case, large pages, Umbraco's problem
/// bodies, null for empty properties, Start-Item, Vary, redirects for renamed pages, local links with their start item.
/// </summary>
public sealed class UmbracoDeliveryCompatibilityTests(SqliteSiteFixture fixture) : IClassFixture<SqliteSiteFixture>
{
    private const string Base = "/umbraco/delivery/api/v2/content";
    private SiteHost Site => fixture.Site;

    private async Task<(HttpResponseMessage Response, JsonElement Json)> GetAsync(string path, Action<HttpRequestMessage>? configure = null)
    {
        using var client = Site.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        configure?.Invoke(request);
        var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return (response, body.Length > 0 && body.TrimStart().StartsWith('{') || body.TrimStart().StartsWith('[')
            ? JsonDocument.Parse(body).RootElement.Clone() : default);
    }

    private static List<string?> Names(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()).ToList();

    [Fact]
    public async Task A_path_sent_percent_encoded_as_generated_clients_send_it_is_found()
    {
        var (response, item) = await GetAsync($"{Base}/item/zo-veranderen-wij%2Fverbeelden");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Verbeelden", item.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("filter=contentType:principle,signPage", 13)]
    [InlineData("filter=ContentType:principle", 12)]
    [InlineData("filter=contentType:!principle,initiative", -1)]
    [InlineData("filter=name:Verbeelden,Innoveren", 2)]
    [InlineData("fetch=Children:zo-veranderen-wij&sort=name:ASC", 12)]
    [InlineData("filter=createDate>2000-01-01", -1)]
    [InlineData("filter=createDate<2000-01-01", 0)]
    [InlineData("filter=createDate>:2000-01-01&filter=updateDate<:2999-12-31", -1)]
    [InlineData("sort=path:asc", -1)]
    [InlineData("take=10000", -1)]
    [InlineData("fetch=children:00000000-0000-0000-0000-000000000001", 0)]
    public async Task Every_builtin_option_of_umbraco_is_understood(string query, int expectedTotal)
    {
        var (response, page) = await GetAsync($"{Base}?{query}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var total = page.GetProperty("total").GetInt32();
        if (expectedTotal >= 0) Assert.Equal(expectedTotal, total);
        else Assert.True(total > 0);
    }

    [Fact]
    public async Task Dates_filter_and_path_sorts_as_the_tree_is_ordered()
    {
        var all = (await GetAsync($"{Base}?take=10000&sort=path:asc")).Json;
        var names = Names(all);
        Assert.Equal("Wij, Publieke Veranderaars", names[0]);
        Assert.True(names.IndexOf("Zo veranderen wij") < names.IndexOf("Verbeelden"));
        Assert.Equal(all.GetProperty("total").GetInt32(), names.Count);
        var verbeelden = Site.GetService<PublishedContentCache>().Current.ByRoute("/zo-veranderen-wij/verbeelden/")!;
        var later = (await GetAsync($"{Base}?take=10000&filter=updateDate>{verbeelden.UpdateDate.AddDays(1):yyyy-MM-dd}")).Json;
        Assert.DoesNotContain("Verbeelden", Names(later));
    }

    [Theory]
    [InlineData("filter=status:open", "Filter option not found")]
    [InlineData("sort=password:asc", "Sort option not found")]
    [InlineData("fetch=kinderen:x", "Selector option not found")]
    public async Task An_option_umbraco_does_not_have_gets_umbracos_problem(string query, string title)
    {
        var (response, problem) = await GetAsync($"{Base}?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_property_without_a_value_is_null_not_left_out()
    {
        var (_, item) = await GetAsync($"{Base}/item/initiatieven/innovatielab-open-overheid/");
        var properties = item.GetProperty("properties");
        Assert.Equal(JsonValueKind.Null, properties.GetProperty("ownerPortrait").ValueKind);
        Assert.Equal(JsonValueKind.Null, properties.GetProperty("shareImage").ValueKind);
    }

    [Fact]
    public async Task Start_item_scopes_paths_and_an_unknown_one_is_a_404()
    {
        var (unknown, _) = await GetAsync($"{Base}/item/initiatieven/", r => r.Headers.Add("Start-Item", "bestaat-niet"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        var home = Site.GetService<PublishedContentCache>().Current.Home!;
        foreach (var startItem in new[] { home.UrlSegment, home.Key.ToString() })
        {
            var (known, item) = await GetAsync($"{Base}/item/initiatieven/", r => r.Headers.Add("Start-Item", startItem));
            Assert.Equal(HttpStatusCode.OK, known.StatusCode);
            Assert.Equal("Initiatieven", item.GetProperty("name").GetString());
            Assert.Contains("Start-Item", known.Headers.Vary);
        }
        var (page, _) = await GetAsync(Base);
        Assert.Equal(["Accept-Language", "Preview", "Start-Item"], page.Headers.Vary.Order());
    }

    [Fact]
    public async Task The_old_path_of_a_renamed_page_answers_with_a_permanent_redirect_to_the_new_one()
    {
        var snapshot = Site.GetService<PublishedContentCache>().Current;
        var parent = snapshot.ByRoute("/initiatieven/")!;
        var editing = Site.GetService<ContentEditingService>();
        var created = await editing.CreateAsync(parent.Key, "initiative", "Oude naam",
            [new("title", null, "Oude naam"), new("summary", null, "Iets."), new("ownerName", null, "A"), new("ownerEmail", null, "a@example.org"), new("status", null, "[\"open\"]")],
            Actor.System);
        var publishing = Site.GetService<ContentPublishingService>();
        await publishing.PublishAsync(created.Node!.Key, Actor.System);
        var version = (await Site.GetService<ContentQueries>().EditorAsync(created.Node.Key))!.Version;
        await editing.SaveAsync(created.Node.Key, "Nieuwe naam", version.Values, Actor.System);
        await publishing.PublishAsync(created.Node.Key, Actor.System);

        var (response, _) = await GetAsync($"{Base}/item/initiatieven/oude-naam/");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/initiatieven/nieuwe-naam/", response.Headers.Location!.OriginalString);
        Assert.Equal(snapshot.Home!.UrlSegment, response.Headers.GetValues("Location-Start-Item-Path").Single());
    }

    [Fact]
    public async Task A_local_link_in_rich_text_carries_its_start_item_as_umbraco_writes_it()
    {
        var snapshot = Site.GetService<PublishedContentCache>().Current;
        var page = snapshot.ByRoute("/initiatieven/")!;
        var target = snapshot.ByRoute("/zo-veranderen-wij/")!;
        var version = (await Site.GetService<ContentQueries>().EditorAsync(page.Key))!.Version;
        var values = version.Values.Where(v => v.Alias != "intro")
            .Append(new ContentPropertyValue("intro", null, $"<p>Lees <a href=\"{LocalLinks.ToKey(target.Key)}\" type=\"document\">hoe we veranderen</a>.</p>")).ToList();
        Assert.True((await Site.GetService<ContentEditingService>().SaveAsync(page.Key, version.Name, values, Actor.System)).Succeeded);
        await Site.GetService<ContentPublishingService>().PublishAsync(page.Key, Actor.System);

        var (_, item) = await GetAsync($"{Base}/item/initiatieven/");
        var text = item.GetProperty("properties").GetProperty("intro").GetProperty("markup").GetString()!;
        Assert.Contains("href=\"/zo-veranderen-wij/\"", text);
        Assert.Contains($"data-start-item-path=\"{snapshot.Home!.UrlSegment}\"", text);
        Assert.Contains($"data-start-item-id=\"{snapshot.Home.Key}\"", text);
    }

    [Theory]
    [InlineData("/umbraco/swagger/delivery/swagger.json")] // Umbraco 10 to 17
    [InlineData("/umbraco/openapi/delivery.json")] // Umbraco 18
    [InlineData("/umbraco/delivery/api/v2/openapi.json")] // ours
    public async Task The_openapi_document_is_served_where_umbraco_serves_it_with_umbracos_operation_ids_and_headers(string url)
    {
        var (response, document) = await GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject()).Select(o => o.Value.GetProperty("operationId").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "GetContent2.0", "GetContentItemById2.0", "GetContentItemByPath2.0", "GetContentItems2.0",
            "GetMedia2.0", "GetMediaItemById2.0", "GetMediaItemByPath2.0", "GetMediaItems2.0" }, operations);
        var query = document.GetProperty("paths").GetProperty("/umbraco/delivery/api/v2/content").GetProperty("get").GetProperty("parameters");
        var parameters = query.EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p);
        Assert.Superset(new HashSet<string> { "Accept-Language", "Accept-Segment", "Preview", "Start-Item", "Api-Key" }, parameters.Keys.ToHashSet());
        Assert.Equal("header", parameters["Start-Item"].GetProperty("in").GetString());
        Assert.Equal("integer", parameters["take"].GetProperty("schema").GetProperty("type").GetString());
        // The answers are described under Umbraco's schema names, so generated clients type them as Umbraco's do.
        var schemas = document.GetProperty("components").GetProperty("schemas");
        foreach (var name in new[] { "IApiContentResponseModel", "PagedIApiContentResponseModel", "IApiContentRouteModel", "IApiContentStartItemModel",
                     "IApiMediaWithCropsResponseModel", "PagedIApiMediaWithCropsResponseModel", "ProblemDetails" })
            Assert.True(schemas.TryGetProperty(name, out _), name);
        Assert.Equal("#/components/schemas/PagedIApiContentResponseModel", document.GetProperty("paths").GetProperty("/umbraco/delivery/api/v2/content")
            .GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json")
            .GetProperty("schema").GetProperty("$ref").GetString());
    }
}
