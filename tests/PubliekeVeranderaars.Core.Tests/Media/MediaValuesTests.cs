using PubliekeVeranderaars.Core.Media;

namespace PubliekeVeranderaars.Core.Tests.Media;

public sealed class MediaValuesTests
{
    [Theory]
    [InlineData("/media/k31oq3tc/hossein-nasr.jpg", true)]
    [InlineData("/media/k31oq3tc/../../App_Data/publiekeveranderaars.db", false)]
    [InlineData("/media/../keys/key.xml", false)]
    [InlineData("/media/k31oq3tc/.htaccess", false)]
    [InlineData("/media/k31oq3tc/sub/file.jpg", false)]
    [InlineData("/elders/k31oq3tc/file.jpg", false)]
    [InlineData("/media/k31oq3tc/file name.jpg", false)]
    public void Only_a_folder_and_a_file_under_media_are_a_media_path(string src, bool valid) =>
        Assert.Equal(valid, MediaPaths.IsValidSrc(src));

    [Theory]
    [InlineData("Portret van Anna Élise.JPEG", "jpg", "portret-van-anna-elise.jpg")]
    [InlineData("C:\\Users\\x\\foto.php.png", "png", "foto-php.png")]
    [InlineData("../../etc/passwd", "pdf", "passwd.pdf")]
    [InlineData("....", "gif", "bestand.gif")]
    public void File_names_are_reduced_to_safe_characters_and_take_the_extension_of_the_content(string uploaded, string extension, string expected) =>
        Assert.Equal(expected, MediaPaths.FileName(uploaded, extension));

    /// <summary>
    /// Umbraco's ApiMediaWithCrops: every crop of the picker's data type, with the coordinates the pick set for it, or
    /// null where it set none.
    /// </summary>
    [Fact]
    public void A_picked_image_carries_its_data_types_crops_with_the_coordinates_the_pick_set()
    {
        var key = Guid.NewGuid();
        var stored = $$$"""[{"key":"0d7a9ec2-4e4e-4f8c-9d7a-1c2b3d4e5f60","mediaKey":"{{{key}}}","focalPoint":null,"crops":[{"alias":"vierkant","width":400,"height":400,"coordinates":{"x1":0.1,"y1":0.2,"x2":0.3,"y2":0.4}}]}]""";
        var config = """{"filter":"Image","crops":[{"alias":"vierkant","label":"Vierkant","width":400,"height":400},{"alias":"breed","width":1200,"height":400}]}""";
        var item = new MediaItem { Key = key, Name = "Foto", MediaTypeAlias = MediaTypes.Image, Src = "/media/ab/foto.jpg", Extension = "jpg", Width = 800, Height = 600 };
        var pick = Assert.Single(MediaPickerValue.Read(stored));

        var json = PubliekeVeranderaars.Core.Delivery.DeliveryMediaMapper.WithCrops(item, MediaCrops.Parse(config), pick.FocalPoint, pick.Crops);

        var crops = json["crops"]!.AsArray();
        Assert.Equal(["vierkant", "breed"], crops.Select(c => (string)c!["alias"]!));
        Assert.Equal((0.1, 0.4), ((double)crops[0]!["coordinates"]!["x1"]!, (double)crops[0]!["coordinates"]!["y2"]!));
        Assert.Null(crops[1]!["coordinates"]);
        Assert.Equal(1200, (int)crops[1]!["width"]!);
    }

    [Fact]
    public void Picker_values_of_umbraco_9_and_later_and_of_umbraco_8_are_read()
    {
        var key = Guid.Parse("76e87651-7962-4c73-ae6b-684921a81c1e");
        var current = $$$"""[{"key":"0d7a9ec2-4e4e-4f8c-9d7a-1c2b3d4e5f60","mediaKey":"{{{key}}}","crops":[],"focalPoint":{"left":0.3,"top":0.7}}]""";
        var legacy = $"umb://media/{key:N},umb://media/{Guid.Empty:N}";

        var pick = Assert.Single(MediaPickerValue.Read(current));
        Assert.Equal((key, 0.3, 0.7), (pick.MediaKey, pick.FocalPoint!.Value.Left, pick.FocalPoint.Value.Top));
        Assert.Equal([key, Guid.Empty], MediaPickerValue.Read(legacy).Select(p => p.MediaKey));
        Assert.Empty(MediaPickerValue.Read("[{\"mediaKey\":\"niet-een-sleutel\"}]"));
        Assert.Empty(MediaPickerValue.Read("{kapot"));
    }

    [Fact]
    public void Writing_a_picker_keeps_the_key_of_a_pick_that_stays()
    {
        var media = Guid.NewGuid();
        var first = MediaPickerValue.Write([media]);
        var again = MediaPickerValue.Write([media], MediaPickerValue.Read(first));
        Assert.Equal(first, again);
        Assert.Equal("", MediaPickerValue.Write([]));
    }

