using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Initiatives;

namespace PubliekeVeranderaars.Core.Tests.Initiatives;

public class InitiativeListingTests
{
    // 45 initiatives in tree order; every third one is closed: 30 open, 15 closed.
    private static readonly IReadOnlyList<PublishedContent> Initiatives =
        Enumerable.Range(0, 45).Select(i => Initiative(i, i % 3 == 2 ? "[\"gesloten\"]" : "[\"open\"]")).ToList();

    [Fact]
    public void A_page_holds_twenty_in_tree_order_and_knows_how_many_pages_follow()
    {
        var first = InitiativeListing.For(Initiatives, InitiativeListingFilter.All, 1)!;
        Assert.Equal(Enumerable.Range(0, 20).Select(Name), first.Items.Select(i => i.Name));
        Assert.Equal(3, first.PageCount);
        Assert.Equal((30, 15, 45, 45), (first.OpenCount, first.ClosedCount, first.TotalCount, first.FilteredCount));

        var last = InitiativeListing.For(Initiatives, InitiativeListingFilter.All, 3)!;
        Assert.Equal(Enumerable.Range(40, 5).Select(Name), last.Items.Select(i => i.Name));
    }

    [Fact]
    public void A_filter_pages_through_only_what_it_keeps_and_still_counts_both()
    {
        var closed = InitiativeListing.For(Initiatives, InitiativeListingFilter.Closed, 1)!;
        Assert.Equal(15, closed.Items.Count);
        Assert.All(closed.Items, i => Assert.False(InitiativeStatus.IsOpen(i)));
        Assert.Equal((1, 15, 30), (closed.PageCount, closed.FilteredCount, closed.OpenCount));

        var open = InitiativeListing.For(Initiatives, InitiativeListingFilter.Open, 2)!;
        Assert.Equal(10, open.Items.Count);
        Assert.All(open.Items, i => Assert.True(InitiativeStatus.IsOpen(i)));
        Assert.Equal(2, open.PageCount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(4)]
    public void A_page_that_does_not_exist_is_null_not_an_empty_list(int page) =>
        Assert.Null(InitiativeListing.For(Initiatives, InitiativeListingFilter.All, page));

    [Fact]
    public void No_initiatives_is_one_empty_page()
    {
        var empty = InitiativeListing.For([], InitiativeListingFilter.Open, 1)!;
        Assert.Empty(empty.Items);
        Assert.Equal(1, empty.PageCount);
    }

    [Theory]
    [InlineData("open", InitiativeListingFilter.Open)]
    [InlineData(" Gesloten ", InitiativeListingFilter.Closed)]
    [InlineData("alle", InitiativeListingFilter.All)]
    [InlineData(null, InitiativeListingFilter.All)]
    [InlineData("<script>", InitiativeListingFilter.All)]
    public void The_filter_in_a_url_is_read_leniently_and_written_back_the_same(string? value, InitiativeListingFilter expected)
    {
        Assert.Equal(expected, InitiativeListing.ParseFilter(value));
        Assert.Equal(expected, InitiativeListing.ParseFilter(InitiativeListing.FilterValue(expected)));
    }

    private static string Name(int i) => $"Initiatief {i}";

    private static PublishedContent Initiative(int i, string status) => new()
    {
        Key = Guid.NewGuid(), ParentKey = null, ContentTypeAlias = InitiativeStatus.InitiativeTypeAlias, Name = Name(i),
        UrlSegment = $"initiatief-{i}", Route = $"/initiatieven/initiatief-{i}/", Level = 2, SortOrder = i,
        CreateDate = DateTime.UnixEpoch, UpdateDate = DateTime.UnixEpoch,
        Properties = new Dictionary<string, PublishedProperty>
        {
            [InitiativeStatus.StatusAlias] = new(InitiativeStatus.StatusAlias, EditorAliases.DropDownFlexible, status, IsSensitive: false),
        },
    };
}
