using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Web.Jobs;

/// <summary>Publishes and unpublishes pages at the times editors planned.</summary>
public sealed class PublishScheduledContentJob(ContentPublishingService publishing, ILogger<PublishScheduledContentJob> logger) : PeriodicJob(logger)
{
    /// <summary>A planned page goes live within half a minute of its time.</summary>
    protected override TimeSpan Interval => TimeSpan.FromSeconds(30);
    protected override string What => "Planned publishing";
    /// <summary>A planned time that passed while the site was down is carried out at once.</summary>
    protected override bool RunsAtStart => true;

    public static WebApplicationBuilder AddTo(WebApplicationBuilder builder)
    {
        builder.Services.AddHostedService<PublishScheduledContentJob>();
        return builder;
    }

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var done = await publishing.RunScheduleAsync(cancellationToken);
        if (done > 0) logger.LogInformation("Carried out {Count} planned publications", done);
    }
}
