using Microsoft.Extensions.Diagnostics.HealthChecks;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Web.Health;

public static class SiteHealthExtensions
{
    public const string HealthPath = "/health";

    public static WebApplicationBuilder AddSiteHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<PublishedCacheHealthCheck>("published-cache");
        return builder;
    }

    public static WebApplication MapSiteHealth(this WebApplication app)
    {
        app.MapHealthChecks(HealthPath);
        return app;
    }
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
