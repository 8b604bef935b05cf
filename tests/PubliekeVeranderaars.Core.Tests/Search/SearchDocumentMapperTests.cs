using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Search;

namespace PubliekeVeranderaars.Core.Tests.Search;

public class SearchDocumentMapperTests
{
    private static PublishedContent Page(params PublishedProperty[] properties) => new()
    {
        Key = Guid.NewGuid(), ParentKey = null, ContentTypeAlias = "initiative", Name = "Buurtlab", UrlSegment = "buurtlab",
        Route = "/initiatieven/buurtlab/", Level = 2, SortOrder = 0, CreateDate = DateTime.UnixEpoch, UpdateDate = DateTime.UnixEpoch,
        Properties = properties.ToDictionary(p => p.Alias),
    };

    [Fact]
    public void Rich_text_becomes_plain_text_with_blocks_kept_apart()
    {
        var text = SearchDocumentMapper.TextOf("<h2>Samen</h2><p>Eén <strong>lijn</strong> &amp; meer</p><ul><li>a</li><li>b</li></ul>");

        Assert.Equal("Samen\nEén lijn & meer\na\nb", text);
    }

    [Fact]
    public void Sensitive_and_non_text_properties_stay_out()
    {
        var document = SearchDocumentMapper.From(Page(
            new PublishedProperty("summary", EditorAliases.TextArea, "Een lab in de buurt", IsSensitive: false),
            new PublishedProperty("ownerEmail", EditorAliases.EmailAddress, "eigenaar@example.nl", IsSensitive: true),
            // An e-mail address in a type that forgot to mark it sensitive is still no text to search.
            new PublishedProperty("contact", EditorAliases.EmailAddress, "contact@example.nl", IsSensitive: false),
            new PublishedProperty("notes", EditorAliases.TextArea, "geheime notitie", IsSensitive: true),
            new PublishedProperty("joinForm", EditorAliases.FormPicker, "3f2504e0-4f89-11d3-9a0c-0305e82c3301", IsSensitive: false)));

        Assert.Equal("Een lab in de buurt", document.Body);
        Assert.DoesNotContain("example.nl", document.Body + document.Name);
        Assert.DoesNotContain("geheime", document.Body);
    }

    [Fact]
    public void The_title_joins_the_name_and_lists_become_lines()
    {
        var document = SearchDocumentMapper.From(Page(
            new PublishedProperty("title", EditorAliases.TextBox, "Buurtlab Utrecht", IsSensitive: false),
            new PublishedProperty("bullets", EditorAliases.MultipleTextstring, "[\"een\",\"twee\"]", IsSensitive: false)));

        Assert.Equal("Buurtlab — Buurtlab Utrecht", document.Name);
        Assert.Equal("een\ntwee", document.Body);
    }

    [Fact]
    public void The_stamp_changes_with_text_and_address_only()
    {
        var summary = new PublishedProperty("summary", EditorAliases.TextArea, "Een lab", IsSensitive: false);
        var page = Page(summary);
        var same = SearchDocumentMapper.From(page).Stamp;

        Assert.Equal(same, SearchDocumentMapper.From(page).Stamp);
        Assert.NotEqual(same, SearchDocumentMapper.From(Page(summary with { Value = "Een ander lab" })).Stamp);
        var moved = new PublishedContent
        {
            Key = page.Key, ParentKey = null, ContentTypeAlias = page.ContentTypeAlias, Name = page.Name, UrlSegment = page.UrlSegment,
            Route = "/elders/buurtlab/", Level = 2, SortOrder = 0, CreateDate = page.CreateDate, UpdateDate = page.UpdateDate,
            Properties = page.Properties,
        };
        Assert.NotEqual(same, SearchDocumentMapper.From(moved).Stamp);
    }
}
