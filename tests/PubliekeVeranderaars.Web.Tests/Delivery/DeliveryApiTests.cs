using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Web.Tests.Delivery;

/// <summary>The Delivery API's JSON, field by field against the shapes of Umbraco's v2 (shared/design/DELIVERY-API.md).</summary>
public abstract class DeliveryApiTests(SiteHost site)
{
    private const string Base = "/umbraco/delivery/api/v2/content";

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        using var client = site.CreateHttpClient();
        var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task An_item_by_path_has_umbracos_fields_in_umbracos_order()
    {
        var item = await GetJsonAsync($"{Base}/item/zo-veranderen-wij/verbeelden/");

        Assert.Equal(["contentType", "name", "createDate", "updateDate", "route", "id", "properties", "cultures"],
            item.EnumerateObject().Select(p => p.Name));
        Assert.Equal("principle", item.GetProperty("contentType").GetString());
        Assert.Equal("Verbeelden", item.GetProperty("name").GetString());
        Assert.True(DateTime.TryParse(item.GetProperty("createDate").GetString(), out _));
        var route = item.GetProperty("route");
        Assert.Equal("/zo-veranderen-wij/verbeelden/", route.GetProperty("path").GetString());
        Assert.Equal(JsonValueKind.Null, route.GetProperty("queryString").ValueKind);
        var home = site.GetService<PublishedContentCache>().Current.Home!;
        Assert.Equal(home.Key.ToString(), route.GetProperty("startItem").GetProperty("id").GetString());
        Assert.Equal("wij-publieke-veranderaars", route.GetProperty("startItem").GetProperty("path").GetString());
        Assert.Equal(JsonValueKind.Object, item.GetProperty("cultures").ValueKind);
        Assert.Empty(item.GetProperty("cultures").EnumerateObject());
        var properties = item.GetProperty("properties");
        Assert.Equal(1, properties.GetProperty("number").GetInt32());
        Assert.Equal("Verbeelden", properties.GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.False, properties.GetProperty("umbracoNaviHide").ValueKind);
    }

    [Fact]
    public async Task An_item_by_id_is_the_same_item_as_by_path()
    {
        var byPath = await GetJsonAsync($"{Base}/item/initiatieven/");
        var byId = await GetJsonAsync($"{Base}/item/{byPath.GetProperty("id").GetString()}");

        Assert.Equal(byPath.GetRawText(), byId.GetRawText());
    }

    [Fact]
    public async Task Property_values_come_in_the_output_shape_of_their_editor()
    {
        var home = (await GetJsonAsync($"{Base}/item/")).GetProperty("properties");

        var intro = home.GetProperty("intro");
        Assert.Equal(["markup", "blocks"], intro.EnumerateObject().Select(p => p.Name));
        Assert.StartsWith("<p>Wij, Publieke Veranderaars", intro.GetProperty("markup").GetString());
        Assert.Equal(JsonValueKind.Array, intro.GetProperty("blocks").ValueKind);
        Assert.Equal(4, home.GetProperty("societyPoints").GetArrayLength());
        var picked = home.GetProperty("signPage");
        Assert.Equal(["contentType", "name", "createDate", "updateDate", "route", "id", "properties"], picked.EnumerateObject().Select(p => p.Name));
        Assert.Equal("/ondertekenen/", picked.GetProperty("route").GetProperty("path").GetString());
        Assert.Empty(picked.GetProperty("properties").EnumerateObject());

        var initiative = (await GetJsonAsync($"{Base}/item/initiatieven/ambtenaren-in-beeld/")).GetProperty("properties");
        Assert.Equal(JsonValueKind.True, initiative.GetProperty("isExample").ValueKind);
        Assert.Equal("gesloten", initiative.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Object, initiative.GetProperty("body").ValueKind);
    }

