using PubliekeVeranderaars.Core.Media;

namespace PubliekeVeranderaars.Core.Tests.Media;

public sealed class RichTextImagesTests
{
    private static readonly MediaItem Photo = new()
    {
        Key = Guid.Parse("0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9"), Name = "Team", MediaTypeAlias = MediaTypes.Image,
        Src = "/media/nieuw123/team.jpg", Extension = "jpg", Width = 2000, Height = 1000, AltText = "Het team op de trap.",
    };

    [Fact]
    public void An_image_from_the_library_gets_its_current_address_sizes_and_alt_text()
    {
        var markup = $"<p>Voor</p><p><img src=\"/media/oud45678/team.jpg\" data-udi=\"{MediaUdi.For(Photo.Key)}\"></p>";

        var resolved = RichTextImages.Resolve(markup, key => key == Photo.Key ? Photo : null);

        Assert.Contains("src=\"/media/nieuw123/team.jpg?width=800\"", resolved);
        Assert.Contains("/media/nieuw123/team.jpg?width=1600 1600w", resolved);
        Assert.Contains("width=\"800\" height=\"400\"", resolved);
        Assert.Contains("alt=\"Het team op de trap.\"", resolved);
        Assert.Contains("loading=\"lazy\"", resolved);
        Assert.Contains($"data-udi=\"{MediaUdi.For(Photo.Key)}\"", resolved);
        Assert.StartsWith("<p>Voor</p>", resolved);
    }

    [Fact]
    public void The_editors_own_alt_text_for_this_place_wins_and_an_image_that_is_gone_is_left_out()
    {
        var own = $"<p><img src=\"x\" alt=\"Zij presenteert.\" data-udi=\"{MediaUdi.For(Photo.Key)}\"></p>";
        var gone = $"<p>Tekst<img src=\"/media/weg12345/weg.jpg\" alt=\"Weg\" data-udi=\"{MediaUdi.For(Guid.NewGuid())}\"></p>";

        Assert.Contains("alt=\"Zij presenteert.\"", RichTextImages.Resolve(own, _ => Photo));
        Assert.Contains("alt=\"\"", RichTextImages.Resolve(own.Replace("Zij presenteert.", ""), _ => Photo));
        Assert.Equal("<p>Tekst</p>", RichTextImages.Resolve(gone, _ => null));
    }

    [Fact]
    public void Markup_without_library_images_is_returned_as_it_was()
    {
        const string markup = "<p>Een <img src=\"https://example.org/a.png\" alt=\"a\"> en &amp; meer</p>";
        Assert.Same(markup, RichTextImages.Resolve(markup, _ => Photo));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(0, 0)]
    [InlineData(1200, null)]
    public void An_image_whose_size_is_not_known_is_shown_at_its_address_without_sizes_never_failing_the_page(int? width, int? height)
    {
        // Real uSync exports have images without umbracoWidth, and a refused or missing file leaves none.
        var unsized = new MediaItem
        {
            Key = Photo.Key, Name = "Team", MediaTypeAlias = MediaTypes.Image, Src = "/media/nieuw123/team.jpg", Extension = "jpg",
            Width = width, Height = height, AltText = "Het team.",
        };
        var markup = $"<p><img src=\"/media/oud/team.jpg\" data-udi=\"{MediaUdi.For(Photo.Key)}\"></p>";

        var resolved = RichTextImages.Resolve(markup, _ => unsized);

        Assert.Contains("src=\"/media/nieuw123/team.jpg\"", resolved);
        Assert.Contains("alt=\"Het team.\"", resolved);
        Assert.DoesNotContain("srcset", resolved);
    }

    [Fact]
    public void An_image_named_only_by_a_library_address_gets_sizes_too_and_one_from_elsewhere_is_left_alone()
    {
        var markup = "<p><img src=\"/media/nieuw123/team.jpg\" alt=\"\"></p><p><img src=\"/media/onbekend/x.jpg\" alt=\"x\"></p>";

        var resolved = RichTextImages.Resolve(markup, _ => null, src => src == Photo.Src ? Photo : null);

        Assert.Contains("/media/nieuw123/team.jpg?width=1600 1600w", resolved);
        Assert.Contains("width=\"800\" height=\"400\"", resolved);
        Assert.Contains("<img src=\"/media/onbekend/x.jpg\" alt=\"x\">", resolved);
    }
}
