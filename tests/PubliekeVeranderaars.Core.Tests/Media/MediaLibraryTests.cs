using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Media;

namespace PubliekeVeranderaars.Core.Tests.Media;

public sealed class MediaLibraryTests
{
    [Fact]
    public async Task An_uploaded_photo_keeps_its_pixels_and_loses_its_gps_position()
    {
        await using var db = await TestDatabase.CreateAsync();
        var photo = TestImages.JpegWithGps(640, 480);
        Assert.True(TestImages.HasExif(photo)); // the test photo does carry a position

        var result = await db.Media.UploadAsync("IMG_2024 portret Sanne.JPG", photo, null, TestDatabase.Editor);

        Assert.True(result.Succeeded, string.Join(", ", result.Errors.Values));
        var item = result.Item!;
        Assert.Equal((MediaTypes.Image, "jpg", 640, 480), (item.MediaTypeAlias, item.Extension, item.Width!.Value, item.Height!.Value));
        Assert.Matches("^/media/[a-z0-9]{8}/img-2024-portret-sanne\\.jpg$", item.Src);
        var stored = await File.ReadAllBytesAsync((await db.MediaFiles.LocalPathAsync(item.Src!))!);
        Assert.False(TestImages.HasExif(stored));
        Assert.DoesNotContain("Exif", System.Text.Encoding.ASCII.GetString(stored));
        Assert.Equal((640, 480, "jpegload_buffer"), TestImages.Describe(stored));
        Assert.True(item.NeedsAltText);
    }

    [Fact]
    public async Task A_png_that_claims_fifty_thousand_pixels_square_is_refused_without_being_decoded()
    {
        await using var db = await TestDatabase.CreateAsync();
        var bomb = TestImages.PngHeaderClaiming(50_000, 50_000);
        var before = Environment.WorkingSet;

        var result = await db.Media.UploadAsync("bom.png", bomb, null, TestDatabase.Editor);

        Assert.False(result.Succeeded);
        Assert.Contains("50000 × 50000 pixels", result.Errors[MediaLibrary.FileField]);
        Assert.Contains("megapixel", result.Errors[MediaLibrary.FileField]);
        // Decoding it would take 7.5 GB; reading its header takes nothing worth measuring.
        Assert.True(Environment.WorkingSet - before < 200 * 1024 * 1024, $"memory grew by {(Environment.WorkingSet - before) / 1024 / 1024} MB");
        Assert.Empty(await db.MediaQueries.ListAsync(null, null));
        Assert.False(Directory.Exists(db.MediaFiles.Root) && Directory.EnumerateFiles(db.MediaFiles.Root, "*", SearchOption.AllDirectories).Any());
    }

    [Theory]
    [InlineData("tekening.svg", "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>", "SVG")]
    [InlineData("foto.png", "dit is gewone tekst en geen afbeelding", "geen JPEG-, PNG-, WebP- of GIF-afbeelding")]
    [InlineData("script.php.jpg", "<?php system($_GET['c']); ?>", "geen JPEG-, PNG-, WebP- of GIF-afbeelding")]
    public async Task Files_that_are_not_what_the_library_takes_are_refused_whatever_their_name(string name, string content, string message)
    {
        await using var db = await TestDatabase.CreateAsync();
        var result = await db.Media.UploadAsync(name, System.Text.Encoding.UTF8.GetBytes(content), null, TestDatabase.Editor);
        Assert.False(result.Succeeded);
        Assert.Contains(message, result.Errors[MediaLibrary.FileField]);
    }

    [Fact]
    public async Task The_kind_comes_from_the_content_not_from_the_name()
    {
        await using var db = await TestDatabase.CreateAsync();
        var pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"u8.ToArray();
        var asPdf = await db.Media.UploadAsync("jaarverslag.jpg", pdf, null, TestDatabase.Editor);
        var asPng = await db.Media.UploadAsync("foto.jpg", TestImages.Png(), null, TestDatabase.Editor);

        Assert.Equal((MediaTypes.File, "pdf"), (asPdf.Item!.MediaTypeAlias, asPdf.Item.Extension));
        Assert.EndsWith("/jaarverslag.pdf", asPdf.Item.Src);
        Assert.Equal((MediaTypes.Image, "png"), (asPng.Item!.MediaTypeAlias, asPng.Item.Extension));
        Assert.EndsWith("/foto.png", asPng.Item.Src);
    }

    [Fact]
    public async Task A_file_over_the_byte_limit_is_refused_with_its_size()
    {
        await using var db = await TestDatabase.CreateAsync();
        var library = new MediaLibrary(db.Writer, db.MediaFiles, new MediaLimits { MaxBytes = 1024 });
        var result = await library.UploadAsync("groot.png", TestImages.Png(400, 300), null, TestDatabase.Editor);
        // A small limit reads as kilobytes, not "0,0 MB".
        Assert.Contains("het maximum is 1 kB", result.Errors[MediaLibrary.FileField]);
    }

    [Fact]
    public async Task An_image_needs_alt_text_unless_it_is_marked_decorative_and_every_change_is_a_version()
    {
        await using var db = await TestDatabase.CreateAsync();
        var item = (await db.Media.UploadAsync("team.png", TestImages.Png(), null, TestDatabase.Editor)).Item!;

        var refused = await db.Media.SaveAsync(item.Key, new MediaDetails("Team", "", false, null, null), TestDatabase.Editor);
        Assert.Contains("Beschrijf wat er op de afbeelding te zien is", refused.Errors[MediaLibrary.AltField]);

        var saved = await db.Media.SaveAsync(item.Key, new MediaDetails("Team", "Vijf collega's aan een lange tafel.", false, 0.25, 0.8), TestDatabase.Editor);
        Assert.True(saved.Succeeded);
        var decorative = await db.Media.SaveAsync(item.Key, new MediaDetails("Patroon", "", true, 2, -1), TestDatabase.Editor);
        Assert.True(decorative.Succeeded);
        Assert.Equal((1.0, 0.0), (decorative.Item!.FocalLeft!.Value, decorative.Item.FocalTop!.Value));

        var versions = await db.MediaQueries.VersionsAsync(item.Key);
        Assert.Equal(["Patroon", "Team", "team"], versions.Select(v => v.Name));
        Assert.Equal("Vijf collega's aan een lange tafel.", versions[1].AltText);
    }

