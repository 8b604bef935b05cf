using System.Globalization;

namespace PubliekeVeranderaars.Core.Media;

public enum MediaVariantFormat
{
    Jpeg,
    Png,
    WebP,
    /// <summary>AV1 in HEIF: about half a WebP's bytes for a photo, and every current browser shows it.</summary>
    Avif,
}

/// <summary>
/// One rendering of an image: a width, optionally a height (then cropped around the focal point), a format. Asked for
/// with ImageSharp's query string as Umbraco's media URLs use it (<c>?width=800&amp;height=450&amp;format=webp</c>).
/// Sizes are snapped to a fixed set of steps and proportions, so an image has a bounded number of variants: nobody
/// can fill the disk by asking for every width from 1 to 2000.
/// </summary>
public sealed record MediaVariant(int Width, int? Height, MediaFocalPoint Focus, MediaVariantFormat Format)
{
    /// <summary>The widths a variant may have: from a thumbnail to a wide screen at twice the pixel density.</summary>
    public static readonly IReadOnlyList<int> Widths = [160, 240, 320, 480, 640, 800, 960, 1200, 1600, 2000, 2400];

    /// <summary>
    /// The proportions a cropped variant may have (width / height): square, portrait and landscape photo formats,
    /// wide screen and Open Graph's 1200 × 630 (1.905:1) that shares use.
    /// </summary>
    public static readonly IReadOnlyList<double> Proportions = [1.0, 0.75, 2.0 / 3, 0.8, 4.0 / 3, 1.5, 16.0 / 9, OpenGraphProportion, 2.0, 3.0];

    public const double OpenGraphProportion = 1200.0 / 630;

    /// <summary>The step at or above a width, never above the original: libvips does not enlarge.</summary>
    public static int SnapWidth(int requested, int originalWidth)
    {
        var step = Widths.FirstOrDefault(w => w >= requested, Widths[^1]);
        return Math.Max(1, Math.Min(step, originalWidth));
    }

    public static double SnapProportion(double requested) =>
        Proportions.MinBy(p => Math.Abs(Math.Log(p / requested)));

    /// <summary>
    /// How far a request's proportion may be from a named crop's and still be that crop: a crop asked at a smaller
    /// width has its height rounded, 1200 × 630 at 600 wide is 600 × 315, at 500 wide 500 × 262.5.
    /// </summary>
    private const double NamedCropTolerance = 0.01;

    /// <summary>
    /// A named crop's own proportion when the request is one (a front end asks for the crop's width and height, as
    /// Umbraco's Delivery API gives them), else the nearest fixed one. The site's data types define the crops, so the
    /// set of variants stays bounded.
    /// </summary>
    public static double SnapProportion(double requested, IReadOnlyCollection<double> namedCrops) =>
        namedCrops.Where(p => Math.Abs(Math.Log(p / requested)) <= NamedCropTolerance).OrderBy(p => Math.Abs(Math.Log(p / requested)))
            .Cast<double?>().FirstOrDefault() ?? SnapProportion(requested);

    /// <summary>
    /// Reads a request's query string. Null when it asks for nothing but the original. The focal point is the
    /// item's own, whatever <c>rxy</c> says: <c>rxy</c> in our links only makes the address change with it.
    /// </summary>
    /// <param name="namedCrops">The proportions of the crops the site's data types define (<see cref="MediaCrops"/>).</param>
    public static MediaVariant? FromQuery(Func<string, string?> query, string extension, int originalWidth, int originalHeight,
        MediaFocalPoint focus, string? accept, IReadOnlyCollection<double>? namedCrops = null)
    {
        var width = PositiveInt(query("width"));
        var height = PositiveInt(query("height"));
        var format = FormatFrom(query("format"));
        if (width is null && height is null && format is null) return null;
        if (originalWidth <= 0 || originalHeight <= 0) return null;

        int? croppedHeight = null;
        int snappedWidth;
        if (width is { } w && height is { } h)
        {
            var proportion = SnapProportion((double)w / h, namedCrops ?? []);
            snappedWidth = SnapWidth(w, originalWidth);
            croppedHeight = Math.Max(1, (int)Math.Round(snappedWidth / proportion));
        }
        else if (width is { } onlyWidth) snappedWidth = SnapWidth(onlyWidth, originalWidth);
        else if (height is { } onlyHeight) snappedWidth = SnapWidth((int)Math.Ceiling((double)onlyHeight * originalWidth / originalHeight), originalWidth);
        else snappedWidth = SnapWidth(originalWidth, originalWidth);

        // PNG only for images that are PNG or GIF already: a photo as PNG is many times its size, for nothing.
        if (format == MediaVariantFormat.Png && extension is not ("png" or "gif")) format = null;
        var outputHeight = croppedHeight ?? (int)Math.Ceiling((double)originalHeight * snappedWidth / originalWidth);
        return new MediaVariant(snappedWidth, croppedHeight, Round(focus), Fitting(format ?? Negotiate(extension, accept), outputHeight));
    }

