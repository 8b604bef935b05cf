using System.Text.Json.Nodes;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Storage;
using PubliekeVeranderaars.Web.Tests.Content;

namespace PubliekeVeranderaars.Web.Tests.Delivery;

/// <summary>
/// Real exports of other Umbraco sites, imported and read through the Delivery API, come out in Umbraco's output
/// shapes (issue 16): no block list, block grid, nested content, picker or link value is served in its storage form.
/// </summary>
public sealed class CorpusDeliveryShapesTests
{
    /// <summary>Keys that only Umbraco's storage formats have; its output shapes never carry them.</summary>
    private static readonly string[] StorageKeys = ["layout", "contentData", "settingsData", "contentUdi", "udi", "mediaKey", "ncContentTypeAlias", "contentTypeKey"];

    private static SiteHost Import(string set) => new(DatabaseProvider.Sqlite, emptyDatabase: true,
        settings: new Dictionary<string, string?> { ["uSync:Folder"] = RepositoryPaths.CorpusSet(set) });

    private static async Task<JsonObject> ItemAsync(HttpClient client, PublishedContent page) =>
        JsonNode.Parse(await client.GetStringAsync($"/umbraco/delivery/api/v2/content/item/{page.Key}"))!.AsObject();

    private static IEnumerable<string> StorageShapes(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (StorageKeys.Contains(key)) yield return $"{path}.{key}";
                    foreach (var found in StorageShapes(value, $"{path}.{key}")) yield return found;
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                    foreach (var found in StorageShapes(array[i], $"{path}[{i}]")) yield return found;
                break;
            case JsonValue value when value.TryGetValue<string>(out var text) && text.TrimStart().StartsWith('{') && text.Contains("\"contentData\""):
                yield return $"{path} (block JSON as text)";
                break;
        }
    }

    private static bool IsBuiltIn(string editor) =>
        editor.StartsWith("Umbraco.", StringComparison.Ordinal) && !editor.StartsWith("Umbraco.Community.", StringComparison.Ordinal) && editor != "Umbraco.Grid";

    [Theory]
    [MemberData(nameof(CorpusPagesTests.CorpusSets), MemberType = typeof(CorpusPagesTests))]
    public async Task No_built_in_editor_is_served_in_its_storage_shape(string set)
    {
        using var site = Import(set);
        using var client = site.CreateHttpClient();
        await client.GetAsync("/");
        var types = site.GetService<PublishedContentCache>().Current.Types;
        var failures = new List<string>();
        foreach (var page in site.GetService<PublishedContentCache>().Current.All)
        {
            var properties = (await ItemAsync(client, page))["properties"]!.AsObject();
            var editors = types.TryGetValue(page.ContentTypeAlias, out var type)
                ? type.AllProperties(types).ToDictionary(p => p.Alias, p => p.EditorAlias) : [];
            foreach (var (alias, value) in properties)
            {
                // A package's own editor (Contentment's, UmbNav's) is served as it is stored: Umbraco does the same without the
                // package. So is the legacy grid, which Umbraco's Delivery API does not support either.
                if (!editors.TryGetValue(alias, out var editor) || !IsBuiltIn(editor)) continue;
                failures.AddRange(StorageShapes(value, $"{page.Route} {alias} ({editor})"));
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    [Fact]
    public async Task A_block_grid_of_a_real_umbraco_13_site_has_its_areas_named()
    {
        using var site = Import("rickbutterfield__Umbraco.Community.BlockPreview/v9");
        using var client = site.CreateHttpClient();
        await client.GetAsync("/");
        var home = site.GetService<PublishedContentCache>().Current.All.First(p => p.Properties.Values.Any(v => v.EditorAlias == EditorAliases.BlockGrid && v.Value.Length > 0));
        var grid = (await ItemAsync(client, home))["properties"]!.AsObject()
            .Select(p => p.Value).OfType<JsonObject>().First(v => v.ContainsKey("gridColumns"));

        Assert.Equal(12, (int)grid["gridColumns"]!);
        var areas = grid["items"]!.AsArray().SelectMany(i => i!["areas"]!.AsArray()).ToList();
        Assert.NotEmpty(areas);
        // The aliases its data type gives the areas (left, right, center, leftArea, ...), never an empty name.
        Assert.All(areas, a => Assert.False(string.IsNullOrEmpty((string?)a!["alias"])));
        Assert.Contains(areas, a => (string?)a!["alias"] == "left");
        Assert.Contains(areas, a => a!["items"]!.AsArray().Any(i => i!["content"]!["contentType"] is not null));
    }
}
