using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Search;

namespace PubliekeVeranderaars.Web.Jobs;

/// <summary>
/// Keeps this node's published cache in step with publishes on other web nodes, through the change journal in the
/// shared database (as Umbraco's cache instructions do). A publish on this node is seen here at once. The search
/// index follows every rebuild; when another process held it, it catches up here.
/// </summary>
public sealed class FollowContentChangesJob(PublishedContentCache cache, ContentSearch search, ILogger<FollowContentChangesJob> logger)
    : PeriodicJob(logger)
{
    /// <summary>Another node's publish shows here within this time; one cheap query per interval otherwise.</summary>
    protected override TimeSpan Interval => TimeSpan.FromSeconds(2);
    protected override string What => "Following content changes";

    public static WebApplicationBuilder AddTo(WebApplicationBuilder builder)
    {
        builder.Services.AddHostedService<FollowContentChangesJob>();
        return builder;
    }

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        if (await cache.CatchUpAsync(cancellationToken)) logger.LogInformation("Published cache rebuilt after a change on another node");
        search.CatchUp();
    }
}
