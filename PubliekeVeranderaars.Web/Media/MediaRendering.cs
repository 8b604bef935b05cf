using Microsoft.AspNetCore.Html;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Media;
using PubliekeVeranderaars.Core.Mail;

namespace PubliekeVeranderaars.Web.Media;

/// <summary>
/// Library images on public pages, from the page's published snapshot: a picker's stored value becomes a responsive
/// <c>&lt;img&gt;</c>, or nothing when the item is gone, in the bin, or an image without alt text that is not marked
/// decorative (an image a screen reader cannot describe is not published).
/// </summary>
public sealed class MediaRendering(MailLinks links)
{
    /// <summary>Open Graph's recommended share image: 1200 × 630, a 1.905:1 crop around the focal point.</summary>
    public const int ShareWidth = 1200;
    public const double ShareProportion = MediaVariant.OpenGraphProportion;

    public static MediaItem? FirstImage(PublishedSnapshot snapshot, string? pickerValue) =>
        MediaPickerValue.Read(pickerValue)
            .Select(pick => snapshot.Media.GetValueOrDefault(pick.MediaKey))
            .FirstOrDefault(item => item is { IsImage: true, NeedsAltText: false });

    public IHtmlContent Image(PublishedSnapshot snapshot, string? pickerValue, string sizes, double? proportion = null, string? cssClass = null,
        bool eager = false) =>
        FirstImage(snapshot, pickerValue) is { } item ? new HtmlString(MediaImageMarkup.Img(item, sizes, proportion, cssClass, eager)) : HtmlString.Empty;

    /// <summary>
    /// The first image of the pickers as social media get it: cropped to the share proportion, as JPEG, with its size,
    /// at an absolute address on <c>Site:BaseUrl</c> (never the request's host); null without one.
    /// </summary>
    public MediaShareImage? ShareImage(PublishedSnapshot snapshot, params string?[] pickerValues)
    {
        var item = pickerValues.Select(value => FirstImage(snapshot, value)).FirstOrDefault(i => i is not null);
        if (item is null) return null;
        var width = MediaVariant.SnapWidth(ShareWidth, item.Width ?? ShareWidth);
        var height = (int)Math.Round(width / MediaVariant.SnapProportion(ShareProportion));
        return new MediaShareImage(links.To(MediaImageMarkup.Url(item, width, ShareProportion) + "&format=jpg"), width, height);
    }
}

/// <summary>An image for <c>og:image</c>, with the size it is served at (a smaller original is not enlarged).</summary>
public sealed record MediaShareImage(string Url, int Width, int Height);