    [Fact]
    public async Task Sensitive_properties_never_appear_anywhere_in_the_api()
    {
        using var client = site.CreateHttpClient();
        var all = await client.GetStringAsync($"{Base}?take=1000");
        var initiative = await client.GetStringAsync($"{Base}/item/initiatieven/innovatielab-open-overheid/");

        Assert.DoesNotContain("ownerEmail", all);
        Assert.DoesNotContain("@publiekeveranderaars.example", all);
        Assert.DoesNotContain("ownerEmail", initiative);
        Assert.Contains("ownerName", initiative);
    }

    [Fact]
    public async Task The_query_fetches_children_in_order_and_pages_with_skip_and_take()
    {
        var page = await GetJsonAsync($"{Base}?fetch=children:zo-veranderen-wij/&skip=2&take=3&sort=sortOrder:asc");

        Assert.Equal(["total", "items"], page.EnumerateObject().Select(p => p.Name));
        Assert.Equal(12, page.GetProperty("total").GetInt32());
        Assert.Equal(["Motiveren", "Verbinden", "Leren"], page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task The_query_filters_by_content_type_and_name_and_sorts_descending()
    {
        var initiatives = await GetJsonAsync($"{Base}?filter=contentType:initiative&sort=name:desc");
        var others = await GetJsonAsync($"{Base}?fetch=descendants:{site.GetService<PublishedContentCache>().Current.Home!.Key}&filter=contentType:!principle&take=100");
        var named = await GetJsonAsync($"{Base}?filter=name:netwerk");

        Assert.Equal(["Leernetwerk Publieke Innovatie", "Innovatielab Open Overheid", "Ambtenaren in Beeld"],
            initiatives.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()));
        Assert.DoesNotContain(others.GetProperty("items").EnumerateArray(), i => i.GetProperty("contentType").GetString() == "principle");
        // Below home and not a principle: the overview, the three initiatives and their list, signing, privacy, accessibility.
        Assert.Equal(8, others.GetProperty("total").GetInt32());
        Assert.Equal(["Leernetwerk Publieke Innovatie", "Netwerken"], named.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()).Order());
    }

    [Fact]
    public async Task Ancestors_come_from_the_root_down()
    {
        var page = await GetJsonAsync($"{Base}?fetch=ancestors:zo-veranderen-wij/verbeelden");

        Assert.Equal(["Wij, Publieke Veranderaars", "Zo veranderen wij"], page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Items_by_id_is_a_bare_array_of_what_exists()
    {
        var cache = site.GetService<PublishedContentCache>().Current;
        var a = cache.ByRoute("/privacy/")!.Key;
        var b = cache.ByRoute("/ondertekenen/")!.Key;

        var items = await GetJsonAsync($"{Base}/items?id={a}&id={Guid.NewGuid()}&id={b}");

        Assert.Equal(JsonValueKind.Array, items.ValueKind);
        Assert.Equal([a.ToString(), b.ToString()], items.EnumerateArray().Select(i => i.GetProperty("id").GetString()));
    }

    [Theory]
    [InlineData("/item/bestaat-niet/")]
    [InlineData("/item/00000000-0000-0000-0000-000000000001")]
    public async Task Unknown_content_is_a_404_with_umbracos_problem_body(string path)
    {
        using var client = site.CreateHttpClient();

        var response = await client.GetAsync(Base + path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(("Not Found", 404), (problem.GetProperty("title").GetString(), problem.GetProperty("status").GetInt32()));
    }

    public static TheoryData<string> HostileQueries() =>
    [
        "?fetch=kinderen:x", "?filter=status:open", "?sort=name", "?sort=name:sideways", "?sort=password:asc", "?take=-1", "?take=100000",
        "?skip=abc", "?filter=contentType:\"unbalanced", "?filter=name:(((", "?fetch=children:" + new string('a', 5000),
        "?filter=" + new string('x', 5000), "?sort=" + Uri.EscapeDataString("name:asc') OR 1=1 --"),
    ];

    [Theory]
    [MemberData(nameof(HostileQueries))]
    public async Task A_hostile_query_gets_results_or_a_400_problem_never_a_server_error(string query)
    {
        using var client = site.CreateHttpClient();

        var response = await client.GetAsync(Base + query);

        Assert.True((int)response.StatusCode is 200 or 400 or 404, $"{query[..Math.Min(60, query.Length)]}: {response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(400, problem.GetProperty("status").GetInt32());
            Assert.True(problem.GetProperty("detail").GetString()!.Length < 300);
        }
    }

    [Fact]
    public async Task A_client_revalidates_with_the_etag_and_gets_a_304()
    {
        using var client = site.CreateHttpClient();
        var first = await client.GetAsync($"{Base}/item/privacy/");
        var etag = first.Headers.ETag!;

        var again = new HttpRequestMessage(HttpMethod.Get, $"{Base}/item/privacy/");
        again.Headers.IfNoneMatch.Add(etag);
        var second = await client.SendAsync(again);
        var since = new HttpRequestMessage(HttpMethod.Get, $"{Base}/item/privacy/");
        since.Headers.IfModifiedSince = first.Content.Headers.LastModified;
        var third = await client.SendAsync(since);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, third.StatusCode);
        var other = new HttpRequestMessage(HttpMethod.Get, $"{Base}/item/ondertekenen/");
        other.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(other)).StatusCode);
    }

