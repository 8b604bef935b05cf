using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Web.Tests.Content;

/// <summary>Two web nodes on one database, as in production on PostgreSQL: each keeps its own published cache.</summary>
public class SeveralNodesTests
{
    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task A_publish_on_one_node_is_served_by_the_other_without_a_restart(DatabaseProvider provider)
    {
        using var first = new SiteHost(provider) { KeepDataOnDispose = true };
        using var second = new SiteHost(provider, reuse: first);
        using var visitor = second.CreateHttpClient();
        var content = first.GetService<ContentService>();
        var key = first.GetService<PublishedContentCache>().Current.ByRoute("/zo-veranderen-wij/delen/")!.Key;
        var version = (await content.GetLatestVersionAsync(key))!;
        var text = $"Gedeeld over nodes heen {Guid.NewGuid():N}.";

        await content.SaveAsync(key, version.Name, version.Values.Select(v => v.Alias == "text" ? v with { Value = text } : v).ToList(), "test");
        await content.PublishAsync(key);

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!(await visitor.GetStringAsync("/zo-veranderen-wij/delen/")).Contains(text))
        {
            Assert.True(DateTime.UtcNow < deadline, "the second node still serves the old page");
            await Task.Delay(200);
        }
    }
}
