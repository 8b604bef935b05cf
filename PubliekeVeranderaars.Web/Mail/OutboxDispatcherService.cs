using Microsoft.Extensions.Options;
using PubliekeVeranderaars.Core.Mail;

namespace PubliekeVeranderaars.Web.Mail;

/// <summary><c>Mail:Outbox:*</c>.</summary>
public sealed class OutboxDispatcherOptions
{
    public const string Section = "Mail:Outbox";

    /// <summary>Off only to model a site that stopped between commit and sending (tests) or for benchmarks.</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>Retries and other nodes' messages are picked up at least this often; new mail is signalled at once.</summary>
    public int PollSeconds { get; set; } = 2;
}

/// <summary>Runs the outbox dispatcher for as long as the site runs; pending mail from before a restart goes first.</summary>
public sealed class OutboxDispatcherService(OutboxDispatcher dispatcher, OutboxSignal signal, IOptions<OutboxDispatcherOptions> options,
    ILogger<OutboxDispatcherService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            logger.LogWarning("The mail outbox dispatcher is off (Mail:Outbox:Enabled=false): mail stays pending");
            return;
        }
        var poll = TimeSpan.FromSeconds(Math.Max(1, options.Value.PollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await dispatcher.DispatchDueAsync(stoppingToken) > 0)
                {
                    // Drain what is due before waiting again.
                }
                await signal.WaitAsync(poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be briefly unreachable; the messages wait in it, so try again after a pause.
                logger.LogError(e, "The outbox dispatcher failed; retrying in {Delay}", poll);
                await Task.Delay(poll, stoppingToken);
            }
        }
    }
}
