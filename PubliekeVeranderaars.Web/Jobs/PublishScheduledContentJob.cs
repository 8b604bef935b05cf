using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Web.Jobs;

/// <summary>Publishes and unpublishes pages at the times editors planned.</summary>
public sealed class PublishScheduledContentJob(ContentService content, ILogger<PublishScheduledContentJob> logger) : BackgroundService
{
    /// <summary>A planned page goes live within half a minute of its time.</summary>
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    public static WebApplicationBuilder AddTo(WebApplicationBuilder builder)
    {
        builder.Services.AddHostedService<PublishScheduledContentJob>();
        return builder;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                var done = await content.RunScheduleAsync(stoppingToken);
                if (done > 0) logger.LogInformation("Carried out {Count} planned publications", done);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Planned publishing failed; trying again in {Interval}", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
