using NetVips;

namespace PubliekeVeranderaars.Core.Media;

/// <summary>Limits on what an upload may be (<c>Media:*</c> in configuration).</summary>
public sealed class MediaLimits
{
    /// <summary>20 MB: a full-resolution phone photo is 3–12 MB; a PDF report rarely more.</summary>
    public const long DefaultMaxBytes = 20 * 1024 * 1024;
    /// <summary>
    /// 100 megapixels: above any camera the network uses (a 40-megapixel photo is well inside), far below what would
    /// exhaust memory (a 50,000 × 50,000 PNG is 2,500 megapixels, ten gigabytes as a bitmap).
    /// </summary>
    public const long DefaultMaxPixels = 100_000_000;
    /// <summary>An animation's frames all count towards the pixels; this many frames is more than any banner needs.</summary>
    public const int DefaultMaxFrames = 200;

    public long MaxBytes { get; set; } = DefaultMaxBytes;
    public long MaxPixels { get; set; } = DefaultMaxPixels;
    public int MaxFrames { get; set; } = DefaultMaxFrames;
}

/// <summary>An image read and written again: only its pixels (and colour profile) survive, no EXIF, GPS or XMP.</summary>
public sealed record ReencodedImage(byte[] Content, int Width, int Height);

/// <summary>
/// An imported image as it will be stored: <see cref="Reencoded"/> when it had to be written again (it carried
/// metadata or something besides its image), null when the file is kept byte for byte.
/// </summary>
public sealed record ImportedImage(byte[]? Reencoded, int Width, int Height);

/// <summary>Why an upload is refused, in Dutch for the person who uploaded it.</summary>
public sealed class MediaRefusedException(string message) : Exception(message);

/// <summary>
/// Everything the site does to image pixels, with libvips: re-encoding uploads and rendering resized or cropped
/// variants. libvips streams images through in strips, so memory stays flat however large the photo.
/// </summary>
public static class MediaImages
{
    /// <summary>Quality for stored originals: visually lossless; the variants visitors load are smaller.</summary>
    private const int OriginalQuality = 90;
    /// <summary>Quality for variants: the usual web setting, a third of the bytes of quality 90.</summary>
    private const int VariantQuality = 80;
    /// <summary>AV1's scale runs lower than JPEG's and WebP's for the same look: 55 is about WebP's 80.</summary>
    private const int AvifQuality = 55;
    private const int AvifEffort = 2;
    /// <summary>Not a real limit on height: "as high as the width makes it".</summary>
    private const int UnboundedHeight = 100_000_000;

    static MediaImages()
    {
        // Only the loaders we call by name run on uploads; the untrusted ones (ImageMagick, PDF, SVG, matrix…) never.
        NetVips.NetVips.BlockUntrusted = true;
        // libvips' operation cache keeps recent images in memory for reuse; a web server resizes each image once and
        // keeps the result on disk, so the cache only costs memory.
        Cache.Max = 0;
        Cache.MaxFiles = 0;
        Cache.MaxMem = 0;
    }

    /// <summary>
    /// Reads an image's header (never its pixels) and refuses what is too large or unreadable.
    /// </summary>
    /// <returns>Width and height (of one frame).</returns>
    public static (int Width, int Height) Check(byte[] content, MediaFileKind kind, MediaLimits limits)
    {
        try
        {
            using var header = Load(content, kind, Enums.Access.Sequential);
            var frames = Frames(header);
            var frameHeight = frames > 1 ? header.PageHeight : header.Height;
            if (frames > limits.MaxFrames)
                throw new MediaRefusedException($"Deze animatie heeft {frames} beelden; het maximum is {limits.MaxFrames}.");
            if ((long)header.Width * frameHeight * frames > limits.MaxPixels)
                throw new MediaRefusedException(
                    $"Deze afbeelding is {header.Width} × {frameHeight} pixels; dat is groter dan de {limits.MaxPixels / 1_000_000} megapixel die de site aanneemt. Verklein de afbeelding en probeer het opnieuw.");
            return (header.Width, frameHeight);
        }
        catch (VipsException)
        {
            throw new MediaRefusedException(Unreadable);
        }
    }

