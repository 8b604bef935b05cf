using System.Text.Json;
using System.Text.Json.Nodes;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Delivery;

namespace PubliekeVeranderaars.Core.Tests.Delivery;

/// <summary>
/// Block lists, block grids, nested content and link pickers come out of the Delivery API in Umbraco's output shapes
/// (issue 16), from either of Umbraco's storage formats, with each element's properties typed by its element type.
/// </summary>
public class DeliveryBlockMapperTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly Guid FeatureType = Guid.Parse("11111111-1111-1111-1111-111111111111");
    private static readonly Guid SettingsType = Guid.Parse("22222222-2222-2222-2222-222222222222");
    private static readonly Guid GridDataType = Guid.Parse("33333333-3333-3333-3333-333333333333");
    private static readonly Guid NestedSingleDataType = Guid.Parse("44444444-4444-4444-4444-444444444444");
    private static readonly Guid LeftArea = Guid.Parse("55555555-5555-5555-5555-555555555555");
    private static readonly Guid Home = Guid.Parse("66666666-6666-6666-6666-666666666666");
    private static readonly Guid About = Guid.Parse("77777777-7777-7777-7777-777777777777");
    private static readonly Guid Draft = Guid.Parse("88888888-8888-8888-8888-888888888888");
    private static readonly Guid ElementA = Guid.Parse("aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa");
    private static readonly Guid ElementB = Guid.Parse("bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb");
    private static readonly Guid SettingsA = Guid.Parse("cccccccc-cccc-cccc-cccc-cccccccccccc");

    private static readonly Dictionary<string, DocumentType> Types = new()
    {
        ["page"] = new DocumentType
        {
            Alias = "page",
            Properties =
            [
                new DocumentTypeProperty { Alias = "blocks", EditorAlias = EditorAliases.BlockList },
                new DocumentTypeProperty { Alias = "grid", EditorAlias = EditorAliases.BlockGrid, DataTypeKey = GridDataType },
                new DocumentTypeProperty { Alias = "nested", EditorAlias = EditorAliases.NestedContent },
                new DocumentTypeProperty { Alias = "single", EditorAlias = EditorAliases.NestedContent, DataTypeKey = NestedSingleDataType },
                new DocumentTypeProperty { Alias = "related", EditorAlias = EditorAliases.MultiNodeTreePicker },
                new DocumentTypeProperty { Alias = "links", EditorAlias = EditorAliases.MultiUrlPicker },
                new DocumentTypeProperty { Alias = "body", EditorAlias = EditorAliases.RichText },
            ],
        },
        ["feature"] = new DocumentType
        {
            Key = FeatureType,
            Alias = "feature",
            IsElement = true,
            Properties =
            [
                new DocumentTypeProperty { Alias = "title", EditorAlias = EditorAliases.TextBox },
                new DocumentTypeProperty { Alias = "highlighted", EditorAlias = EditorAliases.TrueFalse },
                new DocumentTypeProperty { Alias = "page", EditorAlias = EditorAliases.ContentPicker },
                new DocumentTypeProperty { Alias = "text", EditorAlias = EditorAliases.RichText },
                new DocumentTypeProperty { Alias = "owner", EditorAlias = EditorAliases.EmailAddress, IsSensitive = true },
            ],
        },
        ["featureSettings"] = new DocumentType
        {
            Key = SettingsType,
            Alias = "featureSettings",
            IsElement = true,
            Properties = [new DocumentTypeProperty { Alias = "dark", EditorAlias = EditorAliases.TrueFalse }],
        },
    };

    private static readonly Dictionary<Guid, DataType> DataTypes = new()
    {
        [GridDataType] = new DataType
        {
            Key = GridDataType,
            EditorAlias = EditorAliases.BlockGrid,
            // Umbraco 13's uSync writes "Blocks" and "GridColumns"; 14+ writes them in camel case.
            ConfigJson = $$"""{"GridColumns":8,"Blocks":[{"contentElementTypeKey":"{{FeatureType}}","areaGridColumns":4,"areas":[{"key":"{{LeftArea}}","alias":"left","columnSpan":2,"rowSpan":1}]}]}""",
        },
        [NestedSingleDataType] = new DataType { Key = NestedSingleDataType, EditorAlias = EditorAliases.NestedContent, ConfigJson = """{"minItems":1,"maxItems":1}""" },
    };

    private static PublishedSnapshot Snapshot(params ContentPropertyValue[] values)
    {
        PublishedSource Source(Guid key, Guid? parent, string segment, string type, ContentPropertyValue[] v) =>
            new(new ContentNode { Key = key, ParentKey = parent, UrlSegment = segment, ContentTypeAlias = type, Name = segment },
                new ContentVersion { NodeKey = key, Name = segment, Values = [.. v] });
        return PublishedSnapshot.Build([Source(Home, null, "home", "page", values), Source(About, Home, "over-ons", "page", [])],
            Types, new RichTextSanitizer(), Now, generation: 1, dataTypes: DataTypes);
    }

    private static JsonNode? Output(string alias, string stored, string? expand = null)
    {
        var snapshot = Snapshot(new ContentPropertyValue(alias, null, stored));
        var item = snapshot.ByKey(Home)!.AsDeliveryItem(snapshot, expand is null ? null : DeliveryPropertySelection.Parse(expand, "expand").Selection);
        return item["properties"]![alias];
    }

    private static string Udi(Guid key) => "umb://element/" + key.ToString("N");

    [Fact]
    public void A_block_list_of_umbraco_13_comes_out_as_items_of_typed_elements_with_settings()
    {
        var stored = $$"""
            {"layout":{"Umbraco.BlockList":[{"contentUdi":"{{Udi(ElementA)}}","settingsUdi":"{{Udi(SettingsA)}}"},{"contentUdi":"{{Udi(ElementB)}}"}]},
             "contentData":[{"contentTypeKey":"{{FeatureType}}","udi":"{{Udi(ElementA)}}","title":"Eerste","highlighted":"1","page":"umb://document/{{About:N}}","owner":"a@example.org"},
                            {"contentTypeKey":"{{FeatureType}}","udi":"{{Udi(ElementB)}}","title":"Tweede"}],
             "settingsData":[{"contentTypeKey":"{{SettingsType}}","udi":"{{Udi(SettingsA)}}","dark":"0"}]}
            """;

        var output = Output("blocks", stored)!;

        Assert.Null(output["layout"]);
        Assert.Null(output["contentData"]);
        var items = output["items"]!.AsArray();
        Assert.Equal(2, items.Count);
        var first = items[0]!["content"]!;
        Assert.Equal("feature", (string?)first["contentType"]);
        Assert.Equal(ElementA.ToString(), (string?)first["id"]);
        Assert.Equal("Eerste", (string?)first["properties"]!["title"]);
        Assert.True((bool)first["properties"]!["highlighted"]!);
        Assert.Equal("/over-ons/", (string?)first["properties"]!["page"]!["route"]!["path"]);
        Assert.Null(first["properties"]!["owner"]);
        Assert.False(first["properties"]!.AsObject().ContainsKey("owner"));
        Assert.Equal("featureSettings", (string?)items[0]!["settings"]!["contentType"]);
        Assert.False((bool)items[0]!["settings"]!["properties"]!["dark"]!);
        Assert.Null(items[1]!["settings"]);
        // Every property of the element type is there, null without a value, as on a page.
        Assert.True(items[1]!["content"]!["properties"]!.AsObject().ContainsKey("highlighted"));
        Assert.Null(items[1]!["content"]!["properties"]!["highlighted"]);
    }

    [Fact]
    public void A_block_list_of_umbraco_14_and_later_comes_out_the_same()
    {
        var localLink = "/{localLink:" + About + "}";
        var stored = $$"""
            {"layout":{"Umbraco.BlockList":[{"contentKey":"{{ElementA}}","settingsKey":null}]},
             "contentData":[{"contentTypeKey":"{{FeatureType}}","key":"{{ElementA}}","values":[
                {"alias":"title","culture":null,"segment":null,"value":"Eerste"},
                {"alias":"highlighted","culture":null,"segment":null,"value":true},
                {"alias":"text","culture":null,"segment":null,"value":{"markup":"<p>Zie <a href=\"{{localLink}}\">over ons</a></p>","blocks":null} } ] } ],
             "settingsData":[],"expose":[{"contentKey":"{{ElementA}}","culture":null,"segment":null}]}
            """;

        var item = Output("blocks", stored)!["items"]![0]!;

        Assert.Equal("Eerste", (string?)item["content"]!["properties"]!["title"]);
        Assert.True((bool)item["content"]!["properties"]!["highlighted"]!);
        var markup = (string?)item["content"]!["properties"]!["text"]!["markup"];
        Assert.Contains("href=\"/over-ons/\"", markup);
        Assert.Contains($"data-start-item-id=\"{Home}\"", markup);
        Assert.Null(item["settings"]);
    }

    [Fact]
    public void A_block_whose_element_type_is_unknown_is_left_out_as_umbraco_leaves_it_out()
    {
        var stored = $$"""
            {"layout":{"Umbraco.BlockList":[{"contentKey":"{{ElementA}}"},{"contentKey":"{{ElementB}}"}]},
             "contentData":[{"contentTypeKey":"{{Guid.NewGuid()}}","key":"{{ElementA}}","values":[]},
                            {"contentTypeKey":"{{FeatureType}}","key":"{{ElementB}}","values":[{"alias":"title","value":"Blijft"}]}]}
            """;

        var items = Output("blocks", stored)!["items"]!.AsArray();

        Assert.Equal("Blijft", (string?)Assert.Single(items)!["content"]!["properties"]!["title"]);
    }

    [Theory]
    [InlineData("""{"layout":{"Umbraco.BlockList":[]},"layout":{}}""")]
    [InlineData("""{"layout":{"Umbraco.BlockList":[{"contentKey":"aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa"}]},"contentData":[{"contentTypeKey":"11111111-1111-1111-1111-111111111111","key":"aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa","values":[{"alias":7,"value":"x"},{"alias":"title","value":{"a":1,"a":2}}]}]}""")]
    [InlineData("""{"layout":{"Umbraco.BlockList":[{"contentUdi":["niet","een","udi"]}]}}""")]
    public void A_broken_block_value_never_fails_the_item(string stored)
    {
        var exception = Record.Exception(() => Output("blocks", stored)?.ToJsonString());

        Assert.Null(exception);
    }

    [Fact]
    public void A_block_grid_names_its_columns_and_areas_by_its_data_type()
    {
        var stored = $$"""
            {"layout":{"Umbraco.BlockGrid":[{"contentUdi":"{{Udi(ElementA)}}","columnSpan":8,"rowSpan":1,
                "areas":[{"key":"{{LeftArea}}","items":[{"contentUdi":"{{Udi(ElementB)}}","columnSpan":2,"rowSpan":1,"areas":[]}]}]}]},
             "contentData":[{"contentTypeKey":"{{FeatureType}}","udi":"{{Udi(ElementA)}}","title":"Rij"},
                            {"contentTypeKey":"{{FeatureType}}","udi":"{{Udi(ElementB)}}","title":"In het linkervak"}],
             "settingsData":[]}
            """;

        var output = Output("grid", stored)!;

        Assert.Equal(8, (int)output["gridColumns"]!);
        var row = output["items"]![0]!;
        Assert.Equal(8, (int)row["columnSpan"]!);
        Assert.Equal(1, (int)row["rowSpan"]!);
        Assert.Equal(4, (int)row["areaGridColumns"]!);
        Assert.Equal("Rij", (string?)row["content"]!["properties"]!["title"]);
        var area = row["areas"]![0]!;
        Assert.Equal("left", (string?)area["alias"]);
        Assert.Equal(2, (int)area["columnSpan"]!);
        Assert.Equal("In het linkervak", (string?)area["items"]![0]!["content"]!["properties"]!["title"]);
    }

    [Fact]
    public void Nested_content_is_a_list_of_elements_or_one_element_when_exactly_one_is_allowed()
    {
        var stored = $$"""[{"key":"{{ElementA}}","name":"Item 1","ncContentTypeAlias":"feature","title":"Genest","highlighted":"1"}]""";

        var list = Output("nested", stored)!.AsArray();
        var single = Output("single", stored)!;

        Assert.Equal("feature", (string?)list[0]!["contentType"]);
        Assert.Equal(ElementA.ToString(), (string?)list[0]!["id"]);
        Assert.Equal("Genest", (string?)list[0]!["properties"]!["title"]);
        Assert.True((bool)list[0]!["properties"]!["highlighted"]!);
        Assert.Equal("Genest", (string?)single["properties"]!["title"]);
    }

    [Theory]
    [InlineData("umb://document/{0:N},umb://document/{1:N}")]
    [InlineData("[\"umb://document/{0:N}\",\"umb://document/{1:N}\"]")]
    public void A_multi_node_tree_picker_is_a_list_of_published_items_and_expands_when_asked(string format)
    {
        var stored = string.Format(format, About, Draft);

        var references = Output("related", stored)!.AsArray();
        var expanded = Output("related", stored, "properties[related]")!.AsArray();

        var about = Assert.Single(references)!;
        Assert.Equal("/over-ons/", (string?)about["route"]!["path"]);
        Assert.Empty(about["properties"]!.AsObject());
        Assert.True(Assert.Single(expanded)!["properties"]!.AsObject().ContainsKey("links"));
    }

    [Fact]
    public void A_multi_url_picker_of_umbraco_13_gives_umbracos_links()
    {
        var stored = $$"""
            [{"name":"Over ons","target":null,"udi":"umb://document/{{About:N}}","url":null,"queryString":"?tab=team"},
             {"name":"Verdwenen","udi":"umb://document/{{Draft:N}}"},
             {"name":"Rijksoverheid","target":"_blank","udi":null,"url":"https://www.rijksoverheid.nl/"}]
            """;

        var links = Output("links", stored)!.AsArray();

        Assert.Equal(2, links.Count);
        Assert.Equal("Content", (string?)links[0]!["linkType"]);
        Assert.Equal("Over ons", (string?)links[0]!["title"]);
        Assert.Equal(About.ToString(), (string?)links[0]!["destinationId"]);
        Assert.Equal("page", (string?)links[0]!["destinationType"]);
        Assert.Equal("/over-ons/", (string?)links[0]!["route"]!["path"]);
        Assert.Equal("?tab=team", (string?)links[0]!["queryString"]);
        Assert.Null(links[0]!["url"]);
        Assert.Equal("External", (string?)links[1]!["linkType"]);
        Assert.Equal("https://www.rijksoverheid.nl/", (string?)links[1]!["url"]);
        Assert.Equal("_blank", (string?)links[1]!["target"]);
        Assert.Null(links[1]!["route"]);
        Assert.True(links[1]!.AsObject().ContainsKey("destinationId"));
    }

    [Fact]
    public void A_multi_url_picker_of_umbraco_14_and_later_gives_the_same_links()
    {
        var stored = $$"""
            [{"icon":"icon-document","name":"","target":"","type":"document","unique":"{{About}}","url":"/over-ons/","queryString":""},
             {"icon":"icon-link","name":"Rijksoverheid","target":"","type":"external","unique":null,"url":"https://www.rijksoverheid.nl/","queryString":""}]
            """;

        var links = Output("links", stored)!.AsArray();

        Assert.Equal("Content", (string?)links[0]!["linkType"]);
        Assert.Equal("over-ons", (string?)links[0]!["title"]);
        Assert.Null(links[0]!["queryString"]);
        Assert.Null(links[0]!["target"]);
        Assert.Equal("External", (string?)links[1]!["linkType"]);
    }

    /// <summary>Rich text inside a block in every form Umbraco stores it, with its markup escaped so no "&lt;" shows.</summary>
    public static TheoryData<string> HostileBlockTexts()
    {
        const string hostile = "<p>Hallo</p><img src=x onerror=alert(1)><script>alert(2)</script>";
        var json = System.Text.Json.JsonSerializer.Serialize(new { markup = hostile, blocks = (object?)null });
        // Umbraco 14+ keeps the rich text's own JSON as a string inside the element's value ("\u003cscript\u003e").
        var asString = System.Text.Json.JsonSerializer.Serialize(json);
        return
        [
            $$"""{"layout":{"Umbraco.BlockList":[{"contentKey":"{{ElementA}}"}]},"contentData":[{"contentTypeKey":"{{FeatureType}}","key":"{{ElementA}}","values":[{"alias":"text","value":{{json}}}]}]}""",
            $$"""{"layout":{"Umbraco.BlockList":[{"contentKey":"{{ElementA}}"}]},"contentData":[{"contentTypeKey":"{{FeatureType}}","key":"{{ElementA}}","values":[{"alias":"text","value":{{asString}}}]}]}""",
            $$"""{"layout":{"Umbraco.BlockList":[{"contentUdi":"{{Udi(ElementA)}}"}]},"contentData":[{"contentTypeKey":"{{FeatureType}}","udi":"{{Udi(ElementA)}}","text":{{asString}}}]}""",
            // The whole block list itself stored as a JSON string.
            System.Text.Json.JsonSerializer.Serialize(
                $$"""{"layout":{"Umbraco.BlockList":[{"contentKey":"{{ElementA}}"}]},"contentData":[{"contentTypeKey":"{{FeatureType}}","key":"{{ElementA}}","values":[{"alias":"text","value":{{asString}}}]}]}"""),
        ];
    }

    [Theory]
    [MemberData(nameof(HostileBlockTexts))]
    public void Rich_text_inside_a_block_comes_out_of_the_delivery_api_clean_in_whatever_form_it_was_stored(string stored)
    {
        var output = Output("blocks", stored)?.ToJsonString() ?? "";
        var page = Snapshot(new ContentPropertyValue("blocks", null, stored)).ByKey(Home)!.GetString("blocks");

        foreach (var text in new[] { output, page, System.Text.RegularExpressions.Regex.Unescape(output), System.Text.RegularExpressions.Regex.Unescape(page) })
        {
            Assert.DoesNotContain("<script", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("onerror", text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Blocks_in_rich_text_of_umbraco_15_and_later_come_out_as_umbraco_writes_them()
    {
        var stored = JsonSerializer.Serialize(new
        {
            markup = $"<p>Voor</p><umb-rte-block data-content-key=\"{ElementA}\"><!--Umbraco-Block--></umb-rte-block>" +
                     $"<p>Met <umb-rte-block-inline data-content-key=\"{ElementB}\"><!--Umbraco-Block--></umb-rte-block-inline> erin</p>",
            blocks = JsonNode.Parse($$"""
                {"contentData":[{"contentTypeKey":"{{FeatureType}}","key":"{{ElementA}}","values":[
                    {"editorAlias":"Umbraco.TextBox","culture":null,"segment":null,"alias":"title","value":"Uitgelicht"},
                    {"editorAlias":"Umbraco.RichText","culture":null,"segment":null,"alias":"text","value":{"markup":"<p>Binnen<script>alert(1)</script></p>","blocks":null} } ]},
                  {"contentTypeKey":"{{FeatureType}}","key":"{{ElementB}}","values":[{"alias":"title","value":"Klein"}]}],
                 "settingsData":[{"contentTypeKey":"{{SettingsType}}","key":"{{SettingsA}}","values":[{"alias":"dark","value":true}]}],
                 "expose":[{"contentKey":"{{ElementA}}","culture":null,"segment":null}],
                 "Layout":{"Umbraco.RichText":[{"contentUdi":null,"settingsUdi":null,"contentKey":"{{ElementA}}","settingsKey":"{{SettingsA}}"},
                                               {"contentKey":"{{ElementB}}","settingsKey":null}]} }
                """),
        });

        var output = Output("body", stored)!;

        Assert.Equal($"<p>Voor</p><umb-rte-block data-content-id=\"{ElementA}\"></umb-rte-block>" +
                     $"<p>Met <umb-rte-block-inline data-content-id=\"{ElementB}\"></umb-rte-block-inline> erin</p>", (string?)output["markup"]);
        var blocks = output["blocks"]!.AsArray();
        Assert.Equal(2, blocks.Count);
        Assert.Equal("feature", (string?)blocks[0]!["content"]!["contentType"]);
        Assert.Equal(ElementA.ToString(), (string?)blocks[0]!["content"]!["id"]);
        Assert.Equal("Uitgelicht", (string?)blocks[0]!["content"]!["properties"]!["title"]);
        Assert.Equal("<p>Binnen</p>", (string?)blocks[0]!["content"]!["properties"]!["text"]!["markup"]);
        Assert.Equal("featureSettings", (string?)blocks[0]!["settings"]!["contentType"]);
        Assert.True((bool)blocks[0]!["settings"]!["properties"]!["dark"]!);
        Assert.Equal("Klein", (string?)blocks[1]!["content"]!["properties"]!["title"]);
        Assert.Null(blocks[1]!["settings"]);
        // A page shows each block's texts in its place, the inline one in the sentence.
        Assert.Equal("<p>Voor</p><div><p class=\"utrecht-paragraph\">Uitgelicht</p><p>Binnen</p></div><p>Met Klein erin</p>",
            Snapshot(new ContentPropertyValue("body", null, stored)).ByKey(Home)!.GetHtml("body"));
    }

    [Fact]
    public void Blocks_in_rich_text_are_cleaned_once_per_version_and_the_next_build_reuses_them()
    {
        var stored = JsonSerializer.Serialize(new
        {
            markup = $"<umb-rte-block data-content-key=\"{ElementA}\"><!--Umbraco-Block--></umb-rte-block>",
            blocks = JsonNode.Parse($$"""
                {"contentData":[{"contentTypeKey":"{{FeatureType}}","key":"{{ElementA}}","values":[{"alias":"title","value":"Uitgelicht"}]}],
                 "Layout":{"Umbraco.RichText":[{"contentKey":"{{ElementA}}"}]} }
                """),
        });
        var sanitizer = new RichTextSanitizer();
        var cleaned = new List<string>();
        var memo = new RichTextSanitizeMemo((editor, value) =>
        {
            cleaned.Add(editor);
            return sanitizer.ForPublishing(editor, value);
        });
        var home = new PublishedSource(new ContentNode { Key = Home, UrlSegment = "home", ContentTypeAlias = "page", Name = "home" },
            new ContentVersion { Id = 1, NodeKey = Home, Name = "home", Values = [new ContentPropertyValue("body", null, stored)] });

        for (var build = 1; build <= 2; build++)
        {
            var snapshot = PublishedSnapshot.Build([home], Types, memo.Sanitize, Now, build, dataTypes: DataTypes);
            memo.BuildCompleted();
            Assert.Equal("<div><p class=\"utrecht-paragraph\">Uitgelicht</p></div>", snapshot.ByKey(Home)!.GetHtml("body"));
            Assert.Equal("Uitgelicht", (string?)snapshot.ByKey(Home)!.AsDeliveryItem(snapshot)["properties"]!["body"]!["blocks"]![0]!["content"]!["properties"]!["title"]);
        }
        // The markup and the blocks once each, in the first build (the blocks read from the stored JSON there, too);
        // the second build found both remembered.
        Assert.Equal([EditorAliases.RichText, RichTextValue.BlocksEditorAlias], cleaned);
    }

    [Fact]
    public void Blocks_in_rich_text_of_umbraco_13_come_out_the_same_and_a_block_tag_carries_nothing_else()
    {
        var stored = JsonSerializer.Serialize(new
        {
            markup = $"<umb-rte-block class=\"ng-scope ng-isolate-scope\" onclick=\"alert(1)\" data-content-udi=\"{Udi(ElementA)}\"><!--Umbraco-Block--></umb-rte-block>",
            blocks = JsonNode.Parse($$"""
                {"layout":{"Umbraco.TinyMCE":[{"contentUdi":"{{Udi(ElementA)}}","settingsUdi":null}]},
                 "contentData":[{"contentTypeKey":"{{FeatureType}}","udi":"{{Udi(ElementA)}}","title":"Oud"}],"settingsData":[]}
                """),
        });

        var output = Output("body", stored)!;

        Assert.Equal($"<umb-rte-block data-content-id=\"{ElementA}\"></umb-rte-block>", (string?)output["markup"]);
        Assert.Equal("Oud", (string?)output["blocks"]![0]!["content"]!["properties"]!["title"]);
    }

    [Fact]
    public void Rich_text_without_blocks_has_an_empty_block_list()
    {
        var output = Output("body", "<p>Alleen tekst</p>")!;

        Assert.Equal("<p>Alleen tekst</p>", (string?)output["markup"]);
        Assert.Empty(output["blocks"]!.AsArray());
    }
}
