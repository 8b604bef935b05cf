using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Media;
using PubliekeVeranderaars.Core.Sync;

namespace PubliekeVeranderaars.Core.Tests.Sync;

/// <summary>Media move between sites with their files: exported as Umbraco's uSync Media files with the files beside them.</summary>
public sealed class USyncMediaTests
{
    [Fact]
    public async Task A_site_exported_with_its_images_imports_elsewhere_with_the_same_items_files_and_references()
    {
        await using var source = await TestDatabase.CreateAsync(seed: true);
        var folder = (await source.Media.CreateFolderAsync("Initiatieven", null, TestDatabase.Editor)).Item!;
        var photo = (await source.Media.UploadAsync("lab.jpg", TestImages.JpegWithGps(800, 600), folder.Key, TestDatabase.Editor)).Item!;
        await source.Media.SaveAsync(photo.Key, new MediaDetails("Lab", "Het lab van binnen.", false, 0.2, 0.6), TestDatabase.Editor);
        var pdf = (await source.Media.UploadAsync("verslag.pdf", "%PDF-1.7\n%%EOF"u8.ToArray(), null, TestDatabase.Editor)).Item!;
        var initiative = (await source.Queries.TreeAsync()).First(n => n.ContentTypeAlias == "initiative");
        var editor = (await source.Queries.EditorAsync(initiative.Key))!;
        var picked = MediaPickerValue.Write([photo.Key]);
        await source.Editing.SaveAsync(initiative.Key, editor.Version.Name, [.. editor.Version.Values, new ContentPropertyValue("image", null, picked)], TestDatabase.Editor);
        Assert.True((await source.Publishing.PublishAsync(initiative.Key, TestDatabase.Editor)).Succeeded);
        var exported = source.NewFolder("export");
        await source.Export.ExportAsync(exported);

        await using (var context = source.Database.Open())
            Assert.Equal(await context.MediaItems.CountAsync(), Directory.GetFiles(Path.Combine(exported, USyncMedia.Folder), "*.config").Length);
        var storedPhoto = await File.ReadAllBytesAsync((await source.MediaFiles.LocalPathAsync(photo.Src!))!);
        Assert.Equal(storedPhoto, await File.ReadAllBytesAsync(Path.Combine(exported, "Files", photo.Src!.TrimStart('/'))));

        await using var target = await TestDatabase.CreateAsync();
        var report = await target.Import.ImportAsync(exported);

        Assert.Empty(report.MissingFiles);
        Assert.Empty(report.RefusedFiles);
        var imported = (await target.MediaQueries.FindAsync(photo.Key))!;
        Assert.Equal((folder.Key, "Lab", "Het lab van binnen.", 0.2, 0.6, photo.Src, 800, 600),
            (imported.ParentKey!.Value, imported.Name, imported.AltText, imported.FocalLeft!.Value, imported.FocalTop!.Value, imported.Src, imported.Width!.Value, imported.Height!.Value));
        // Files come across byte for byte: ours carry no metadata, so nothing is encoded again.
        Assert.Equal(storedPhoto, await File.ReadAllBytesAsync((await target.MediaFiles.LocalPathAsync(photo.Src))!));
        Assert.Equal(MediaTypes.File, (await target.MediaQueries.FindAsync(pdf.Key))!.MediaTypeAlias);
        Assert.Equal([initiative.Name], (await target.MediaQueries.ReferencesAsync(photo.Key)).Select(r => r.PageName));

        // Importing the same folder again changes nothing.
        var again = await target.Import.ImportAsync(exported);
        Assert.DoesNotContain(again.Changes, c => c.Folder == USyncMedia.Folder);
    }

