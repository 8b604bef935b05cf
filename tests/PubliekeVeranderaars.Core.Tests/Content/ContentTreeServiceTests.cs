using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Storage;

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
    public async Task A_page_cannot_move_below_a_page_in_the_recycle_bin_and_the_move_targets_say_the_same()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var home = db.Cache.Current.Home!.Key;
        var archive = await db.Editing.CreateAsync(home, "initiativesPage", "Archief", [new("title", null, "Archief")], TestDatabase.Editor);
        await db.Tree.TrashAsync(archive.Node!.Key, TestDatabase.Editor);
        var lab = db.Cache.Current.ByRoute("/initiatieven/innovatielab-open-overheid/")!.Key;

        // A hand-made request: the screen offers no such target, the service must refuse it too.
        var moved = await db.Tree.MoveAsync(lab, archive.Node.Key, TestDatabase.Editor);

        Assert.Equal(ContentOperationStatus.Invalid, moved.Status);
        Assert.Contains("prullenbak", moved.Errors.Single().Message);
        Assert.Equal("/initiatieven/innovatielab-open-overheid/", db.Cache.Current.ByKey(lab)!.Route);
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

    [Fact]
    public async Task Pages_dragged_into_a_new_order_keep_it_and_a_stale_order_is_refused()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var initiatives = db.Cache.Current.ByRoute("/initiatieven/")!.Key;
        var order = db.Cache.Current.Children(initiatives).Select(c => c.Key).Reverse().ToList();

        var reordered = await db.Tree.ReorderAsync(initiatives, order, TestDatabase.Editor);
        var stale = await db.Tree.ReorderAsync(initiatives, order.Take(2).ToList(), TestDatabase.Editor);

        Assert.True(reordered.Succeeded);
        Assert.Equal(order, db.Cache.Current.Children(initiatives).Select(c => c.Key));
        Assert.Equal(ContentOperationStatus.Invalid, stale.Status);
    }

    [Fact]
    public async Task Only_what_is_in_the_bin_is_deleted_for_good_with_its_versions_and_everything_below_it()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var initiatives = db.Cache.Current.ByRoute("/initiatieven/")!.Key;
        var lab = db.Cache.Current.ByRoute("/initiatieven/innovatielab-open-overheid/")!.Key;

        var refused = await db.Tree.DeleteForGoodAsync(lab, TestDatabase.Editor);
        await db.Tree.TrashAsync(initiatives, TestDatabase.Editor);
        var deleted = await db.Tree.DeleteForGoodAsync(initiatives, TestDatabase.Editor);

        Assert.Equal(ContentOperationStatus.Invalid, refused.Status);
        Assert.True(deleted.Succeeded);
        Assert.Null(await db.Queries.NodeAsync(lab));
        Assert.Empty(await db.Queries.VersionsAsync(lab));
        Assert.NotNull(db.Cache.Current.ByRoute("/zo-veranderen-wij/"));
    }

    [Fact]
    public async Task Emptying_the_bin_deletes_all_of_it_and_nothing_else()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var privacy = db.Cache.Current.ByRoute("/privacy/")!.Key;
        var delen = db.Cache.Current.ByRoute("/zo-veranderen-wij/delen/")!.Key;
        var before = (await db.Queries.TreeAsync()).Count;
        await db.Tree.TrashAsync(privacy, TestDatabase.Editor);
        await db.Tree.TrashAsync(delen, TestDatabase.Editor);

        var emptied = await db.Tree.EmptyBinAsync(TestDatabase.Editor);

        Assert.Equal(2, emptied.Deleted);
        Assert.Empty(await db.Queries.TrashedAsync());
        Assert.Equal(before - 2, (await db.Queries.TreeAsync()).Count);
    }
}

