using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Core.Tests.Content;

public class ContentMergeTests
{
    private static ContentVersion Version(string name, params (string Alias, string Value)[] values) =>
        new() { Name = name, Values = [.. values.Select(v => new ContentPropertyValue(v.Alias, null, v.Value))] };

    [Fact]
    public void What_only_one_of_two_editors_changed_is_kept_from_each()
    {
        var basis = Version("Delen", ("title", "Delen"), ("text", "Oud"), ("intro", "Inleiding"));
        var theirs = Version("Delen", ("title", "Kennis delen"), ("text", "Oud"), ("intro", "Inleiding"));

        var merged = ContentMerge.ThreeWay(basis, "Delen", [new("title", null, "Delen"), new("text", null, "Nieuw"), new("intro", null, "Inleiding")], theirs);

        Assert.Empty(merged.Conflicts);
        Assert.Equal([("title", "Kennis delen"), ("text", "Nieuw"), ("intro", "Inleiding")], merged.Values.Select(v => (v.Alias, v.Value)));
    }

    [Fact]
    public void A_field_both_changed_differently_is_a_conflict_with_both_values()
    {
        var basis = Version("Delen", ("text", "Oud"));
        var theirs = Version("Delen delen", ("text", "Hun tekst"));

        var merged = ContentMerge.ThreeWay(basis, "Kennis delen", [new("text", null, "Mijn tekst")], theirs);

        Assert.Equal([new ContentConflict(ContentMerge.NameAlias, "Kennis delen", "Delen delen"), new ContentConflict("text", "Mijn tekst", "Hun tekst")],
            merged.Conflicts);
    }

    [Fact]
    public void The_same_change_by_both_is_no_conflict() =>
        Assert.Empty(ContentMerge.ThreeWay(Version("A", ("text", "Oud")), "A", [new("text", null, "Nieuw")], Version("A", ("text", "Nieuw"))).Conflicts);
}
