using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Core.Tests.Content;

public class ContentQueriesTests
{
    [Fact]
    public async Task The_tree_outline_holds_the_pages_shown_and_counts_the_pages_of_a_folder_too_large_to_show()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var home = db.Cache.Current.Home!.Key;
        var initiatives = db.Cache.Current.ByRoute("/initiatieven/")!.Key;
        var principles = db.Cache.Current.ByRoute("/zo-veranderen-wij/")!.Key;
        var privacy = db.Cache.Current.ByRoute("/privacy/")!.Key;
        var archive = (await db.Editing.CreateAsync(home, "initiativesPage", "Archief", [new("title", null, "Archief")], TestDatabase.Editor)).Node!.Key;
        var archived = (await db.Editing.CreateAsync(archive, "initiative", "Gearchiveerd",
            [new("title", null, "Gearchiveerd"), new("summary", null, "Voorbij."), new("status", null, "[\"Gesloten\"]"),
             new("ownerName", null, "Eigenaar"), new("ownerEmail", null, "eigenaar@example.org")], TestDatabase.Editor)).Node!.Key;
        await db.Tree.TrashAsync(archive, TestDatabase.Editor);
        var principleCount = db.Cache.Current.Children(principles).Count;

        var outline = await db.Queries.OutlineAsync(branchLimit: principleCount - 1);

        var full = await db.Queries.TreeAsync();
        var keys = outline.Nodes.Select(n => n.Key).ToHashSet();
        // The folder with more pages than the limit shows a count and none of its pages; every other branch is whole.
        Assert.Equal(principleCount, outline.ChildCounts[principles]);
        Assert.DoesNotContain(full, n => n.ParentKey == principles && keys.Contains(n.Key));
        Assert.Contains(principles, keys);
        Assert.All(full.Where(n => n.ParentKey == initiatives), n => Assert.Contains(n.Key, keys));
        Assert.Equal(full.Count(n => n.ParentKey == initiatives), outline.ChildCounts[initiatives]);
        Assert.Contains(privacy, keys);
        // The recycle bin and what is under it stay out, as in the whole tree.
        Assert.DoesNotContain(archive, keys);
        Assert.DoesNotContain(archived, keys);
        Assert.DoesNotContain(full, n => n.Key == archived);
        Assert.Equal(full.Count(n => n.ParentKey == home), outline.ChildCounts[home]);
        // Each page as the whole tree holds it (names, states), not a part of it.
        var byKey = full.ToDictionary(n => n.Key);
        Assert.All(outline.Nodes, n => Assert.Equal((byKey[n.Key].Name, byKey[n.Key].PublishedVersionId, byKey[n.Key].SortOrder),
            (n.Name, n.PublishedVersionId, n.SortOrder)));
    }

    [Fact]
    public async Task The_editor_reads_the_newest_versions_and_what_they_restored_not_every_version_of_the_page()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var key = db.Cache.Current.ByRoute("/privacy/")!.Key;
        var first = (await db.Queries.EditorAsync(key))!.Version;
        var read = ContentEditorLimits.Default.VersionsRead;
        for (var i = 1; i <= read + 5; i++)
            Assert.True((await db.Editing.SaveAsync(key, $"Privacy {i}", first.Values, TestDatabase.Editor)).Succeeded);
        Assert.True((await db.Editing.RollbackAsync(key, first.Id, TestDatabase.Editor)).Succeeded);
        var all = await db.Queries.VersionsAsync(key);

        var editor = (await db.Queries.EditorAsync(key))!;

        // A page saved a thousand times opens as fast as a new one: its screen lists the newest and counts the rest.
        Assert.Equal(all.Count, editor.VersionCount);
        Assert.Equal(all.Take(read).Select(v => v.Id), editor.Versions.Take(read).Select(v => v.Id));
        // The version a shown one restored is read too, so the list can say which it was.
        Assert.Equal([.. all.Take(read).Select(v => v.Id), first.Id], editor.Versions.Select(v => v.Id));
        Assert.Contains("teruggezet (versie van", ContentVersionStates.Of(editor.Node, editor.Versions[0], editor.Versions));
    }

    [Fact]
    public async Task A_screen_of_the_history_reads_its_versions_and_what_they_restored_and_counts_all()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var key = db.Cache.Current.ByRoute("/privacy/")!.Key;
        var first = (await db.Queries.EditorAsync(key))!.Version;
        for (var i = 1; i <= 24; i++)
            Assert.True((await db.Editing.SaveAsync(key, $"Privacy {i}", first.Values, TestDatabase.Editor)).Succeeded);
        var restoredFrom = (await db.Queries.VersionsAsync(key))[^2];
        for (var i = 1; i <= 4; i++)
            Assert.True((await db.Editing.SaveAsync(key, $"Privacy nog {i}", first.Values, TestDatabase.Editor)).Succeeded);
        Assert.True((await db.Editing.RollbackAsync(key, restoredFrom.Id, TestDatabase.Editor)).Succeeded);
        var all = await db.Queries.VersionsAsync(key);
        var node = (await db.Queries.NodeAsync(key))!;

        var second = await db.Queries.VersionScreenAsync(key, skip: 10, take: 10);
        var last = await db.Queries.VersionScreenAsync(key, skip: 20, take: 10);
        var newest = await db.Queries.VersionScreenAsync(key, skip: 0, take: 10);

        Assert.Equal(all.Count, second.Count);
        Assert.Equal(all.Skip(10).Take(10).Select(v => v.Id), second.Shown.Select(v => v.Id));
        Assert.Empty(second.Restored);
        Assert.Equal(all.Skip(20).Select(v => v.Id), last.Shown.Select(v => v.Id));
        // The newest restored a version from a later screen: it is read to name it, not shown.
        Assert.Equal([restoredFrom.Id], newest.Restored.Select(v => v.Id));
        Assert.Contains("teruggezet (versie van", ContentVersionStates.Of(node, newest.Shown[0], [.. newest.Shown, .. newest.Restored]));
        Assert.Empty((await db.Queries.VersionScreenAsync(Guid.NewGuid(), 0, 10)).Shown);
    }

    [Fact]
    public async Task A_save_reads_the_page_its_newest_version_and_its_type_not_the_tree_or_the_history()
    {
        var statements = new TableReads();
        await using var db = await TestDatabase.CreateAsync(seed: true, interceptors: [statements]);
        var key = db.Cache.Current.ByRoute("/privacy/")!.Key;
        var editor = (await db.Queries.EditorAsync(key))!;
        Assert.True((await db.Editing.SaveAsync(key, "Privacy", editor.Version.Values, TestDatabase.Editor)).Succeeded);

        statements.Armed = true;
        var editing = (await db.Queries.EditingAsync(key))!;
        statements.Armed = false;

        Assert.Equal((await db.Queries.LatestVersionAsync(key))!.Id, editing.Version.Id);
        Assert.Equal(editor.Properties.Select(p => p.Alias), editing.Properties.Select(p => p.Alias));
        Assert.Equal(1, statements.Reads("ContentNodes"));
        Assert.Equal(1, statements.Reads("ContentVersions"));
        Assert.Null(await db.Queries.EditingAsync(Guid.NewGuid()));
    }

    /// <summary>Counts, while armed, the statements that read each table.</summary>
    private sealed class TableReads : DbCommandInterceptor
    {
        private readonly List<string> commands = [];
        public bool Armed { get; set; }

        public int Reads(string table) => commands.Count(c => c.Contains($"FROM \"{table}\"", StringComparison.Ordinal));

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (Armed) lock (commands) commands.Add(command.CommandText);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
