using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Core.Tests.Content;

public class LinkAddressesTests
{
    [Theory]
    // Typed without a scheme: a browser would take it for a path on this site.
    [InlineData("<p><a href=\"www.rijksoverheid.nl\">x</a></p>", "<p><a href=\"https://www.rijksoverheid.nl\">x</a></p>")]
    [InlineData("<p><a href=\"rijksoverheid.nl/onderwerpen?x=1&amp;y=2\">x</a></p>", "<p><a href=\"https://rijksoverheid.nl/onderwerpen?x=1&amp;y=2\">x</a></p>")]
    [InlineData("<a title=\"t\" href=\" www.x.nl \" target=\"_blank\">x</a>", "<a title=\"t\" href=\"https://www.x.nl\" target=\"_blank\">x</a>")]
    [InlineData("<a href=\"info@publiekeveranderaars.nl\">mail</a>", "<a href=\"mailto:info@publiekeveranderaars.nl\">mail</a>")]
    // Already an address, a path on this site, a page by key, an anchor: left as they are.
    [InlineData("<a href=\"https://www.x.nl\">x</a>", "<a href=\"https://www.x.nl\">x</a>")]
    [InlineData("<a href=\"/initiatieven/\">x</a>", "<a href=\"/initiatieven/\">x</a>")]
    [InlineData("<a href=\"/{localLink:umb://document/4b5c6d7e8f9a4b5c6d7e8f9a4b5c6d7e}\" type=\"document\">x</a>", "<a href=\"/{localLink:umb://document/4b5c6d7e8f9a4b5c6d7e8f9a4b5c6d7e}\" type=\"document\">x</a>")]
    [InlineData("<a href=\"#principes\">x</a>", "<a href=\"#principes\">x</a>")]
    [InlineData("<a href=\"mailto:a@b.nl\">x</a>", "<a href=\"mailto:a@b.nl\">x</a>")]
    [InlineData("<a href=\"tel:+31201234567\">x</a>", "<a href=\"tel:+31201234567\">x</a>")]
    // Relative paths that are not host names stay relative: "verslag.pdf" is a file name, not a site.
    [InlineData("<a href=\"verslag.pdf\">x</a>", "<a href=\"verslag.pdf\">x</a>")]
    [InlineData("<a href=\"contact\">x</a>", "<a href=\"contact\">x</a>")]
    [InlineData("<p>Tekst met www.x.nl zonder link.</p>", "<p>Tekst met www.x.nl zonder link.</p>")]
    public void An_address_typed_without_its_scheme_becomes_the_address_meant(string markup, string expected) =>
        Assert.Equal(expected, LinkAddresses.AsMeant(markup));
}
