using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Web.Backoffice;

namespace PubliekeVeranderaars.Web.Tests.Backoffice;

/// <summary>The badges of the tree and the list view agree with the list view's filters.</summary>
public sealed class BackofficeContentStatusTests
{
    [Fact]
    public void A_page_planned_to_go_offline_is_marked_planned_as_the_filter_finds_it()
    {
        var node = new ContentNode { Key = Guid.NewGuid(), PublishedVersionId = 1, LatestVersionId = 1, UnpublishAtUtc = DateTime.UtcNow.AddDays(2) };

        Assert.Contains(BackofficeContentStatus.Badges(node), b => b.Text == "Gepland");
        Assert.True(BackofficeContentStatus.Filters.Single(f => f.Value == "gepland").Matches.Compile()(node));
    }

    [Fact]
    public void Every_badge_has_a_filter_that_finds_the_page()
    {
        var nodes = new[]
        {
            new ContentNode { Key = Guid.NewGuid() },
            new ContentNode { Key = Guid.NewGuid(), PublishedVersionId = 1, LatestVersionId = 2 },
            new ContentNode { Key = Guid.NewGuid(), PublishAtUtc = DateTime.UtcNow.AddDays(1) },
            new ContentNode { Key = Guid.NewGuid(), PublishedVersionId = 1, LatestVersionId = 1, UnpublishAtUtc = DateTime.UtcNow.AddDays(1) },
            new ContentNode { Key = Guid.NewGuid(), AwaitingPublication = true },
        };
        foreach (var node in nodes)
        foreach (var (text, _) in BackofficeContentStatus.Badges(node))
            Assert.Contains(BackofficeContentStatus.Filters, f => f.Value.Length > 0 && f.Label.StartsWith(text, StringComparison.OrdinalIgnoreCase) && f.Matches.Compile()(node));
    }
}
