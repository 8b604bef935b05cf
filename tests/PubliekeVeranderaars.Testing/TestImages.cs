using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using NetVips;

namespace PubliekeVeranderaars.Testing;

/// <summary>Image files made for tests: a photo with a GPS position in its EXIF, and files that lie about their size.</summary>
public static class TestImages
{
    /// <summary>Amsterdam's Dam square, as a phone would write it.</summary>
    public const uint GpsLatitudeDegrees = 52;
    public const uint GpsLongitudeDegrees = 4;

    /// <summary>A JPEG of the given size with an EXIF block holding a GPS position (latitude and longitude).</summary>
    public static byte[] JpegWithGps(int width = 640, int height = 480)
    {
        using var image = Pattern(width, height);
        var jpeg = image.JpegsaveBuffer(q: 85, keep: Enums.ForeignKeep.None);
        var exif = GpsExif();
        var segment = new byte[4 + exif.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(exif.Length + 2));
        exif.CopyTo(segment, 4);
        // Right after the start-of-image marker, where cameras put it.
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    /// <summary>An animated GIF: <paramref name="frames"/> frames of the pattern, each a little darker.</summary>
    public static byte[] AnimatedGif(int width = 200, int height = 120, int frames = 3)
    {
        using var pattern = Pattern(width, height);
        var pages = Enumerable.Range(0, frames).Select(i => pattern.Linear([1 - i * 0.2], [0.0]).Cast(NetVips.Enums.BandFormat.Uchar)).ToArray();
        using var strip = NetVips.Image.Arrayjoin(pages, across: 1);
        using var animated = strip.Mutate(m =>
        {
            m.Set(NetVips.GValue.GIntType, "page-height", height);
            m.Set(NetVips.GValue.ArrayIntType, "delay", Enumerable.Repeat(100, frames).ToArray());
        });
        foreach (var page in pages) page.Dispose();
        return animated.GifsaveBuffer();
    }

    /// <summary>A PNG with one grey channel and transparency.</summary>
    public static byte[] GreyWithAlphaPng(int width = 120, int height = 80)
    {
        using var grey = NetVips.Image.Black(width, height).Linear([1.0], [128.0]).Cast(NetVips.Enums.BandFormat.Uchar);
        using var alpha = NetVips.Image.Black(width, height).Linear([1.0], [200.0]).Cast(NetVips.Enums.BandFormat.Uchar);
        using var both = grey.Bandjoin(alpha);
        using var tagged = both.Copy(interpretation: NetVips.Enums.Interpretation.Bw);
        return tagged.PngsaveBuffer();
    }

    public static byte[] Jpeg(int width = 400, int height = 300)
    {
        using var image = Pattern(width, height);
        return image.JpegsaveBuffer(q: 85, keep: Enums.ForeignKeep.None);
    }

    public static byte[] WebP(int width = 400, int height = 300)
    {
        using var image = Pattern(width, height);
        return image.WebpsaveBuffer(q: 80, keep: Enums.ForeignKeep.None);
    }

    /// <summary>A JPEG with one more segment (an APPn or a comment) right after its start, carrying <paramref name="payload"/>.</summary>
    public static byte[] JpegWithSegment(byte marker, byte[] payload, int width = 400, int height = 300)
    {
        var jpeg = Jpeg(width, height);
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = marker;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    /// <summary>A PNG with one more chunk of the given type just before its end, carrying <paramref name="payload"/>.</summary>
    public static byte[] PngWithChunk(string type, byte[] payload, int width = 400, int height = 300)
    {
        var png = Png(width, height);
        const int IendLength = 12;
        using var stream = new MemoryStream();
        stream.Write(png, 0, png.Length - IendLength);
        Chunk(stream, type, payload);
        stream.Write(png, png.Length - IendLength, IendLength);
        return stream.ToArray();
    }

    public static byte[] Png(int width = 400, int height = 300)
    {
        using var image = Pattern(width, height);
        return image.PngsaveBuffer();
    }

    /// <summary>
    /// A PNG whose header says <paramref name="width"/> × <paramref name="height"/> but whose data is a few bytes: a
    /// decompression bomb's header. Reading it whole would need width × height × 3 bytes.
    /// </summary>
    public static byte[] PngHeaderClaiming(int width, int height)
    {
        using var stream = new MemoryStream();
        stream.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // RGB
        Chunk(stream, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true)) zlib.Write(new byte[4096]);
            Chunk(stream, "IDAT", compressed.ToArray());
        }
        Chunk(stream, "IEND", []);
        return stream.ToArray();
    }

