using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Storage;
using PubliekeVeranderaars.Core.Sync;

namespace PubliekeVeranderaars.Web.Tests.Content;

/// <summary>
/// Every page of every real export in the corpus answers without a server error once imported (issue 16): their
/// document types have no views here, their values are in editors we may not model.
/// </summary>
public sealed class CorpusPagesTests
{
    public static TheoryData<string> CorpusSets()
    {
        var sets = new TheoryData<string>();
        foreach (var set in RepositoryPaths.CorpusSets()) sets.Add(set);
        return sets;
    }

    [Theory]
    [MemberData(nameof(CorpusSets))]
    public async Task No_page_of_an_imported_real_site_answers_with_a_server_error(string set)
    {
        using var site = new SiteHost(DatabaseProvider.Sqlite, emptyDatabase: true,
            settings: new Dictionary<string, string?> { ["uSync:Folder"] = RepositoryPaths.CorpusSet(set) });
        using var visitor = site.CreateHttpClient();
        await visitor.GetAsync("/");
        var routes = site.GetService<PublishedContentCache>().Current.All.Select(c => c.Route).ToList();
        // A set with a published root page must have given pages, or this test would prove nothing. (Some sets are
        // partial exports: their pages' parents are not in them, so nothing of theirs is reachable.)
        var content = Path.Combine(RepositoryPaths.CorpusSet(set), USyncFolders.Content);
        if (Directory.Exists(content) && Directory.EnumerateFiles(content, "*.config").Select(File.ReadAllText)
                .Any(f => f.Contains("<Published Default=\"true\"") && f.Contains($"<Parent Key=\"{Guid.Empty}\"")))
            Assert.NotEmpty(routes);

        var failures = new List<string>();
        foreach (var route in routes)
        {
            var response = await visitor.GetAsync(route);
            if ((int)response.StatusCode >= 500) failures.Add($"{route}: {(int)response.StatusCode}");
            var api = await visitor.GetAsync("/umbraco/delivery/api/v2/content/item" + route);
            if ((int)api.StatusCode >= 500) failures.Add($"API {route}: {(int)api.StatusCode}");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }
}