    [Theory]
    [InlineData(1, 4000, 160)]
    [InlineData(800, 4000, 800)]
    [InlineData(801, 4000, 960)]
    [InlineData(5000, 4000, 2400)]
    [InlineData(1200, 700, 700)]
    public void Widths_snap_to_a_fixed_set_and_never_beyond_the_original(int requested, int original, int expected) =>
        Assert.Equal(expected, MediaVariant.SnapWidth(requested, original));

    [Fact]
    public void Every_variant_a_query_can_ask_for_is_one_of_a_bounded_set()
    {
        var seen = new HashSet<string>();
        for (var width = 1; width <= 3000; width += 7)
            for (var height = 1; height <= 3000; height += 97)
            {
                string? Query(string name) => name switch { "width" => width.ToString(), "height" => height.ToString(), _ => null };
                seen.Add(MediaVariant.FromQuery(Query, "jpg", 4000, 3000, MediaFocalPoint.Centre, "image/webp")!.Tag);
            }
        Assert.True(seen.Count <= MediaVariant.Widths.Count * MediaVariant.Proportions.Count, $"{seen.Count} variants");
    }

    [Fact]
    public void A_named_crop_keeps_its_own_proportions_at_any_width_and_other_sizes_still_snap()
    {
        static Func<string, string?> Size(int width, int height) => name => name switch { "width" => $"{width}", "height" => $"{height}", _ => null };
        // A banner of 1200 × 300 and Open Graph's 1200 × 630, as a data type's crops define them.
        double[] named = [1200.0 / 300, 1200.0 / 630];

        Assert.Equal((1200, 300), Shape(MediaVariant.FromQuery(Size(1200, 300), "jpg", 4000, 3000, MediaFocalPoint.Centre, "image/webp", named)!));
        Assert.Equal((1200, 630), Shape(MediaVariant.FromQuery(Size(1200, 630), "jpg", 4000, 3000, MediaFocalPoint.Centre, "image/webp", named)!));
        // Half the size (a smaller screen), the same crop: the width steps, the proportion stays the crop's.
        Assert.Equal((640, 160), Shape(MediaVariant.FromQuery(Size(600, 150), "jpg", 4000, 3000, MediaFocalPoint.Centre, "image/webp", named)!));
        // Not a crop the site defines: the nearest of the fixed proportions, as before.
        Assert.Equal((1200, 400), Shape(MediaVariant.FromQuery(Size(1200, 300), "jpg", 4000, 3000, MediaFocalPoint.Centre, "image/webp")!));
        Assert.Equal((1200, 400), Shape(MediaVariant.FromQuery(Size(1200, 310), "jpg", 4000, 3000, MediaFocalPoint.Centre, "image/webp", named)!));

        static (int, int) Shape(MediaVariant v) => (v.Width, v.Height!.Value);
    }

    [Fact]
    public void The_format_follows_accept_unless_the_address_names_one()
    {
        string? None(string _) => null;
        string? WidthOnly(string name) => name == "width" ? "800" : null;
        string? Png(string name) => name switch { "width" => "800", "format" => "png", _ => null };
        Assert.Null(MediaVariant.FromQuery(None, "jpg", 1600, 1200, MediaFocalPoint.Centre, "image/webp"));
        Assert.Equal(MediaVariantFormat.Avif, MediaVariant.FromQuery(WidthOnly, "jpg", 1600, 1200, MediaFocalPoint.Centre, "image/avif,image/webp,*/*")!.Format);
        Assert.Equal(MediaVariantFormat.WebP, MediaVariant.FromQuery(WidthOnly, "jpg", 1600, 1200, MediaFocalPoint.Centre, "image/webp,*/*")!.Format);
        // q=0 means "not this one" (RFC 9110): a browser that turned AVIF off gets WebP, one that refuses both the original's format.
        Assert.Equal(MediaVariantFormat.WebP, MediaVariant.FromQuery(WidthOnly, "jpg", 1600, 1200, MediaFocalPoint.Centre, "image/avif;q=0, image/webp")!.Format);
        Assert.Equal(MediaVariantFormat.Jpeg, MediaVariant.FromQuery(WidthOnly, "jpg", 1600, 1200, MediaFocalPoint.Centre, "image/avif;q=0,image/webp;q=0.0,*/*")!.Format);
        Assert.Equal(MediaVariantFormat.Avif, MediaVariant.FromQuery(WidthOnly, "jpg", 1600, 1200, MediaFocalPoint.Centre, "image/AVIF;q=0.5")!.Format);
        Assert.Equal(MediaVariantFormat.Avif, MediaVariant.FromQuery(name => name switch { "width" => "800", "format" => "avif", _ => null }, "jpg", 1600, 1200,
            MediaFocalPoint.Centre, "image/*")!.Format);
        Assert.Equal(MediaVariantFormat.Jpeg, MediaVariant.FromQuery(WidthOnly, "jpg", 1600, 1200, MediaFocalPoint.Centre, "image/*")!.Format);
        Assert.Equal(MediaVariantFormat.Png, MediaVariant.FromQuery(Png, "png", 1600, 1200, MediaFocalPoint.Centre, "image/webp")!.Format);
        // A photo is never made into a PNG, many times its size: the address's format is ignored for it.
        Assert.Equal(MediaVariantFormat.WebP, MediaVariant.FromQuery(Png, "jpg", 1600, 1200, MediaFocalPoint.Centre, "image/webp")!.Format);
    }

