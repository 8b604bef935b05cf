using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Core.Tests.Content;

public class ContentVersionStatesTests
{
    [Fact]
    public async Task Every_version_says_whether_it_is_live_a_concept_or_was_published_before()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var key = db.Cache.Current.ByRoute("/privacy/")!.Key;
        var imported = (await db.Queries.LatestVersionAsync(key))!;
        await db.Publishing.SaveAndPublishAsync(key, "Privacy anders", imported.Values, TestDatabase.Editor);
        await db.Editing.SaveAsync(key, "Privacy concept", imported.Values, TestDatabase.Editor);
        await db.Editing.SaveAsync(key, "Privacy nog een concept", imported.Values, TestDatabase.Editor);

        var node = (await db.Queries.NodeAsync(key))!;
        var versions = await db.Queries.VersionsAsync(key);
        var states = versions.OrderBy(v => v.Id).Select(v => ContentVersionStates.Of(node, v, versions)).ToList();

        Assert.Equal(4, states.Count);
        Assert.StartsWith("Eerder gepubliceerd (", states[0]);
        Assert.Equal("Op de site", states[1]);
        Assert.Equal("", states[2]);
        Assert.Equal("Concept", states[3]);
    }
}