    [Fact]
    public async Task Expand_writes_a_picked_item_with_its_properties_and_fields_limits_what_is_written()
    {
        var plain = (await GetJsonAsync($"{Base}/item/")).GetProperty("properties");
        var all = (await GetJsonAsync($"{Base}/item/?expand=properties[$all]")).GetProperty("properties");
        var named = (await GetJsonAsync($"{Base}/item/?expand=properties[signPage]")).GetProperty("properties");
        var limited = (await GetJsonAsync($"{Base}/item/?fields=properties[title,signPage]&expand=properties[signPage]")).GetProperty("properties");
        var nested = (await GetJsonAsync($"{Base}/item/?expand=properties[signPage]&fields=properties[signPage[properties[title]]]")).GetProperty("properties");

        Assert.Empty(plain.GetProperty("signPage").GetProperty("properties").EnumerateObject());
        Assert.Equal("Onderteken het manifest", all.GetProperty("signPage").GetProperty("properties").GetProperty("title").GetString());
        Assert.NotEmpty(all.GetProperty("initiativesPage").GetProperty("properties").EnumerateObject());
        Assert.NotEmpty(named.GetProperty("signPage").GetProperty("properties").EnumerateObject());
        Assert.Empty(named.GetProperty("initiativesPage").GetProperty("properties").EnumerateObject());
        Assert.Equal(["signPage", "title"], limited.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["signPage"], nested.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["title"], nested.GetProperty("signPage").GetProperty("properties").EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData("?expand=properties")]
    [InlineData("?expand=properties[")]
    [InlineData("?expand=content[$all]")]
    [InlineData("?fields=properties[a,]")]
    [InlineData("?fields=properties[$evil]")]
    [InlineData("?expand=properties[a[properties[b[properties[c[properties[d[properties[e[properties[f[properties[g]]]]]]]]]]]]]")]
    public async Task A_malformed_expand_or_fields_is_a_400(string query)
    {
        using var client = site.CreateHttpClient();

        var response = await client.GetAsync($"{Base}/item/{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Preview_without_a_valid_api_key_is_refused()
    {
        using var client = site.CreateHttpClient();
        var request = new HttpRequestMessage(HttpMethod.Get, $"{Base}/item/privacy/");
        request.Headers.Add("Preview", "true");
        request.Headers.Add("Api-Key", "geraden");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

public sealed class DeliveryApiOnSqliteTests(SqliteSiteFixture fixture) : DeliveryApiTests(fixture.Site), IClassFixture<SqliteSiteFixture>;

public sealed class DeliveryApiOnPostgresTests(PostgresSiteFixture fixture) : DeliveryApiTests(fixture.Site), IClassFixture<PostgresSiteFixture>;

public sealed class DeliveryApiPreviewTests : IDisposable
{
    private const string ApiKey = "een-lange-geheime-sleutel";
    private readonly SiteHost _site = new(PubliekeVeranderaars.Core.Storage.DatabaseProvider.Sqlite,
        new Dictionary<string, string?> { ["DeliveryApi:ApiKey"] = ApiKey });

    private async Task<HttpResponseMessage> GetAsync(string path, string? key)
    {
        using var client = _site.CreateHttpClient();
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Preview", "true");
        if (key is not null) request.Headers.Add("Api-Key", key);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Drafts_appear_only_with_the_preview_header_and_a_valid_api_key()
    {
        var content = new SiteContent(_site);
        var principles = _site.GetService<PublishedContentCache>().Current.ByRoute("/zo-veranderen-wij/")!.Key;
        var draft = await content.CreateAsync(principles, "principle", "Concept",
            [new("number", null, "20"), new("title", null, "Concept"), new("text", null, "Nog niet gepubliceerd.")], "test");
        Assert.True(draft.Succeeded);

        using var client = _site.CreateHttpClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/umbraco/delivery/api/v2/content/item/zo-veranderen-wij/concept/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/umbraco/delivery/api/v2/content/item/zo-veranderen-wij/concept/", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/umbraco/delivery/api/v2/content/item/zo-veranderen-wij/concept/", "geraden")).StatusCode);

        var preview = await GetAsync("/umbraco/delivery/api/v2/content/item/zo-veranderen-wij/concept/", ApiKey);

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Null(preview.Headers.ETag);
        var item = JsonDocument.Parse(await preview.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Nog niet gepubliceerd.", item.GetProperty("properties").GetProperty("text").GetString());
        var all = await (await GetAsync("/umbraco/delivery/api/v2/content?take=1000", ApiKey)).Content.ReadAsStringAsync();
        Assert.DoesNotContain("ownerEmail", all);
    }

    public void Dispose() => _site.Dispose();
}

public class DeliveryApiReferenceTests(SqliteSiteFixture fixture) : IClassFixture<SqliteSiteFixture>
{
    [Fact]
    public async Task The_openapi_document_describes_exactly_the_delivery_api()
    {
        using var client = fixture.Site.CreateHttpClient();

        var document = JsonDocument.Parse(await client.GetStringAsync("/umbraco/delivery/api/v2/openapi.json")).RootElement;

        Assert.StartsWith("3.", document.GetProperty("openapi").GetString());
        Assert.Equal(
            ["/umbraco/delivery/api/v2/content", "/umbraco/delivery/api/v2/content/item/{id}", "/umbraco/delivery/api/v2/content/item/{path}", "/umbraco/delivery/api/v2/content/items",
             "/umbraco/delivery/api/v2/media", "/umbraco/delivery/api/v2/media/item/{id}", "/umbraco/delivery/api/v2/media/item/{path}", "/umbraco/delivery/api/v2/media/items"],
            document.GetProperty("paths").EnumerateObject().Select(p => p.Name).Order());
        var query = document.GetProperty("paths").GetProperty("/umbraco/delivery/api/v2/content").GetProperty("get").GetProperty("parameters");
        Assert.Superset(new HashSet<string?> { "fetch", "filter", "sort", "skip", "take", "expand", "fields" },
            query.EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToHashSet());
    }

    [Fact]
    public async Task The_reference_page_explains_the_api_in_dutch_and_links_the_document()
    {
        using var client = fixture.Site.CreateHttpClient();

        var page = await Html.ParseAsync(await client.GetAsync("/umbraco/delivery/api/v2/"));

        Assert.Equal("nl", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Content Delivery API", page.QuerySelector("h1")!.TextContent);
        Assert.NotNull(page.QuerySelector("a[href='/umbraco/delivery/api/v2/openapi.json']"));
    }
}