    /// <summary>Whether libvips finds EXIF (or any GPS field) in a file.</summary>
    public static bool HasExif(byte[] file)
    {
        using var image = Image.NewFromBuffer(file, access: Enums.Access.Sequential);
        return image.GetFields().Any(f => f == "exif-data" || f.Contains("GPS", StringComparison.Ordinal));
    }

    public static (int Width, int Height, string Loader) Describe(byte[] file)
    {
        using var image = Image.NewFromBuffer(file, access: Enums.Access.Sequential);
        return (image.Width, image.Height, (string)image.Get("vips-loader"));
    }

    /// <summary>The average of the red band, 0–255.</summary>
    public static double MeanRed(byte[] file)
    {
        using var image = Image.NewFromBuffer(file);
        using var red = image[0];
        return red.Avg();
    }

    /// <summary>Colour bands, so crops and resizes are visible when a screenshot shows them.</summary>
    private static Image Pattern(int width, int height)
    {
        using var x = Image.Xyz(width, height);
        using var red = x[0] * (255.0 / width);
        using var green = x[1] * (255.0 / height);
        using var blue = red * 0 + 140;
        using var joined = red.Bandjoin(green, blue);
        return joined.Cast(Enums.BandFormat.Uchar);
    }

    /// <summary>"Exif\0\0" and a little-endian TIFF block: IFD0 pointing at a GPS IFD with latitude and longitude.</summary>
    private static byte[] GpsExif()
    {
        var tiff = new byte[128];
        var span = tiff.AsSpan();
        "II"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], 42);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], 8);
        // IFD0 at 8: one entry, GPSInfo (0x8825, LONG) -> the GPS IFD at 26.
        BinaryPrimitives.WriteUInt16LittleEndian(span[8..], 1);
        Entry(span[10..], 0x8825, 4, 1, 26);
        BinaryPrimitives.WriteUInt32LittleEndian(span[22..], 0);
        // GPS IFD at 26: four entries, then the rationals at 80 and 104.
        BinaryPrimitives.WriteUInt16LittleEndian(span[26..], 4);
        Entry(span[28..], 0x0001, 2, 2, 'N');
        Entry(span[40..], 0x0002, 5, 3, 80);
        Entry(span[52..], 0x0003, 2, 2, 'E');
        Entry(span[64..], 0x0004, 5, 3, 104);
        BinaryPrimitives.WriteUInt32LittleEndian(span[76..], 0);
        Rationals(span[80..], GpsLatitudeDegrees, 22, 24);
        Rationals(span[104..], GpsLongitudeDegrees, 53, 36);
        return [.. "Exif\0\0"u8, .. tiff];
    }

    private static void Entry(Span<byte> at, ushort tag, ushort type, uint count, uint value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(at, tag);
        BinaryPrimitives.WriteUInt16LittleEndian(at[2..], type);
        BinaryPrimitives.WriteUInt32LittleEndian(at[4..], count);
        BinaryPrimitives.WriteUInt32LittleEndian(at[8..], value);
    }

    private static void Rationals(Span<byte> at, params uint[] numerators)
    {
        for (var i = 0; i < numerators.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(at[(i * 8)..], numerators[i]);
            BinaryPrimitives.WriteUInt32LittleEndian(at[(i * 8 + 4)..], 1);
        }
    }

    private static void Chunk(Stream stream, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        stream.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        stream.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        stream.Write(crc);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
