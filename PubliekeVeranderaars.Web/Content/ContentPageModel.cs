using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Web.Forms;

namespace PubliekeVeranderaars.Web.Content;

/// <summary>What every content view gets: the page, and the published tree around it for navigation.</summary>
public class ContentPageModel(PublishedContent content, PublishedSnapshot snapshot)
{
    public const string HideFromNavigationAlias = "umbracoNaviHide";
    private const string UdiDocumentPrefix = "umb://document/";

    public PublishedContent Content { get; } = content;
    /// <summary>The form the page hosts through a form picker, if any.</summary>
    public FormViewModel? Form { get; init; }
    public PublishedSnapshot Snapshot { get; } = snapshot;

    public virtual string Title => Content.GetString("title") is { Length: > 0 } title ? title : Content.Name;
    public virtual string MetaDescription => Content.GetString("metaDescription");

    public IReadOnlyList<PublishedContent> Breadcrumbs => Snapshot.Ancestors(Content);

    /// <summary>Home and its children that are not hidden from navigation, in tree order.</summary>
    public IReadOnlyList<PublishedContent> MainNavigation => Snapshot.Home is { } home
        ? [home, .. Snapshot.Children(home.Key).Where(c => !c.GetBool(HideFromNavigationAlias))]
        : [];

    /// <summary>Pages hidden from the main menu (privacy) still belong in the footer.</summary>
    public IReadOnlyList<PublishedContent> FooterNavigation => Snapshot.Home is { } home
        ? Snapshot.Children(home.Key).Where(c => c.GetBool(HideFromNavigationAlias)).ToList()
        : [];

    public IReadOnlyList<PublishedContent> Children => Snapshot.Children(Content.Key);

    public bool IsCurrentOrAncestor(PublishedContent item) =>
        item.Key == Content.Key || (item.Route != "/" && Content.Route.StartsWith(item.Route, StringComparison.OrdinalIgnoreCase));

    /// <summary>Resolves a content picker value (a UDI such as umb://document/…) to a published page.</summary>
    public PublishedContent? Picked(string alias) => Resolve(Content.GetString(alias), Snapshot);

    public static PublishedContent? Resolve(string udi, PublishedSnapshot snapshot) =>
        udi.StartsWith(UdiDocumentPrefix, StringComparison.OrdinalIgnoreCase)
        && Guid.TryParseExact(udi[UdiDocumentPrefix.Length..], "N", out var key)
            ? snapshot.ByKey(key)
            : Guid.TryParse(udi, out var plain) ? snapshot.ByKey(plain) : null;

    /// <summary>
    /// A page that is not in the content tree (404, the signature links) but shows in the site's layout, under
    /// <paramref name="parent"/> in the breadcrumbs.
    /// </summary>
    public static PublishedContent VirtualPage(string name, string route, PublishedContent? parent, PublishedSnapshot snapshot) => new()
    {
        Key = Guid.Empty, ParentKey = parent?.Key ?? snapshot.Home?.Key, ContentTypeAlias = "virtual", Name = name,
        UrlSegment = "", Route = route, Level = (parent?.Level ?? 1) + 1, SortOrder = 0, CreateDate = snapshot.BuiltUtc,
        UpdateDate = snapshot.BuiltUtc, Properties = new Dictionary<string, PublishedProperty>(),
    };

    public PublishedContent? FirstOfType(string contentTypeAlias) =>
        Snapshot.All.Where(c => c.ContentTypeAlias == contentTypeAlias).OrderBy(c => c.Level).FirstOrDefault();
}
