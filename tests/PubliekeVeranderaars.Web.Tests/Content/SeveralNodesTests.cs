using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Web.Tests.Content;

/// <summary>
/// Two web nodes on one database, as in production on PostgreSQL: each keeps its own published cache. Node A is the
/// running site; node B is a second published cache on the same database, which is what a second node holds.
/// (A second in-process web host would race WebApplicationFactory's port set-up when its start-up is this fast.)
/// </summary>
public class SeveralNodesTests
{
    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task A_publish_on_one_node_reaches_the_other_through_the_change_journal(DatabaseProvider provider)
    {
        using var nodeA = new SiteHost(provider);
        var nodeB = new PublishedContentCache(new SiteDatabase(provider, nodeA.ConnectionString), new RichTextSanitizer(), TimeProvider.System);
        await nodeB.RebuildAsync();
        var content = new SiteContent(nodeA);
        var key = nodeB.Current.ByRoute("/zo-veranderen-wij/delen/")!.Key;
        var version = (await content.GetLatestVersionAsync(key))!;
        var text = $"Gedeeld over nodes heen {Guid.NewGuid():N}.";
        Assert.False(await nodeB.CatchUpAsync());

        await content.SaveAsync(key, version.Name, version.Values.Select(v => v.Alias == "text" ? v with { Value = text } : v).ToList(), "test");
        await content.PublishAsync(key);

        Assert.DoesNotContain(text, nodeB.Current.ByKey(key)!.GetString("text"));
        Assert.True(await nodeB.CatchUpAsync());
        Assert.Equal(text, nodeB.Current.ByKey(key)!.GetString("text"));
        Assert.False(await nodeB.CatchUpAsync());
    }
}
