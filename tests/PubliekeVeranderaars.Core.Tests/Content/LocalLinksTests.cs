using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Core.Tests.Content;

public class LocalLinksTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Home = Guid.NewGuid(), Target = Guid.NewGuid(), Linking = Guid.NewGuid(), Gone = Guid.NewGuid();

    private static readonly Dictionary<string, DocumentType> Types = new()
    {
        ["contentPage"] = new DocumentType
        {
            Alias = "contentPage", Properties = [new DocumentTypeProperty { Alias = "body", EditorAlias = EditorAliases.RichText }],
        },
    };

    private static PublishedSource Page(Guid key, Guid? parent, string segment, string body = "") =>
        new(new ContentNode { Key = key, ParentKey = parent, UrlSegment = segment, ContentTypeAlias = "contentPage", Name = segment },
            new ContentVersion { Id = key.GetHashCode(), NodeKey = key, Name = segment, Values = [new ContentPropertyValue("body", null, body)] });

    private static string Body(string segment) =>
        $"<p><a type=\"document\" href=\"/{{localLink:{Target}}}\" title=\"Doel\">nieuw</a> " +
        $"<a href=\"/{{localLink:umb://document/{Target:N}}}\">oud</a> <a href=\"/{{localLink:{Gone}}}\">weg</a></p>";

    [Fact]
    public void A_link_to_a_page_by_key_shows_its_current_address_and_survives_a_rename()
    {
        var memo = new RichTextSanitizeMemo(new RichTextSanitizer());
        PublishedSnapshot Build(string targetSegment) => PublishedSnapshot.Build(
            [Page(Home, null, "home"), Page(Target, Home, targetSegment), Page(Linking, Home, "verwijzer", Body(targetSegment))], Types,
            (version, alias, editor, stored) => memo.Sanitize(version, alias, editor, stored), Now, 1);

        var before = Build("doel").ByKey(Linking)!.GetHtml("body");
        var after = Build("nieuwe-naam").ByKey(Linking)!.GetHtml("body");

        // Each resolved link names its start item, as Umbraco's Delivery API writes it; a link to nothing does not.
        var startItem = $" data-start-item-path=\"home\" data-start-item-id=\"{Home}\"";
        Assert.Contains($"href=\"/doel/\"{startItem} title=\"Doel\">nieuw</a>", before);
        Assert.Contains($"href=\"/doel/\"{startItem}>oud</a>", before);
        Assert.Contains($"href=\"{LocalLinks.Unpublished}\">weg</a>", before);
        Assert.Contains($"href=\"/nieuwe-naam/\"{startItem} title=\"Doel\">nieuw</a>", after);
        Assert.DoesNotContain("localLink", after);
    }

    [Fact]
    public void The_sanitiser_keeps_umbracos_local_links_as_they_are_stored()
    {
        var markup = $"<p><a type=\"document\" href=\"/{{localLink:{Target}}}\" title=\"Doel\">x</a></p>";

        Assert.Equal(markup, new RichTextSanitizer().Sanitize(markup));
    }

    /// <summary>
    /// Every way Umbraco has stored a page link: with and without the leading slash (8–13 wrote none), "locallink" in
    /// lower case (7 and 8), the braces percent-encoded (after a trip through a URL field). Each is kept as stored and
    /// shown as the page's address.
    /// </summary>
    [Theory]
    [InlineData("{localLink:umb://document/KEY}")]
    [InlineData("/{localLink:umb://document/KEY}")]
    [InlineData("{locallink:umb://document/KEY}")]
    [InlineData("/%7BlocalLink:umb://document/KEY%7D")]
    [InlineData("{localLink:GUID}")]
    public void Every_stored_form_of_a_page_link_is_kept_and_followed(string stored)
    {
        var href = stored.Replace("KEY", Target.ToString("N")).Replace("GUID", Target.ToString("D"));
        var markup = $"<p><a href=\"{href}\">x</a></p>";

        Assert.Equal(markup, new RichTextSanitizer().Sanitize(markup));
        Assert.Equal([Target], LocalLinks.Keys(markup));
        Assert.Equal("<p><a href=\"/doel/\">x</a></p>", LocalLinks.Resolve(markup, key => key == Target ? "/doel/" : null));
    }
}
