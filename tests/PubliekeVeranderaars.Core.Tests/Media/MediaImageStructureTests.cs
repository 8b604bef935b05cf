using NetVips;
using PubliekeVeranderaars.Core.Media;

namespace PubliekeVeranderaars.Core.Tests.Media;

/// <summary>What an encoder writes is plain, so a site's own files travel byte for byte; anything more is not.</summary>
public sealed class MediaImageStructureTests
{
    private static Image Pattern() => Image.Xyz(64, 48).Cast(Enums.BandFormat.Uchar).Bandjoin(Image.Black(64, 48).Cast(Enums.BandFormat.Uchar));

    public static TheoryData<string> Encodings => ["baseline jpeg", "progressive jpeg", "jpeg with restarts", "png", "lossy webp", "lossless webp", "webp with alpha"];

    private static (byte[] File, MediaFileKind Kind) Encode(string encoding)
    {
        using var rgb = Pattern();
        return encoding switch
        {
            "baseline jpeg" => (rgb.JpegsaveBuffer(q: 85, keep: Enums.ForeignKeep.None), MediaFileKind.Jpeg),
            "progressive jpeg" => (rgb.JpegsaveBuffer(q: 85, optimizeCoding: true, interlace: true, keep: Enums.ForeignKeep.None), MediaFileKind.Jpeg),
            "jpeg with restarts" => (rgb.JpegsaveBuffer(q: 85, restartInterval: 2, keep: Enums.ForeignKeep.None), MediaFileKind.Jpeg),
            "png" => (rgb.PngsaveBuffer(keep: Enums.ForeignKeep.None), MediaFileKind.Png),
            "lossy webp" => (rgb.WebpsaveBuffer(q: 80, keep: Enums.ForeignKeep.None), MediaFileKind.WebP),
            "lossless webp" => (rgb.WebpsaveBuffer(lossless: true, keep: Enums.ForeignKeep.None), MediaFileKind.WebP),
            _ => (rgb.Bandjoin(255).WebpsaveBuffer(q: 80, keep: Enums.ForeignKeep.None), MediaFileKind.WebP),
        };
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void What_an_encoder_writes_is_plain_and_one_byte_more_or_less_is_not(string encoding)
    {
        var (file, kind) = Encode(encoding);

        Assert.True(MediaImageStructure.IsPlain(file, kind));
        Assert.False(MediaImageStructure.IsPlain([.. file, 0x00], kind));
        Assert.False(MediaImageStructure.IsPlain(file[..^1], kind));
    }

    [Fact]
    public void A_block_that_is_allowed_but_longer_than_it_can_be_is_not_plain()
    {
        var page = "<html><script>alert(1)</script></html>"u8.ToArray();
        Assert.False(MediaImageStructure.IsPlain(TestImages.JpegWithSegment(0xEE, [.. "Adobe"u8, 0, 100, 0, 0, 0, 0, 1, .. page]), MediaFileKind.Jpeg));
        Assert.False(MediaImageStructure.IsPlain(TestImages.JpegWithSegment(0xE0, [.. "JFXX\0"u8, 0x10, .. page]), MediaFileKind.Jpeg));
        Assert.False(MediaImageStructure.IsPlain(TestImages.PngWithChunk("bKGD", page), MediaFileKind.Png));
    }

    [Fact]
    public void A_photo_with_its_position_in_exif_is_not_plain_and_a_gif_never_is()
    {
        Assert.False(MediaImageStructure.IsPlain(TestImages.JpegWithGps(), MediaFileKind.Jpeg));
        Assert.False(MediaImageStructure.IsPlain(TestImages.AnimatedGif(), MediaFileKind.Gif));
        Assert.False(MediaImageStructure.IsPlain(TestImages.PngWithChunk("tEXt", "Comment\0hallo"u8.ToArray()), MediaFileKind.Png));
    }
}