    [Fact]
    public async Task Real_exports_that_reference_media_import_with_their_files_reported_missing_never_a_crash()
    {
        var found = new List<MediaItem>();
        foreach (var site in new[] { "rickbutterfield__Umbraco.Community.BlockPreview/v9", "EnjoyDigital__Umbraco.Community.Schemeweaver/v17" })
        {
            await using var db = await TestDatabase.CreateAsync();
            var report = await db.Import.ImportAsync(RepositoryPaths.CorpusSet(site));
            var configs = Directory.GetFiles(Path.Combine(RepositoryPaths.USyncCorpus, site, USyncMedia.Folder), "*.config").Length;
            Assert.Equal(configs, report.Changes.Count(c => c.Folder == USyncMedia.Folder));
            Assert.NotEmpty(report.MissingFiles);
            found.AddRange(await db.MediaQueries.FindManyAsync([Guid.Parse("76e87651-7962-4c73-ae6b-684921a81c1e"), Guid.Parse("7e29fa59-db25-4af0-b291-d30394196256")]));
        }
        // Umbraco 9's bare path and 17's cropper JSON both give the item its address.
        Assert.Equal(["/media/0yyg5scm/classic-victoria-sponge.png", "/media/k31oq3tc/hossein-nasr-uj99hdy2mmw-unsplash.jpg"], found.Select(m => m.Src).Order());
        Assert.All(found, m => Assert.Equal(MediaTypes.Image, m.MediaTypeAlias));
    }

    [Fact]
    public async Task An_imported_photo_with_a_gps_position_is_encoded_again_without_it_and_a_path_that_climbs_out_is_refused()
    {
        await using var db = await TestDatabase.CreateAsync();
        var folder = db.NewFolder("import");
        Directory.CreateDirectory(Path.Combine(folder, "Media"));
        Directory.CreateDirectory(Path.Combine(folder, "Files", "media", "abcd1234"));
        await File.WriteAllBytesAsync(Path.Combine(folder, "Files", "media", "abcd1234", "dam.jpg"), TestImages.JpegWithGps(320, 240));
        await File.WriteAllTextAsync(Path.Combine(folder, "Media", "dam.config"), Config(Guid.NewGuid(), "Dam", "/media/abcd1234/dam.jpg"));
        var sneaky = Guid.NewGuid();
        await File.WriteAllTextAsync(Path.Combine(folder, "Media", "sneaky.config"), Config(sneaky, "Sneaky", "/media/../../core.db"));

        var report = await db.Import.ImportAsync(folder);

        var dam = (await db.MediaQueries.ListAsync(null, "Dam")).Single();
        Assert.False(TestImages.HasExif(await File.ReadAllBytesAsync((await db.MediaFiles.LocalPathAsync(dam.Src!))!)));
        Assert.Equal((320, 240), (dam.Width!.Value, dam.Height!.Value));
        Assert.Contains(report.RefusedFiles, r => r.Contains("geen geldig mediapad"));
        Assert.Null((await db.MediaQueries.FindAsync(sneaky))!.Src);
    }

    private static readonly byte[] Payload = "<html><body><script>fetch('/backoffice/gebruikers')</script></body></html>"u8.ToArray();

    /// <summary>Images that are also something else: the bytes a browser or another program could take for a page.</summary>
    public static TheoryData<string, string> Polyglots => new()
    {
        { "jpg", "after the end of the image" },
        { "jpg", "in a Photoshop segment (APP13)" },
        { "jpg", "in a comment segment" },
        { "png", "after the end of the image" },
        { "png", "in a private chunk" },
        { "webp", "after the end of the image" },
        { "gif", "after the end of the image" },
    };

    private static byte[] Polyglot(string extension, string where) => (extension, where) switch
    {
        ("jpg", "in a Photoshop segment (APP13)") => TestImages.JpegWithSegment(0xED, Payload),
        ("jpg", "in a comment segment") => TestImages.JpegWithSegment(0xFE, Payload),
        ("jpg", _) => [.. TestImages.Jpeg(), .. Payload],
        ("png", "in a private chunk") => TestImages.PngWithChunk("prVt", Payload),
        ("png", _) => [.. TestImages.Png(), .. Payload],
        ("webp", _) => [.. TestImages.WebP(), .. Payload],
        _ => [.. TestImages.AnimatedGif(400, 300), .. Payload],
    };

