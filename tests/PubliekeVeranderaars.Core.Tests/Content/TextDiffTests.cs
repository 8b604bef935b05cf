using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Core.Tests.Content;

public class TextDiffTests
{
    private static string Show(IReadOnlyList<TextDiffPart> parts) =>
        string.Concat(parts.Select(p => p.Kind switch { TextDiffKind.Removed => $"[-{p.Text}]", TextDiffKind.Added => $"[+{p.Text}]", _ => p.Text }));

    [Theory]
    [InlineData("Wij werken samen aan de overheid.", "Wij werken graag samen aan de overheid.", "Wij werken [+graag ]samen aan de overheid.")]
    [InlineData("Wij delen kennis.", "Wij delen ervaring.", "Wij delen [-kennis.][+ervaring.]")]
    [InlineData("", "Nieuw.", "[+Nieuw.]")]
    [InlineData("Weg.", "", "[-Weg.]")]
    [InlineData("Gelijk.", "Gelijk.", "Gelijk.")]
    public void Changed_words_are_marked_and_the_rest_stays_as_it_was(string before, string after, string expected) =>
        Assert.Equal(expected, Show(TextDiff.Words(before, after)));

    [Fact]
    public void Put_back_together_each_side_is_its_own_text()
    {
        const string before = "Een innovatieve overheid geeft ruimte voor initiatief.";
        const string after = "Een open overheid geeft veel ruimte aan initiatief en groei.";
        var parts = TextDiff.Words(before, after);

        Assert.Equal(before, string.Concat(parts.Where(p => p.Kind != TextDiffKind.Added).Select(p => p.Text)));
        Assert.Equal(after, string.Concat(parts.Where(p => p.Kind != TextDiffKind.Removed).Select(p => p.Text)));
    }

    [Fact]
    public void A_long_text_changed_throughout_is_shown_replaced_in_the_middle_and_kept_at_both_ends()
    {
        var words = Enumerable.Range(0, 1200).Select(i => $"w{i}").ToList();
        var before = "Begin " + string.Join(' ', words) + " einde.";
        var after = "Begin " + string.Join(' ', words.Select(w => w + "x")) + " einde.";

        var parts = TextDiff.Words(before, after);

        Assert.Equal([TextDiffKind.Same, TextDiffKind.Removed, TextDiffKind.Added, TextDiffKind.Same], parts.Select(p => p.Kind));
        Assert.Equal(("Begin ", "einde."), (parts[0].Text, parts[^1].Text));
    }
}
