using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Core.Tests.Content;

public class PublishedContentCacheTests
{
    private const string Privacy = "/privacy/";

    private static async Task PublishTextAsync(TestDatabase db, Guid key, string alias, string value, string? name = null)
    {
        var version = (await db.Queries.LatestVersionAsync(key))!;
        var result = await db.Publishing.SaveAndPublishAsync(key, name ?? version.Name,
            [.. version.Values.Where(v => v.Alias != alias), new(alias, null, value)], TestDatabase.Editor);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
    }

    /// <summary>What a visitor and the Delivery API get of a page: its place, name and every property as served.</summary>
    private static string Served(PublishedContent page) =>
        $"{page.Key} {page.ParentKey} {page.Route} {page.Name} {page.UrlSegment} {page.Level} {page.SortOrder} {page.UpdateDate:O}\n" +
        string.Join("\n", page.Properties.Values.OrderBy(p => p.Alias, StringComparer.Ordinal)
            .Select(p => $"{p.Alias}={p.Value}|{p.PageHtml}|{p.RichTextBlocks}"));

    private static async Task<List<string>> FullBuildAsync(TestDatabase db)
    {
        var fresh = new PublishedContentCache(db.Database, new RichTextSanitizer(), TimeProvider.System);
        await fresh.RebuildAsync();
        return [.. fresh.Current.All.Select(Served)];
    }

    [Fact]
    public async Task Publishing_one_page_builds_only_that_page_and_serves_what_a_full_build_serves()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var before = db.Cache.Current;
        var key = before.ByRoute(Privacy)!.Key;

        await PublishTextAsync(db, key, "body", "<p>Wij bewaren <strong>niets</strong> langer dan nodig.</p>");

        var after = db.Cache.Current;
        Assert.True(after.Generation > before.Generation);
        Assert.Contains("<strong>niets</strong>", after.ByKey(key)!.GetHtml("body"));
        // Every other page is the very object of the snapshot before: nothing was read or cleaned again for it.
        Assert.All(before.All.Where(p => p.Key != key), p => Assert.Same(p, after.ByKey(p.Key)));
        Assert.Equal(await FullBuildAsync(db), after.All.Select(Served));
        Assert.Equal(before.Children(before.ByKey(key)!.ParentKey!.Value).Select(p => p.Key),
            after.Children(after.ByKey(key)!.ParentKey!.Value).Select(p => p.Key));
    }

    [Fact]
    public async Task A_renamed_page_moves_and_links_to_it_follow_as_after_a_full_build()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var target = db.Cache.Current.ByRoute(Privacy)!.Key;
        var home = db.Cache.Current.Home!.Key;
        await PublishTextAsync(db, home, "intro", $"<p>Lees <a href=\"/{{localLink:umb://document/{target:N}}}\">onze privacyverklaring</a>.</p>");
        Assert.Contains($"href=\"{Privacy}\"", db.Cache.Current.Home!.GetHtml("intro"));

        await PublishTextAsync(db, target, "body", "<p>Nieuwe naam.</p>", name: "Privacyverklaring");

        Assert.Null(db.Cache.Current.ByRoute(Privacy));
        Assert.NotNull(db.Cache.Current.ByRoute("/privacyverklaring/"));
        Assert.Contains("href=\"/privacyverklaring/\"", db.Cache.Current.Home!.GetHtml("intro"));
        Assert.Equal(await FullBuildAsync(db), db.Cache.Current.All.Select(Served));
    }

    [Fact]
    public async Task Unpublishing_moving_and_publishing_a_new_page_serve_what_a_full_build_serves()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var home = db.Cache.Current.Home!.Key;
        var lab = db.Cache.Current.ByRoute("/initiatieven/innovatielab-open-overheid/")!.Key;

        await db.Publishing.UnpublishAsync(db.Cache.Current.ByRoute(Privacy)!.Key, TestDatabase.Editor);
        Assert.Null(db.Cache.Current.ByRoute(Privacy));
        Assert.Equal(await FullBuildAsync(db), db.Cache.Current.All.Select(Served));

        var archive = await db.Editing.CreateAsync(home, "initiativesPage", "Archief", [new("title", null, "Archief")], TestDatabase.Editor);
        await db.Publishing.PublishAsync(archive.Node!.Key, TestDatabase.Editor);
        Assert.NotNull(db.Cache.Current.ByRoute("/archief/"));
        Assert.Equal(await FullBuildAsync(db), db.Cache.Current.All.Select(Served));

        Assert.True((await db.Tree.MoveAsync(lab, archive.Node.Key, TestDatabase.Editor)).Succeeded);
        Assert.NotNull(db.Cache.Current.ByRoute("/archief/innovatielab-open-overheid/"));
        Assert.Equal(await FullBuildAsync(db), db.Cache.Current.All.Select(Served));
    }

    [Fact]
    public async Task A_publish_after_another_nodes_change_still_shows_that_change()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var key = db.Cache.Current.ByRoute(Privacy)!.Key;
        var other = db.Cache.Current.ByRoute("/toegankelijkheid/")!;
        // Another web node changed a live version where it is (as an import's clean-up or a privacy erasure does)
        // and wrote its line in the change journal; this node has not polled the journal yet.
        await using (var context = db.Database.Open())
        {
            var version = await context.ContentVersions.SingleAsync(v => v.Id == context.ContentNodes.Single(n => n.Key == other.Key).PublishedVersionId);
            version.Values = [.. version.Values.Where(v => v.Alias != "body"), new("body", null, "<p>Elders gewijzigd.</p>")];
            context.ContentChanges.Add(new ContentChange { Utc = DateTime.UtcNow });
            await context.SaveChangesAsync();
        }

        await PublishTextAsync(db, key, "body", "<p>Hier gewijzigd.</p>");

        Assert.Contains("Hier gewijzigd.", db.Cache.Current.ByKey(key)!.GetHtml("body"));
        Assert.Contains("Elders gewijzigd.", db.Cache.Current.ByKey(other.Key)!.GetHtml("body"));
        Assert.False(await db.Cache.CatchUpAsync());
    }
}
