using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Forms;

namespace PubliekeVeranderaars.Core.Tests.Forms;

public class FormMagicStringsTests
{
    private static readonly PublishedContent Page = new()
    {
        Key = Guid.NewGuid(), ParentKey = null, ContentTypeAlias = "initiative", Name = "Buurtlab", UrlSegment = "buurtlab",
        Route = "/initiatieven/buurtlab/", Level = 2, SortOrder = 0, CreateDate = DateTime.UnixEpoch, UpdateDate = DateTime.UnixEpoch,
        Properties = new Dictionary<string, PublishedProperty>
        {
            ["ownerEmail"] = new("ownerEmail", "Umbraco.EmailAddress", "eigenaar@example.org", true),
        },
    };

    [Fact]
    public void Replace_fills_field_values_page_properties_and_the_page_itself()
    {
        var values = new List<FormEntryValue> { new("name", "Jan"), new("email", "jan@example.org") };

        var result = FormMagicStrings.Replace("{name} <{EMAIL}> aan [#ownerEmail] over [#pageName] op [#pageUrl]", values, Page, "https://site.nl");

        Assert.Equal("Jan <jan@example.org> aan eigenaar@example.org over Buurtlab op https://site.nl/initiatieven/buurtlab/", result);
    }

    [Fact]
    public void Replace_leaves_unknown_tokens_empty() =>
        Assert.Equal("[]", FormMagicStrings.Replace("[{unknown}[#missing]]", [], Page));
}
