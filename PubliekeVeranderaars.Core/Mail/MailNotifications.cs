using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Mail;

/// <summary>Mail (or a post to another system) was committed to the outbox.</summary>
public sealed record MailQueuedNotification : SiteNotification;

/// <summary>New mail leaves at once instead of at the dispatcher's next poll.</summary>
public sealed class WakeDispatcherWhenMailIsQueued(OutboxSignal signal) : SiteNotificationHandler<MailQueuedNotification>
{
    protected override Task<string?> HandleAsync(MailQueuedNotification notification, CancellationToken cancellationToken)
    {
        signal.Notify();
        return Task.FromResult<string?>(null);
    }
}