    [Fact]
    public async Task The_pages_that_use_an_item_are_found_by_key_and_by_udi()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var image = (await db.Media.UploadAsync("beeld.png", TestImages.Png(), null, TestDatabase.Editor)).Item!;
        var initiative = (await db.Queries.TreeAsync()).First(n => n.ContentTypeAlias == "initiative");
        var editor = (await db.Queries.EditorAsync(initiative.Key))!;
        var values = editor.Version.Values.Where(v => v.Alias != "image")
            .Append(new ContentPropertyValue("image", null, MediaPickerValue.Write([image.Key]))).ToList();
        Assert.True((await db.Editing.SaveAsync(initiative.Key, editor.Version.Name, values, TestDatabase.Editor)).Succeeded);
        var home = (await db.Queries.TreeAsync()).First(n => n.ContentTypeAlias == "home");
        var homeEditor = (await db.Queries.EditorAsync(home.Key))!;
        var intro = homeEditor.Version.Values.First(v => v.Alias == "intro");
        var withImage = homeEditor.Version.Values.Select(v => v == intro
            ? v with { Value = v.Value + $"<p><img src=\"{image.Src}\" alt=\"x\" data-udi=\"{MediaUdi.For(image.Key)}\"></p>" } : v).ToList();
        Assert.True((await db.Editing.SaveAsync(home.Key, homeEditor.Version.Name, withImage, TestDatabase.Editor)).Succeeded);

        var references = await db.MediaQueries.ReferencesAsync(image.Key);

        Assert.Equal(new[] { home.Name, initiative.Name }.Order(), references.Select(r => r.PageName).Order());
    }

    [Fact]
    public async Task A_folder_goes_to_the_bin_with_its_items_and_deleting_it_for_good_removes_their_files()
    {
        await using var db = await TestDatabase.CreateAsync();
        var folder = (await db.Media.CreateFolderAsync("Portretten", null, TestDatabase.Editor)).Item!;
        var image = (await db.Media.UploadAsync("anna.png", TestImages.Png(), folder.Key, TestDatabase.Editor)).Item!;
        var file = (await db.MediaFiles.LocalPathAsync(image.Src!))!;

        Assert.False((await db.Media.DeleteAsync(folder.Key, TestDatabase.Editor)).Succeeded); // not in the bin yet
        await db.Media.TrashAsync(folder.Key, TestDatabase.Editor);
        Assert.True((await db.MediaQueries.FindAsync(image.Key))!.Trashed);
        Assert.Equal([folder.Key], (await db.MediaQueries.BinAsync()).Select(m => m.Key));
        Assert.True(File.Exists(file));

        Assert.True((await db.Media.DeleteAsync(folder.Key, TestDatabase.Editor)).Succeeded);
        Assert.Null(await db.MediaQueries.FindAsync(image.Key));
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task Deleting_an_image_for_good_also_removes_its_resized_variants()
    {
        await using var db = await TestDatabase.CreateAsync();
        var variants = new MediaVariantCache(db.NewFolder("varianten"));
        var library = new MediaLibrary(db.Writer, db.MediaFiles, new MediaLimits(), variants);
        var image = (await library.UploadAsync("weg.png", TestImages.Png(800, 600), null, TestDatabase.Editor)).Item!;
        var variant = await variants.GetAsync(image, (await db.MediaFiles.LocalPathAsync(image.Src!))!,
            new MediaVariant(320, null, MediaFocalPoint.Centre, MediaVariantFormat.WebP), CancellationToken.None);
        Assert.True(File.Exists(variant));

        await library.TrashAsync(image.Key, TestDatabase.Editor);
        await library.DeleteAsync(image.Key, TestDatabase.Editor);

        Assert.False(File.Exists(variant));
    }

    [Fact]
    public async Task A_folder_cannot_be_moved_into_itself()
    {
        await using var db = await TestDatabase.CreateAsync();
        var outer = (await db.Media.CreateFolderAsync("Buiten", null, TestDatabase.Editor)).Item!;
        var inner = (await db.Media.CreateFolderAsync("Binnen", outer.Key, TestDatabase.Editor)).Item!;
        var result = await db.Media.MoveAsync(outer.Key, inner.Key, TestDatabase.Editor);
        Assert.Contains("niet in zichzelf", result.Errors[MediaLibrary.ParentField]);
        Assert.Equal(2, (await db.MediaQueries.FindAsync(inner.Key))!.Level);
    }

    [Fact]
    public async Task An_animated_gif_keeps_its_frames_when_it_is_re_encoded_on_upload()
    {
        await using var db = await TestDatabase.CreateAsync();

        var uploaded = await db.Media.UploadAsync("draait.gif", TestImages.AnimatedGif(frames: 4), null, TestDatabase.Editor);

        Assert.True(uploaded.Succeeded);
        var stored = (await db.MediaFiles.LocalPathAsync(uploaded.Item!.Src!))!;
        Assert.True(MediaImages.IsAnimated(stored));
        Assert.Equal((200, 120), (uploaded.Item.Width, uploaded.Item.Height));
    }
}