    [Theory]
    [MemberData(nameof(Polyglots))]
    public async Task An_imported_image_that_hides_other_bytes_is_encoded_again_with_only_its_pixels(string extension, string where)
    {
        await using var db = await TestDatabase.CreateAsync();
        var folder = db.NewFolder("import");
        Directory.CreateDirectory(Path.Combine(folder, "Media"));
        Directory.CreateDirectory(Path.Combine(folder, "Files", "media", "poly1234"));
        var file = Polyglot(extension, where);
        Assert.True(file.AsSpan().IndexOf(Payload) >= 0);
        await File.WriteAllBytesAsync(Path.Combine(folder, "Files", "media", "poly1234", $"plaatje.{extension}"), file);
        await File.WriteAllTextAsync(Path.Combine(folder, "Media", "plaatje.config"), Config(Guid.NewGuid(), "Plaatje", $"/media/poly1234/plaatje.{extension}"));

        var report = await db.Import.ImportAsync(folder);

        Assert.Empty(report.RefusedFiles);
        var item = (await db.MediaQueries.ListAsync(null, "Plaatje")).Single();
        var stored = await File.ReadAllBytesAsync((await db.MediaFiles.LocalPathAsync(item.Src!))!);
        Assert.True(stored.AsSpan().IndexOf(Payload) < 0, $"the payload {where} survived the import");
        Assert.True(stored.AsSpan().IndexOf("<script"u8) < 0);
        Assert.Equal((400, 300), (TestImages.Describe(stored).Width, TestImages.Describe(stored).Height));
        Assert.Equal((400, 300), (item.Width!.Value, item.Height!.Value));
    }

    [Fact]
    public async Task A_hostile_export_cannot_loop_folders_take_another_items_file_or_bring_in_a_bomb()
    {
        await using var db = await TestDatabase.CreateAsync();
        var mine = (await db.Media.UploadAsync("eigen.png", TestImages.Png(), null, TestDatabase.Editor)).Item!;
        var mineBytes = await File.ReadAllBytesAsync((await db.MediaFiles.LocalPathAsync(mine.Src!))!);
        var folder = db.NewFolder("vijandig");
        Directory.CreateDirectory(Path.Combine(folder, "Media"));
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        await File.WriteAllTextAsync(Path.Combine(folder, "Media", "a.config"), Config(a, "A", "", parent: b, type: "Folder"));
        await File.WriteAllTextAsync(Path.Combine(folder, "Media", "b.config"), Config(b, "B", "", parent: a, type: "Folder"));
        var thief = Guid.NewGuid();
        Directory.CreateDirectory(Path.Combine(folder, "Files", mine.Src!.TrimStart('/').Replace("/eigen.png", "")));
        await File.WriteAllBytesAsync(Path.Combine(folder, "Files", mine.Src.TrimStart('/')), TestImages.Png(10, 10));
        await File.WriteAllTextAsync(Path.Combine(folder, "Media", "dief.config"), Config(thief, "Dief", mine.Src));
        Directory.CreateDirectory(Path.Combine(folder, "Files", "media", "bom12345"));
        await File.WriteAllBytesAsync(Path.Combine(folder, "Files", "media", "bom12345", "bom.png"), TestImages.PngHeaderClaiming(50_000, 50_000));
        await File.WriteAllTextAsync(Path.Combine(folder, "Media", "bom.config"), Config(Guid.NewGuid(), "Bom", "/media/bom12345/bom.png"));

        var report = await db.Import.ImportAsync(folder);

        Assert.Contains(report.RefusedFiles, r => r.Contains("hoort al bij een ander item"));
        Assert.Contains(report.RefusedFiles, r => r.Contains("megapixel"));
        Assert.Equal(mineBytes, await File.ReadAllBytesAsync((await db.MediaFiles.LocalPathAsync(mine.Src))!));
        Assert.Null((await db.MediaQueries.FindAsync(thief))!.Src);
        // The loop is broken at one of its ends, and trashing and restoring either folder ends.
        var folders = await db.MediaQueries.FindManyAsync([a, b]);
        Assert.Contains(folders, f => f.ParentKey is null);
        foreach (var key in new[] { a, b })
        {
            await db.Media.TrashAsync(key, TestDatabase.Editor);
            await db.Media.RestoreAsync(key, TestDatabase.Editor);
        }
    }

    private static string Config(Guid key, string name, string src, Guid? parent = null, string type = "Image") => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <Media Key="{key}" Alias="{name}" Level="1">
          <Info>
            <Parent Key="{parent ?? Guid.Empty}"></Parent>
            <Path>/{name}</Path>
            <Trashed>false</Trashed>
            <ContentType>{type}</ContentType>
            <CreateDate>2025-05-01T10:00:00</CreateDate>
            <NodeName Default="{name}" />
            <SortOrder>0</SortOrder>
          </Info>
          <Properties>
            <umbracoFile>
              <Value><![CDATA[{src}]]></Value>
            </umbracoFile>
          </Properties>
        </Media>
        """;
}
