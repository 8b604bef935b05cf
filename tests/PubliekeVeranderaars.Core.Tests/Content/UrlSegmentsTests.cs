using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Core.Tests.Content;

public class UrlSegmentsTests
{
    [Theory]
    [InlineData("Zo veranderen wij", "zo-veranderen-wij")]
    [InlineData("Cocreëren", "cocreeren")]
    [InlineData("Wij, Publieke Veranderaars", "wij-publieke-veranderaars")]
    [InlineData("  Plezier   maken!  ", "plezier-maken")]
    [InlineData("Één", "een")]
    [InlineData("???", "pagina")]
    public void FromName_gives_umbraco_style_segment(string name, string expected) =>
        Assert.Equal(expected, UrlSegments.FromName(name));
}
