namespace PubliekeVeranderaars.Core.Media;

/// <summary>The kinds of file the library accepts, told apart by their first bytes: never by name or Content-Type.</summary>
public enum MediaFileKind
{
    Unknown,
    Jpeg,
    Png,
    Gif,
    WebP,
    Pdf,
    /// <summary>Recognised only to be refused with a reason: SVG can carry script.</summary>
    Svg,
}

public static class MediaFileKinds
{
    /// <summary>Enough bytes to recognise every kind above.</summary>
    public const int SniffLength = 512;

    public static MediaFileKind Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return MediaFileKind.Jpeg;
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A])) return MediaFileKind.Png;
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8)) return MediaFileKind.Gif;
        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return MediaFileKind.WebP;
        if (head.StartsWith("%PDF-"u8)) return MediaFileKind.Pdf;
        if (LooksLikeSvg(head)) return MediaFileKind.Svg;
        return MediaFileKind.Unknown;
    }

    public static bool IsImage(MediaFileKind kind) => kind is MediaFileKind.Jpeg or MediaFileKind.Png or MediaFileKind.Gif or MediaFileKind.WebP;

    public static string Extension(MediaFileKind kind) => kind switch
    {
        MediaFileKind.Jpeg => "jpg",
        MediaFileKind.Png => "png",
        MediaFileKind.Gif => "gif",
        MediaFileKind.WebP => "webp",
        MediaFileKind.Pdf => "pdf",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a kind the library stores"),
    };

    public static string ContentType(string extension) => extension switch
    {
        "jpg" or "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    };

    private static bool LooksLikeSvg(ReadOnlySpan<byte> head)
    {
        var text = System.Text.Encoding.UTF8.GetString(head).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return text.StartsWith('<') && text.Contains("<svg", StringComparison.OrdinalIgnoreCase);
    }
}
