using Cronos;
using PubliekeVeranderaars.Core.Forms;
using PubliekeVeranderaars.Core.Mail;
using PubliekeVeranderaars.Core.Signatures;

namespace PubliekeVeranderaars.Web.Jobs;

/// <summary>
/// Every hour: deletes form entries past their form's retention period, signatures nobody confirmed within
/// 14 days, and mails past their retention (30 days after delivery). What the privacy page promises, done on time without anyone remembering to.
/// </summary>
public sealed class DeleteExpiredPersonalDataJob(FormEntryRetention entries, SignatureExpiry signatures, OutboxRetention mails, MailQuota quotas,
    TimeProvider clock, ILogger<DeleteExpiredPersonalDataJob> logger) : BackgroundService
{
    /// <summary>Hourly, off the full hour when other jobs on shared servers tend to run.</summary>
    public static readonly CronExpression Schedule = CronExpression.Parse("17 * * * *");

    public static WebApplicationBuilder AddTo(WebApplicationBuilder builder)
    {
        builder.Services.AddHostedService<DeleteExpiredPersonalDataJob>();
        return builder;
    }

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await entries.DeleteExpiredAsync(cancellationToken);
        await signatures.DeleteExpiredAsync(cancellationToken);
        await mails.DeleteExpiredAsync(cancellationToken);
        await quotas.DeleteExpiredAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var next = Schedule.GetNextOccurrence(now, TimeZoneInfo.Utc) ?? now.AddHours(1);
            try
            {
                await Task.Delay(next - now, clock, stoppingToken);
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Deleting expired personal data failed; it runs again at the next hour");
            }
        }
    }
}
