using System.Buffers.Binary;

namespace PubliekeVeranderaars.Core.Media;

/// <summary>
/// Whether an image file holds its image and nothing else: every part of it one of the parts its format needs to draw
/// the pixels (with a colour profile), and no byte after its end. Anything more (a comment, a Photoshop block, a
/// private chunk, bytes after the end) may be another file in disguise: a page, a script, an archive. An imported file
/// that is not plain is encoded again like an upload (<see cref="MediaImages.Reencode"/>); a plain one is kept byte for
/// byte, so a site's own export comes back unchanged. A decoder reads none of this: the walk only follows lengths.
/// What it cannot judge is what sits inside the parts it allows (a scan's coded data, a PNG's compressed data, a
/// colour profile); media are served with <c>nosniff</c> and a sandboxing policy, so no browser runs such bytes.
/// </summary>
public static class MediaImageStructure
{
    public static bool IsPlain(ReadOnlySpan<byte> file, MediaFileKind kind) => kind switch
    {
        MediaFileKind.Jpeg => IsPlainJpeg(file),
        MediaFileKind.Png => IsPlainPng(file),
        MediaFileKind.WebP => IsPlainWebP(file),
        // GIF's blocks (comments, application and text extensions) are many: it is always encoded again, losslessly.
        _ => false,
    };

    // JPEG markers (ITU T.81, B.1.1.3): the frames, tables and scans a decoder needs, and the APPn blocks that carry
    // only how to read them (JFIF, an ICC profile, Adobe's colour transform).
    private const byte StartOfImage = 0xD8, EndOfImage = 0xD9, StartOfScan = 0xDA, Stuffed = 0x00, Fill = 0xFF;
    private const byte FirstRestart = 0xD0, LastRestart = 0xD7, FirstFrameOrTable = 0xC0, LastFrameOrTable = 0xCF;
    private const byte QuantisationTable = 0xDB, NumberOfLines = 0xDC, RestartInterval = 0xDD;
    private const byte App0 = 0xE0, App2 = 0xE2, App14 = 0xEE;

    private static bool IsPlainJpeg(ReadOnlySpan<byte> file)
    {
        if (file.Length < 4 || file[0] != Fill || file[1] != StartOfImage) return false;
        var at = 2;
        while (at + 1 < file.Length)
        {
            if (file[at] != Fill) return false;
            var marker = file[at + 1];
            if (marker == Fill) { at++; continue; }
            if (marker == EndOfImage) return at + 2 == file.Length;
            if (marker is >= FirstRestart and <= LastRestart) { at += 2; continue; }
            if (at + 4 > file.Length) return false;
            var length = BinaryPrimitives.ReadUInt16BigEndian(file[(at + 2)..]);
            if (length < 2 || at + 2 + length > file.Length) return false;
            if (!IsImageSegment(marker, file.Slice(at + 4, length - 2))) return false;
            at += 2 + length;
            if (marker != StartOfScan) continue;
            // The scan's coded data runs to the next marker; 0xFF 0x00 is a stuffed byte and restarts stay inside it.
            while (at + 1 < file.Length && !(file[at] == Fill && file[at + 1] is not Stuffed and not Fill and not (>= FirstRestart and <= LastRestart))) at++;
        }
        return false;
    }

    /// <summary>JFIF without a thumbnail: identifier, version, units, densities, and a 0 × 0 thumbnail.</summary>
    private const int JfifLength = 14;
    /// <summary>Adobe's colour transform: identifier, version, two flag words and the transform.</summary>
    private const int AdobeLength = 12;

    private static bool IsImageSegment(byte marker, ReadOnlySpan<byte> data) => marker switch
    {
        >= FirstFrameOrTable and <= LastFrameOrTable or QuantisationTable or NumberOfLines or RestartInterval or StartOfScan => true,
        // Exactly their sizes: a longer block could carry anything after its identifier, and a thumbnail is a picture of its own.
        App0 => data.Length == JfifLength && data.StartsWith("JFIF\0"u8) && data[12] == 0 && data[13] == 0,
        App2 => data.StartsWith("ICC_PROFILE\0"u8),
        App14 => data.Length == AdobeLength && data.StartsWith("Adobe"u8),
        _ => false,
    };

    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// The critical chunks, transparency, colour (incl. profiles and HDR), pixel size, background, and APNG's frames,
    /// each with the most bytes it can need (PNG 1.2 and 3rd edition): a chunk any longer carries something else.
    /// </summary>
    private static readonly Dictionary<string, long> PngImageChunks = new()
    {
        ["IHDR"] = 13, ["PLTE"] = 768, ["IDAT"] = int.MaxValue, ["IEND"] = 0, ["tRNS"] = 256, ["gAMA"] = 4, ["cHRM"] = 32, ["sRGB"] = 1,
        ["iCCP"] = int.MaxValue, ["sBIT"] = 4, ["pHYs"] = 9, ["bKGD"] = 6, ["hIST"] = 512, ["cICP"] = 4, ["mDCV"] = 24, ["cLLI"] = 8,
        ["acTL"] = 8, ["fcTL"] = 26, ["fdAT"] = int.MaxValue,
    };

    private static bool IsPlainPng(ReadOnlySpan<byte> file)
    {
        const int LengthTypeAndCrc = 12;
        if (!file.StartsWith(PngSignature)) return false;
        var at = PngSignature.Length;
        while (at + LengthTypeAndCrc <= file.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(file[at..]);
            if (length > int.MaxValue - LengthTypeAndCrc || at + LengthTypeAndCrc + (long)length > file.Length) return false;
            var type = System.Text.Encoding.ASCII.GetString(file.Slice(at + 4, 4));
            if (!PngImageChunks.TryGetValue(type, out var most) || length > most) return false;
            at += LengthTypeAndCrc + (int)length;
            if (type == "IEND") return at == file.Length;
        }
        return false;
    }

    /// <summary>Lossy, lossless and extended WebP, alpha, animation and a colour profile; EXIF and XMP are not the image.</summary>
    private static readonly HashSet<string> WebPImageChunks = ["VP8 ", "VP8L", "VP8X", "ALPH", "ANIM", "ANMF", "ICCP"];

    private static bool IsPlainWebP(ReadOnlySpan<byte> file)
    {
        const int RiffHeader = 12, ChunkHeader = 8;
        if (file.Length < RiffHeader || !file.StartsWith("RIFF"u8) || !file[8..].StartsWith("WEBP"u8)) return false;
        // The RIFF size counts everything after its own field: a file any longer carries something else.
        if (BinaryPrimitives.ReadUInt32LittleEndian(file[4..]) + 8L != file.Length) return false;
        var at = RiffHeader;
        while (at + ChunkHeader <= file.Length)
        {
            var type = System.Text.Encoding.ASCII.GetString(file.Slice(at, 4));
            var size = (long)BinaryPrimitives.ReadUInt32LittleEndian(file[(at + 4)..]);
            var next = at + ChunkHeader + size + (size & 1);
            if (!WebPImageChunks.Contains(type) || next > file.Length) return false;
            at = (int)next;
        }
        return at == file.Length;
    }
}