    internal const string Unreadable = "Dit bestand lijkt een afbeelding, maar is beschadigd of onvolledig en kan niet worden gelezen.";

    /// <summary>
    /// At most one re-encoding per core at a time: each holds a photo's strips (and a rotated one its whole bitmap),
    /// so fifty uploads at once queue here instead of multiplying the memory.
    /// </summary>
    private static readonly SemaphoreSlim Encoders = new(Environment.ProcessorCount, Environment.ProcessorCount);

    /// <summary>Refuses what is too large (<see cref="Check"/>), then re-encodes it.</summary>
    public static ReencodedImage Reencode(byte[] upload, MediaFileKind kind, MediaLimits limits)
    {
        Check(upload, kind, limits);
        Encoders.Wait();
        try
        {
            using var header = Load(upload, kind, Enums.Access.Sequential);
            var frames = Frames(header);
            using var image = Load(upload, kind, NeedsRotation(header) ? Enums.Access.Random : Enums.Access.Sequential);
            // Turned upright by its EXIF orientation first, because the orientation goes with the rest of the EXIF.
            using var upright = NeedsRotation(image) ? image.Autorot() : image.Copy();
            var content = kind switch
            {
                // Baseline, without Huffman optimisation: both would make libjpeg hold the whole image's coefficients
                // (a 40-megapixel photo's take hundreds of megabytes); the variants visitors load are optimised.
                MediaFileKind.Jpeg => upright.JpegsaveBuffer(q: OriginalQuality, keep: Enums.ForeignKeep.Icc),
                MediaFileKind.Png => upright.PngsaveBuffer(keep: Enums.ForeignKeep.Icc),
                MediaFileKind.WebP => upright.WebpsaveBuffer(q: OriginalQuality, keep: Enums.ForeignKeep.Icc),
                MediaFileKind.Gif => upright.GifsaveBuffer(keep: Enums.ForeignKeep.None),
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an image"),
            };
            return new ReencodedImage(content, upright.Width, frames > 1 ? upright.PageHeight : upright.Height);
        }
        catch (VipsException)
        {
            throw new MediaRefusedException(Unreadable);
        }
        finally
        {
            Encoders.Release();
        }
    }

    /// <summary>
    /// Whether a file carries anything besides pixels and a colour profile (EXIF with its GPS position, XMP, IPTC,
    /// comments): an imported file that does is re-encoded like an upload; one that does not is kept byte for byte.
    /// </summary>
    public static bool CarriesMetadata(byte[] content, MediaFileKind kind)
    {
        try
        {
            using var header = Load(content, kind, Enums.Access.Sequential);
            return header.GetFields().Any(field => field is "exif-data" or "xmp-data" or "iptc-data" or "gif-comment"
                || field.StartsWith("exif-", StringComparison.Ordinal) || field.StartsWith("png-comment", StringComparison.Ordinal));
        }
        catch (VipsException)
        {
            throw new MediaRefusedException(Unreadable);
        }
    }

    /// <summary>
    /// An imported file under the same limits as an upload and the same privacy: one with a position in it is written
    /// again, and so is one that carries anything besides its image (a page or a script hidden in or after it).
    /// </summary>
    public static ImportedImage ForImport(byte[] content, MediaFileKind kind, MediaLimits limits)
    {
        var (width, height) = Check(content, kind, limits);
        if (MediaImageStructure.IsPlain(content, kind) && !CarriesMetadata(content, kind)) return new ImportedImage(null, width, height);
        var image = Reencode(content, kind, limits);
        return new ImportedImage(image.Content, image.Width, image.Height);
    }

    /// <summary>
    /// A variant as <see cref="MediaVariantCache"/> keeps it: null when the original is to be served instead, because
    /// it is an animation (a variant is one frame, and a frozen first frame is not what the page meant) or because
    /// libvips cannot read it (an import's file).
    /// </summary>
    public static byte[]? RenderVariant(string originalPath, int originalWidth, int originalHeight, MediaVariant variant)
    {
        try
        {
            return IsAnimated(originalPath) ? null : Render(originalPath, originalWidth, originalHeight, variant);
        }
        catch (VipsException)
        {
            return null;
        }
    }

