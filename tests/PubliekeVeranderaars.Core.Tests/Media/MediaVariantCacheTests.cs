using PubliekeVeranderaars.Core.Media;

namespace PubliekeVeranderaars.Core.Tests.Media;

/// <summary>Variants of what a library holds: an animation stays an animation, every colour layout renders.</summary>
public sealed class MediaVariantCacheTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pv-variants-").FullName;

    private (MediaItem Item, string Original) Stored(string name, byte[] content, string extension, int width, int height)
    {
        var src = $"/media/test1234/{name}";
        var original = MediaPaths.UnderRoot(_root, src);
        Directory.CreateDirectory(Path.GetDirectoryName(original)!);
        File.WriteAllBytes(original, content);
        return (new MediaItem { Key = Guid.NewGuid(), Src = src, Extension = extension, Width = width, Height = height, MediaTypeAlias = MediaTypes.Image }, original);
    }

    [Fact]
    public async Task An_animated_gif_is_served_whole_for_every_variant_instead_of_its_first_frame()
    {
        var (item, original) = Stored("draait.gif", TestImages.AnimatedGif(), "gif", 200, 120);
        var cache = new MediaVariantCache(_root);

        foreach (var format in new[] { MediaVariantFormat.WebP, MediaVariantFormat.Jpeg })
        {
            var served = await cache.GetAsync(item, original, new MediaVariant(160, null, MediaFocalPoint.Centre, format), CancellationToken.None);
            Assert.Equal(original, served);
        }
    }

    [Fact]
    public async Task A_grey_image_with_transparency_renders_as_jpeg_on_white()
    {
        var (item, original) = Stored("grijs.png", TestImages.GreyWithAlphaPng(), "png", 120, 80);
        var cache = new MediaVariantCache(_root);

        var served = await cache.GetAsync(item, original, new MediaVariant(80, null, MediaFocalPoint.Centre, MediaVariantFormat.Jpeg), CancellationToken.None);

        Assert.NotEqual(original, served);
        Assert.Equal((80, 53, "jpegload_buffer"), TestImages.Describe(await File.ReadAllBytesAsync(served)));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
