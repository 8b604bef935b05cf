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
    [InlineData("О нас", "о-нас")]
    [InlineData("Σχετικά με εμάς", "σχετικα-με-εμας")]
    [InlineData("关于我们", "关于我们")]
    [InlineData("Über uns", "uber-uns")]
    public void FromName_gives_umbraco_style_segment(string name, string expected) =>
        Assert.Equal(expected, UrlSegments.FromName(name));

    [Fact]
    public void Pages_named_in_another_script_each_get_their_own_segment_and_every_segment_is_safe()
    {
        var names = new[] { "Главная", "О нас", "Контакты", "Новости", "Услуги" };
        var segments = names.Select(UrlSegments.FromName).ToList();
        Assert.Equal(names.Length, segments.Distinct().Count());
        Assert.All(segments, s => Assert.True(UrlSegments.IsValid(s), s));
        Assert.False(UrlSegments.IsValid("../etc"));
        Assert.False(UrlSegments.IsValid("Главная"));
    }
}