/// <summary>A rule that keeps pages: a handler refuses every deletion for good, as a retention policy or workflow would.</summary>
public class ContentDeletionVetoTests
{
    private sealed class KeepEverything : SiteNotificationHandler<ContentChangingNotification>
    {
        public const string Reason = "Pagina's bewaren we zeven jaar.";

        protected override Task<string?> HandleAsync(ContentChangingNotification notification, CancellationToken cancellationToken) =>
            Task.FromResult(notification.Operation == ContentOperation.Delete ? Reason : null);
    }

    [Fact]
    public async Task A_handler_can_refuse_deleting_a_page_for_good_and_emptying_the_bin_and_then_nothing_goes()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true, handlers: [new KeepEverything()]);
        var privacy = db.Cache.Current.ByRoute("/privacy/")!.Key;
        await db.Tree.TrashAsync(privacy, TestDatabase.Editor);

        var deleted = await db.Tree.DeleteForGoodAsync(privacy, TestDatabase.Editor);
        var emptied = await db.Tree.EmptyBinAsync(TestDatabase.Editor);

        Assert.Equal(KeepEverything.Reason, deleted.Errors.Single().Message);
        Assert.Equal((0, KeepEverything.Reason), (emptied.Deleted, emptied.Refused));
        Assert.Equal(privacy, Assert.Single(await db.Queries.TrashedAsync()).Key);
    }

    /// <summary>Keeps one page: a rule about a child is not escaped by deleting its parent.</summary>
    private sealed class KeepOne(Guid key) : SiteNotificationHandler<ContentChangingNotification>
    {
        protected override Task<string?> HandleAsync(ContentChangingNotification notification, CancellationToken cancellationToken) =>
            Task.FromResult(notification.Operation == ContentOperation.Delete && notification.Key == key ? KeepEverything.Reason : null);
    }

    [Fact]
    public async Task Deleting_a_parent_for_good_asks_about_every_page_below_it()
    {
        await using var seeded = await TestDatabase.CreateAsync(seed: true);
        var lab = seeded.Cache.Current.ByRoute("/initiatieven/innovatielab-open-overheid/")!.Key;
        await using var db = await TestDatabase.CreateAsync(seed: true, handlers: [new KeepOne(lab)]);
        var initiatives = db.Cache.Current.ByRoute("/initiatieven/")!.Key;
        await db.Tree.TrashAsync(initiatives, TestDatabase.Editor);

        var deleted = await db.Tree.DeleteForGoodAsync(initiatives, TestDatabase.Editor);

        Assert.Equal(KeepEverything.Reason, deleted.Errors.Single().Message);
        Assert.NotNull(await db.Queries.NodeAsync(lab));
    }
}

public class ContentBulkOperationsTests
{
    [Fact]
    public async Task A_bulk_action_does_each_page_it_may_and_says_why_not_for_the_others()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var bulk = new ContentBulkOperations(db.Publishing, db.Tree, db.Queries);
        var initiatives = db.Cache.Current.Children(db.Cache.Current.ByRoute("/initiatieven/")!.Key).Select(c => c.Key).ToList();
        var withDraft = initiatives[0];
        var version = (await db.Queries.LatestVersionAsync(withDraft))!;
        await db.Editing.SaveAsync(withDraft, version.Name, version.Values, TestDatabase.Editor);

        var closed = await bulk.RunAsync(ContentBulkAction.CloseForSignUps, initiatives, TestDatabase.Editor);
        var home = await bulk.RunAsync(ContentBulkAction.Trash, [db.Cache.Current.Home!.Key], TestDatabase.Editor);

        Assert.Equal(initiatives.Count - 1, closed.Done);
        Assert.Contains("concept", Assert.Single(closed.Refused).Reason);
        Assert.All(initiatives.Skip(1), key => Assert.False(Core.Initiatives.InitiativeStatus.IsOpen(db.Cache.Current.ByKey(key)!)));
        Assert.Equal(0, home.Done);
        Assert.Contains("startpagina", Assert.Single(home.Refused).Reason);
    }
}
