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
}
