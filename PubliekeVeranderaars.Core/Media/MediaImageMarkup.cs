using System.Globalization;
using System.Net;

namespace PubliekeVeranderaars.Core.Media;

/// <summary>
/// The <c>&lt;img&gt;</c> of a library image as every page renders it: a <c>srcset</c> of the widths the image has, the
/// <c>sizes</c> the layout gives it, width and height so the page does not jump while it loads, and its alt text
/// (empty for a decorative image, so screen readers pass it by).
/// </summary>
public static class MediaImageMarkup
{
    /// <summary>The width the <c>src</c> asks for, for browsers that ignore <c>srcset</c>.</summary>
    private const int FallbackWidth = 800;

    /// <param name="sizes">The layout's <c>sizes</c>, e.g. <c>(min-width: 48em) 45rem, 100vw</c>.</param>
    /// <param name="proportion">Width / height of a crop around the focal point, or null for the whole image.</param>
    public static string Img(MediaItem item, string sizes, double? proportion = null, string? cssClass = null, bool eager = false)
    {
        if (item.Src is null) return "";
        var alt = item.IsDecorative ? "" : item.AltText;
        var attributes = (cssClass is null ? "" : $" class=\"{Encode(cssClass)}\"") + (eager ? " fetchpriority=\"high\"" : " loading=\"lazy\"") + " decoding=\"async\"";
        // A size the library does not know (an import without umbracoWidth) allows no variants: the file as it is.
        if (item.Width is not { } width || item.Height is not { } height || width <= 0 || height <= 0)
            return $"<img src=\"{Encode(item.Src)}\" alt=\"{Encode(alt)}\"{attributes}>";
        var widths = MediaVariant.Widths.Where(w => w < width).Append(width).Distinct().ToList();
        var snapped = proportion is { } p ? MediaVariant.SnapProportion(p) : (double?)null;
        var fallback = MediaVariant.SnapWidth(FallbackWidth, width);
        var shownHeight = snapped is { } s ? (int)Math.Round(fallback / s) : (int)Math.Round((double)height * fallback / width);
        var srcset = string.Join(", ", widths.Select(w => $"{Url(item, w, snapped)} {w.ToString(CultureInfo.InvariantCulture)}w"));
        return $"<img src=\"{Encode(Url(item, fallback, snapped))}\" srcset=\"{Encode(srcset)}\" sizes=\"{Encode(sizes)}\" "
            + $"width=\"{fallback.ToString(CultureInfo.InvariantCulture)}\" height=\"{shownHeight.ToString(CultureInfo.InvariantCulture)}\" alt=\"{Encode(alt)}\""
            + attributes + ">";
    }

    /// <summary>
    /// The address of one variant. A crop carries the focal point (<c>rxy</c>, as Umbraco's crop URLs do) so that
    /// moving the focal point gives a new address, never a stale cached crop.
    /// </summary>
    public static string Url(MediaItem item, int width, double? proportion = null)
    {
        var url = $"{item.Src}?width={width.ToString(CultureInfo.InvariantCulture)}";
        if (proportion is not { } p) return url;
        var focus = item.FocalPoint;
        return string.Create(CultureInfo.InvariantCulture, $"{url}&height={(int)Math.Round(width / p)}&rxy={focus.Left:0.##},{focus.Top:0.##}");
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
