using System.Text.Json.Nodes;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Delivery;

namespace PubliekeVeranderaars.Core.Tests.Delivery;

/// <summary>The color picker, the slider and the image cropper in Umbraco's Delivery API output shapes (issue 16).</summary>
public class DeliveryScalarMapperTests
{
    private static DataType Config(string json) => new() { ConfigJson = json };

    [Fact]
    public void A_color_is_its_code_or_with_labels_on_its_code_and_label()
    {
        const string stored = """{"value":"f0a500","label":"Oranje","sortOrder":0,"id":"1"}""";

        Assert.Equal("f0a500", DeliveryScalarMapper.Color(stored, Config("""{"useLabel":false}"""))!.GetValue<string>());
        var labelled = DeliveryScalarMapper.Color(stored, Config("""{"useLabel":true}"""))!;
        Assert.Equal(("f0a500", "Oranje"), ((string?)labelled["color"], (string?)labelled["label"]));
        Assert.Equal("000000", DeliveryScalarMapper.Color("000000", null)!.GetValue<string>());
        Assert.Null(DeliveryScalarMapper.Color("", null));
    }

    [Fact]
    public void A_slider_is_a_number_or_with_a_range_its_minimum_and_maximum()
    {
        Assert.Equal(5m, DeliveryScalarMapper.Range("5", Config("""{"enableRange":false}"""))!.GetValue<decimal>());
        var range = DeliveryScalarMapper.Range("1,10.5", Config("""{"enableRange":true}"""))!;
        Assert.Equal((1m, 10.5m), (range["minimum"]!.GetValue<decimal>(), range["maximum"]!.GetValue<decimal>()));
        Assert.Null(DeliveryScalarMapper.Range("veel", null));
    }

    [Fact]
    public void Markdown_is_written_as_html_and_markup_typed_into_it_as_text()
    {
        var html = DeliveryScalarMapper.Markdown("# Wie wij zijn\n\nWij **veranderen** <script>alert(1)</script>")!.GetValue<string>();

        Assert.Contains("<h1", html);
        Assert.Contains("<strong>veranderen</strong>", html);
        Assert.DoesNotContain("<script>", html);
        Assert.Null(DeliveryScalarMapper.Markdown(" "));
    }

    [Fact]
    public void An_image_cropper_value_is_its_url_focal_point_and_crops()
    {
        const string stored = """{"src":"/media/abc/foto.jpg","focalPoint":{"left":0.3,"top":0.6},"crops":[{"alias":"kop","width":1200,"height":400,"coordinates":{"x1":0.1,"y1":0.2,"x2":0.3,"y2":0.4}}]}""";

        var value = DeliveryScalarMapper.Cropper(stored)!;

        Assert.Equal("/media/abc/foto.jpg", (string?)value["url"]);
        Assert.Equal(0.3, (double)value["focalPoint"]!["left"]!);
        var crop = value["crops"]![0]!;
        Assert.Equal(("kop", 1200, 400, 0.4), ((string?)crop["alias"], (int)crop["width"]!, (int)crop["height"]!, (double)crop["coordinates"]!["y2"]!));
        Assert.Null(value["src"]);
        Assert.Null(DeliveryScalarMapper.Cropper(""));
    }
}