    /// <summary>
    /// Renders one variant of a stored original: scaled to the width, and when a height is asked, cropped to that
    /// box around the focal point (Umbraco's image cropper and ImageSharp's <c>rxy</c> do the same).
    /// </summary>
    public static byte[] Render(string originalPath, int originalWidth, int originalHeight, MediaVariant variant)
    {
        using var image = variant.Height is { } height
            ? Cropped(originalPath, originalWidth, originalHeight, variant.Width, height, variant.Focus)
            : Image.Thumbnail(originalPath, variant.Width, height: UnboundedHeight, size: Enums.Size.Down);
        return variant.Format switch
        {
            MediaVariantFormat.WebP => image.WebpsaveBuffer(q: VariantQuality, keep: Enums.ForeignKeep.None),
            // A first request waits for it: at libvips' default effort (4) a 1200 px photo took 4.1 s, at 2 it takes 0.3 s and is
            // no larger (bench/media-processing.cs).
            MediaVariantFormat.Avif => image.HeifsaveBuffer(q: AvifQuality, compression: Enums.ForeignHeifCompression.Av1, effort: AvifEffort,
                keep: Enums.ForeignKeep.None),
            MediaVariantFormat.Png => image.PngsaveBuffer(keep: Enums.ForeignKeep.None),
            _ => Opaque(image).JpegsaveBuffer(q: VariantQuality, optimizeCoding: true, interlace: true, keep: Enums.ForeignKeep.None),
        };
    }

    private static Image Cropped(string path, int originalWidth, int originalHeight, int width, int height, MediaFocalPoint focus)
    {
        // The largest box of the asked proportions that fits in the original, centred on the focal point as far as
        // the edges allow; scaled so that box becomes width × height.
        var ratio = (double)width / height;
        var boxWidth = Math.Min(originalWidth, originalHeight * ratio);
        var scale = Math.Min(1, width / boxWidth);
        using var scaled = Image.Thumbnail(path, Math.Max(1, (int)Math.Round(originalWidth * scale)), height: UnboundedHeight, size: Enums.Size.Down);
        var targetWidth = Math.Min(scaled.Width, width);
        var targetHeight = Math.Min(scaled.Height, (int)Math.Round(targetWidth / ratio));
        var left = Math.Clamp((int)Math.Round(focus.Left * scaled.Width - targetWidth / 2.0), 0, scaled.Width - targetWidth);
        var top = Math.Clamp((int)Math.Round(focus.Top * scaled.Height - targetHeight / 2.0), 0, scaled.Height - targetHeight);
        return scaled.Crop(left, top, targetWidth, targetHeight);
    }

    /// <summary>JPEG has no transparency: transparent parts become white, as a page's background is.</summary>
    private static Image Opaque(Image image) => image.HasAlpha() ? image.Flatten(background: [255, 255, 255]) : image;

    private static Image Load(byte[] upload, MediaFileKind kind, Enums.Access access) => kind switch
    {
        MediaFileKind.Jpeg => Image.JpegloadBuffer(upload, access: access, failOn: Enums.FailOn.Error),
        MediaFileKind.Png => Image.PngloadBuffer(upload, access: access, failOn: Enums.FailOn.Error),
        MediaFileKind.Gif => Image.GifloadBuffer(upload, n: -1, access: access, failOn: Enums.FailOn.Error),
        MediaFileKind.WebP => Image.WebploadBuffer(upload, n: -1, access: access, failOn: Enums.FailOn.Error),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an image"),
    };

    /// <summary>Whether a stored image has several frames (an animated GIF or WebP); reads the header only.</summary>
    public static bool IsAnimated(string path)
    {
        using var image = Image.NewFromFile(path, access: Enums.Access.Sequential);
        return Frames(image) > 1;
    }

    private static int Frames(Image image) => image.Contains("n-pages") ? Math.Max(1, (int)image.Get("n-pages")) : 1;

    private static bool NeedsRotation(Image image) =>
        image.Contains("orientation") && (int)image.Get("orientation") is > 1 and <= 8;
}
