using Microsoft.Extensions.Diagnostics.HealthChecks;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Web.Health;

public static class SiteHealthExtensions
{
    public const string HealthPath = "/health";
    /// <summary>The process answers: a supervisor restarts it when this fails.</summary>
    public const string LivePath = "/health/live";
    /// <summary>The site can serve and deliver: a load balancer sends no visitors while this fails.</summary>
    public const string ReadyPath = "/health/ready";
    private const string ReadyTag = "ready";

    public static WebApplicationBuilder AddSiteHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<PublishedCacheHealthCheck>("published-cache")
            .AddCheck<OutboxHealthCheck>("outbox", tags: [ReadyTag])
            .AddCheck<SearchIndexHealthCheck>("search-index", tags: [ReadyTag]);
        return builder;
    }

    public static WebApplication MapSiteHealth(this WebApplication app)
    {
        app.MapHealthChecks(HealthPath);
        app.MapHealthChecks(LivePath, new() { Predicate = _ => false });
        app.MapHealthChecks(ReadyPath, new() { Predicate = check => check.Tags.Contains(ReadyTag) });
        return app;
    }
}

/// <summary>Mail that waits more than ten minutes means the mail server is down or refusing: sign-ups get no answer.</summary>
internal sealed class OutboxHealthCheck(Core.Mail.OutboxQueries outbox) : IHealthCheck
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var state = await outbox.StateAsync(cancellationToken);
            var description = $"{state.Pending} waiting, the oldest for {state.OldestAge.TotalSeconds:0} s";
            return state.OldestAge > MaxAge ? HealthCheckResult.Degraded(description) : HealthCheckResult.Healthy(description);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("outbox not readable", e);
        }
    }
}

/// <summary>Search answers from an open index; while a missing one is first built, the site serves but search waits.</summary>
internal sealed class SearchIndexHealthCheck(Core.Search.ContentSearch search) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(search.IsAvailable ? HealthCheckResult.Healthy() : HealthCheckResult.Degraded("the search index is being built"));
}

internal sealed class DatabaseHealthCheck(SiteDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy($"{database.Provider} reachable")
                : HealthCheckResult.Unhealthy($"{database.Provider} not reachable");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{database.Provider} not reachable", e);
        }
    }
}

internal sealed class PublishedCacheHealthCheck(PublishedContentCache cache) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(cache.Current.Home is null
            ? HealthCheckResult.Degraded("Nothing is published yet")
            : HealthCheckResult.Healthy());
}
