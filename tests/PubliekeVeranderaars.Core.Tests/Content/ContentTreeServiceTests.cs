using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Core.Tests.Content;

public class ContentTreeServiceTests
{
    [Fact]
    public async Task A_moved_page_lives_at_its_new_address_and_the_old_one_redirects()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var home = db.Cache.Current.Home!.Key;
        var archive = await db.Editing.CreateAsync(home, "initiativesPage", "Archief", [new("title", null, "Archief")], TestDatabase.Editor);
        await db.Publishing.PublishAsync(archive.Node!.Key, TestDatabase.Editor);
        var lab = db.Cache.Current.ByRoute("/initiatieven/innovatielab-open-overheid/")!.Key;

        var moved = await db.Tree.MoveAsync(lab, archive.Node.Key, TestDatabase.Editor);

        Assert.True(moved.Succeeded);
        Assert.Equal(lab, db.Cache.Current.ByRoute("/archief/innovatielab-open-overheid/")!.Key);
        Assert.Equal("/archief/innovatielab-open-overheid/", db.Cache.Current.RedirectFor("/initiatieven/innovatielab-open-overheid/"));
        Assert.Equal(3, (await db.Queries.NodeAsync(lab))!.Level);
    }

    [Fact]
    public async Task A_page_cannot_move_below_itself_or_where_its_type_is_not_allowed()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var initiatives = db.Cache.Current.ByRoute("/initiatieven/")!.Key;
        var lab = db.Cache.Current.ByRoute("/initiatieven/innovatielab-open-overheid/")!.Key;
        var principles = db.Cache.Current.ByRoute("/zo-veranderen-wij/")!.Key;

        Assert.Equal(ContentOperationStatus.Invalid, (await db.Tree.MoveAsync(lab, principles, TestDatabase.Editor)).Status);
        Assert.Equal(ContentOperationStatus.Invalid, (await db.Tree.MoveAsync(initiatives, lab, TestDatabase.Editor)).Status);
    }

    [Fact]
    public async Task Shifting_a_page_swaps_it_with_its_neighbour()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var principles = db.Cache.Current.ByRoute("/zo-veranderen-wij/")!.Key;
        var innoveren = db.Cache.Current.ByRoute("/zo-veranderen-wij/innoveren/")!.Key;

        await db.Tree.SortAsync(innoveren, -1, TestDatabase.Editor);

        Assert.Equal(["Innoveren", "Verbeelden", "Motiveren"], db.Cache.Current.Children(principles).Take(3).Select(c => c.Name));
        await db.Tree.SortAsync(innoveren, -1, TestDatabase.Editor);
        Assert.Equal("Innoveren", db.Cache.Current.Children(principles)[0].Name);
    }
}
