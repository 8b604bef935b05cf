namespace PubliekeVeranderaars.Web.Jobs;

/// <summary>
/// A job that runs every <see cref="Interval"/> for as long as the site runs. A failed run is logged and the next
/// tick tries again: one bad moment (a database restart) must not stop the job for good.
/// </summary>
public abstract class PeriodicJob(ILogger logger) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    /// <summary>What the job does, for the log ("Planned publishing").</summary>
    protected abstract string What { get; }

    /// <summary>Whether the first run is at start-up rather than one interval later.</summary>
    protected virtual bool RunsAtStart => false;

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        if (!RunsAtStart && !await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false)) return;
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "{What} failed; trying again in {Interval}", What, Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