    [Fact]
    public void A_variant_taller_than_avif_or_webp_can_take_falls_back_to_a_format_that_streams()
    {
        string? Width(string name) => name == "width" ? "2400" : null;
        const string Chromium = "image/avif,image/webp,*/*";
        // 2,400 wide at the original's proportion: 1,800 high, 8,000 high, 40,000 high.
        Assert.Equal(MediaVariantFormat.Avif, MediaVariant.FromQuery(Width, "jpg", 4000, 3000, MediaFocalPoint.Centre, Chromium)!.Format);
        Assert.Equal(MediaVariantFormat.WebP, MediaVariant.FromQuery(Width, "jpg", 2400, 8000, MediaFocalPoint.Centre, Chromium)!.Format);
        Assert.Equal(MediaVariantFormat.Jpeg, MediaVariant.FromQuery(Width, "jpg", 2400, 40_000, MediaFocalPoint.Centre, Chromium)!.Format);
    }

    [Fact]
    public void An_avif_variant_is_an_avif_of_the_asked_size_and_smaller_than_the_webp()
    {
        var original = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(original, TestImages.Jpeg(1600, 1200));
            var avif = MediaImages.Render(original, 1600, 1200, new MediaVariant(800, 450, MediaFocalPoint.Centre, MediaVariantFormat.Avif));
            var webp = MediaImages.Render(original, 1600, 1200, new MediaVariant(800, 450, MediaFocalPoint.Centre, MediaVariantFormat.WebP));
            var (width, height, loader) = TestImages.Describe(avif);
            Assert.Equal((800, 450), (width, height));
            Assert.StartsWith("heifload", loader);
            Assert.True(avif.Length < webp.Length, $"AVIF {avif.Length} bytes, WebP {webp.Length}");
        }
        finally
        {
            File.Delete(original);
        }
    }

    [Fact]
    public void A_crop_keeps_the_focal_point_in_view()
    {
        var original = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(original, TestImages.Png(1000, 500));
            var left = MediaImages.Render(original, 1000, 500, new MediaVariant(200, 200, new MediaFocalPoint(0, 0.5), MediaVariantFormat.Png));
            var right = MediaImages.Render(original, 1000, 500, new MediaVariant(200, 200, new MediaFocalPoint(1, 0.5), MediaVariantFormat.Png));
            Assert.Equal((200, 200), (TestImages.Describe(left).Width, TestImages.Describe(left).Height));
            // The pattern's red grows from left to right: the crop on the right is redder.
            Assert.True(TestImages.MeanRed(right) > TestImages.MeanRed(left) + 100);
        }
        finally
        {
            File.Delete(original);
        }
    }

    [Fact]
    public void Crops_are_read_from_image_cropper_configurations_of_every_umbraco_version()
    {
        var v8 = """{"crops":[{"alias":"thumb","width":200,"height":200}]}""";
        var v14 = """{"crops":[{"alias":"hero","label":"Breed","width":1600,"height":900}],"src":""}""";
        Assert.Equal(new MediaCrop("thumb", "thumb", 200, 200), Assert.Single(MediaCrops.Parse(v8)));
        Assert.Equal(new MediaCrop("hero", "Breed", 1600, 900), Assert.Single(MediaCrops.Parse(v14)));
        Assert.Empty(MediaCrops.Parse("{\"crops\":[{\"alias\":\"zonder-maat\"}]}"));
        Assert.Empty(MediaCrops.Parse("niet json"));
    }

    [Fact]
    public void A_media_value_or_crop_config_with_a_property_named_twice_is_read_as_nothing_never_a_failure()
    {
        Assert.Empty(MediaPickerValue.Read("""[{"key":"a6a0818f-7391-42dd-86ba-c3430e91475e","mediaKey":"25ba1577-a0c5-4329-8f32-9e9abe4a6d2d","mediaKey":"x"}]"""));
        Assert.Empty(MediaCrops.Parse("""{"crops":[],"crops":[]}"""));
    }
}
