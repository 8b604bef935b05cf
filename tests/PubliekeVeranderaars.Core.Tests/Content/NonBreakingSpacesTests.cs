using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Core.Tests.Content;

public class NonBreakingSpacesTests
{
    [Theory]
    // What Quill 2 wrote: every space.
    [InlineData("<p>Wij&nbsp;werken&nbsp;verbindend&nbsp;samen.</p>", "<p>Wij werken verbindend samen.</p>")]
    // A space typed at the end of a line, before a link.
    [InlineData("<p>Lees meer:&nbsp;<a href=\"/x/\">hier</a></p>", "<p>Lees meer: <a href=\"/x/\">hier</a></p>")]
    [InlineData("<p>Lees\u00A0meer</p>", "<p>Lees meer</p>")]
    // Meant: a number kept together with what belongs to it.
    [InlineData("<p>10&nbsp;000&nbsp;ambtenaren</p>", "<p>10&nbsp;000 ambtenaren</p>")]
    [InlineData("<p>12&nbsp;km en 3&nbsp;uur</p>", "<p>12&nbsp;km en 3&nbsp;uur</p>")]
    // A number followed by an ordinary word is no unit: the line may break there.
    [InlineData("<p>In&nbsp;2024&nbsp;begonnen&nbsp;wij</p>", "<p>In&nbsp;2024 begonnen wij</p>")]
    [InlineData("<p>Met&nbsp;5&nbsp;%&nbsp;meer</p>", "<p>Met&nbsp;5&nbsp;% meer</p>")]
    [InlineData("<p>Kost&nbsp;€&nbsp;5</p>", "<p>Kost €&nbsp;5</p>")]
    [InlineData("<p><strong>10</strong>&nbsp;000</p>", "<p><strong>10</strong>&nbsp;000</p>")]
    [InlineData("<p>Geen bijzondere spaties.</p>", "<p>Geen bijzondere spaties.</p>")]
    public void Accidental_non_breaking_spaces_become_spaces_and_meant_ones_stay(string markup, string expected) =>
        Assert.Equal(expected, NonBreakingSpaces.AsMeant(markup));

    [Theory]
    [InlineData("<p>Wij&nbsp;werken&nbsp;samen.</p><ul><li>een&nbsp;punt</li></ul>", true)]
    [InlineData("<p>Wij werken samen, ook met&nbsp;partners.</p>", false)]
    [InlineData("<p class=\"a b\">Eén&nbsp;woord</p>", true)]
    [InlineData("<p>Geen</p>", false)]
    public void Only_text_without_a_single_plain_space_bears_the_old_editors_mark(string markup, bool damaged) =>
        Assert.Equal(damaged, NonBreakingSpaces.LooksWrittenByQuill(markup));
}