    /// <summary>
    /// AV1 encodes a whole frame at once (a tall strip of 2,400 × 50,000 would take gigabytes and minutes) and WebP
    /// stops at 16,383 pixels: taller variants fall back to a format that streams.
    /// </summary>
    public const int MaxAvifHeight = 4096;
    public const int MaxWebPHeight = 16383;

    private static MediaVariantFormat Fitting(MediaVariantFormat format, int height) => format switch
    {
        MediaVariantFormat.Avif when height > MaxWebPHeight => MediaVariantFormat.Jpeg,
        MediaVariantFormat.Avif when height > MaxAvifHeight => MediaVariantFormat.WebP,
        MediaVariantFormat.WebP when height > MaxWebPHeight => MediaVariantFormat.Jpeg,
        _ => format,
    };

    /// <summary>AVIF, else WebP for browsers that say they take it (all current ones), else the original's own format.</summary>
    public static MediaVariantFormat Negotiate(string extension, string? accept)
    {
        if (Accepts(accept, "image/avif")) return MediaVariantFormat.Avif;
        if (Accepts(accept, "image/webp")) return MediaVariantFormat.WebP;
        return extension switch
        {
            "png" or "gif" => MediaVariantFormat.Png,
            "webp" => MediaVariantFormat.WebP,
            _ => MediaVariantFormat.Jpeg,
        };
    }

    /// <summary>Whether an Accept header names the type with a quality above zero (<c>;q=0</c> means "not this one").</summary>
    private static bool Accepts(string? accept, string mediaType)
    {
        if (string.IsNullOrEmpty(accept)) return false;
        foreach (var range in accept.Split(','))
            if (System.Net.Http.Headers.MediaTypeWithQualityHeaderValue.TryParse(range, out var value)
                && string.Equals(value.MediaType, mediaType, StringComparison.OrdinalIgnoreCase))
                return value.Quality is not 0;
        return false;
    }

    public string Extension => Format switch
    {
        MediaVariantFormat.WebP => "webp",
        MediaVariantFormat.Avif => "avif",
        MediaVariantFormat.Png => "png",
        _ => "jpg",
    };

    /// <summary>The variant's file name beside the original's name in the cache, and its ETag: both change with it.</summary>
    public string Tag => string.Create(CultureInfo.InvariantCulture,
        $"{Width}x{(Height is { } h ? h.ToString(CultureInfo.InvariantCulture) : "auto")}-{Focus.Left:0.00}-{Focus.Top:0.00}.{Extension}");

    private static MediaFocalPoint Round(MediaFocalPoint focus) => new(Math.Round(focus.Left, 2), Math.Round(focus.Top, 2));

    private static int? PositiveInt(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : null;

    private static MediaVariantFormat? FormatFrom(string? value) => value?.ToLowerInvariant() switch
    {
        "webp" => MediaVariantFormat.WebP,
        "avif" => MediaVariantFormat.Avif,
        "jpg" or "jpeg" => MediaVariantFormat.Jpeg,
        "png" => MediaVariantFormat.Png,
        _ => null,
    };
}
