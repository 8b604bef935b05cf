using AngleSharp.Html.Parser;

namespace PubliekeVeranderaars.Core.Media;

/// <summary>
/// Images in rich text as Umbraco stores them (<c>&lt;img src="/media/…" data-udi="umb://media/…"&gt;</c>), brought up
/// to date when a snapshot is built: the library item's current address, a <c>srcset</c>, width and height, lazy
/// loading, and the library's alt text where the image has no alt attribute. An image whose item is gone or in the bin is left out
/// rather than shown broken. Runs on sanitised markup, so everything it adds is its own.
/// </summary>
public static class RichTextImages
{
    /// <summary>Rich text sits in the content column; on a phone it is the screen's width.</summary>
    public const string Sizes = "(min-width: 50em) 46rem, calc(100vw - 2rem)";
    private const string UdiAttribute = "data-udi";

    public static bool Contains(string markup) => markup.Contains(MediaUdi.Prefix, StringComparison.OrdinalIgnoreCase);

    /// <param name="mediaBySrc">
    /// The library's items by address, for images that name only their address (older exports, pasted markup):
    /// those get the same treatment when the address is a library item's; otherwise they are left as they are.
    /// </param>
    public static string Resolve(string markup, Func<Guid, MediaItem?> mediaOf, Func<string, MediaItem?>? mediaBySrc = null)
    {
        var bySrc = mediaBySrc is not null && markup.Contains(MediaPaths.Prefix, StringComparison.Ordinal);
        if (!Contains(markup) && !bySrc) return markup;
        var parser = new HtmlParser();
        var document = parser.ParseDocument("<body></body>");
        var body = document.Body!;
        body.InnerHtml = markup;
        var changed = false;
        foreach (var img in body.QuerySelectorAll("img").ToList())
        {
            MediaItem? item;
            if (img.HasAttribute(UdiAttribute))
            {
                if (MediaUdi.Parse(img.GetAttribute(UdiAttribute)) is not { } key) continue;
                item = mediaOf(key);
                if (item is not { IsImage: true, Src: not null })
                {
                    changed = true;
                    img.Remove();
                    continue;
                }
            }
            else if (bySrc && img.GetAttribute("src") is { } src && mediaBySrc!(src.Split('?')[0]) is { IsImage: true, Src: not null } found)
            {
                item = found;
            }
            else continue;
            changed = true;
            // The editor's alt for this place, even an empty one (marked decorative here); without one, the library's.
            var alt = img.GetAttribute("alt") ?? (item.IsDecorative ? "" : item.AltText);
            // An image whose size the library does not know (an import without umbracoWidth) cannot get variants: it is
            // shown at its own address.
            var rendered = parser.ParseFragment(MediaImageMarkup.Img(item, Sizes), body).OfType<AngleSharp.Dom.IElement>().FirstOrDefault();
            if (rendered is null) img.SetAttribute("src", item.Src);
            else foreach (var attribute in rendered.Attributes) img.SetAttribute(attribute.Name, attribute.Value);
            img.SetAttribute("alt", alt);
        }
        return changed ? body.InnerHtml : markup;
    }
}
