using Microsoft.Extensions.Logging;

namespace PubliekeVeranderaars.Core.Storage;

/// <summary>Something that happened (<c>…ed</c>), told to its handlers after the commit that made it so.</summary>
public abstract record SiteNotification;

/// <summary>Something about to happen (<c>…ing</c>): a handler may refuse it, before anything is changed.</summary>
public interface ICancellableNotification;

/// <summary>Reacts to one kind of notification. Named for what it does: <c>RebuildPublishedCacheWhenContentChanges</c>.</summary>
public interface ISiteNotificationHandler
{
    bool Handles(object notification);

    /// <returns>For a <see cref="ICancellableNotification"/>: null to let it go ahead, or why not. Otherwise null.</returns>
    Task<string?> HandleAsync(object notification, CancellationToken cancellationToken);
}

/// <summary>A handler of <typeparamref name="T"/>: the base every handler derives from.</summary>
public abstract class SiteNotificationHandler<T> : ISiteNotificationHandler
{
    public bool Handles(object notification) => notification is T;

    public Task<string?> HandleAsync(object notification, CancellationToken cancellationToken) =>
        HandleAsync((T)notification, cancellationToken);

    protected abstract Task<string?> HandleAsync(T notification, CancellationToken cancellationToken);
}

/// <summary>Hands notifications to the handlers registered for them, in registration order.</summary>
public sealed class SiteNotifications(IEnumerable<ISiteNotificationHandler> handlers, ILogger<SiteNotifications> logger)
{
    private readonly ISiteNotificationHandler[] _handlers = [.. handlers];

    /// <returns>The first refusal, or null when every handler lets the operation go ahead.</returns>
    internal async Task<string?> AskAsync(ICancellableNotification notification, CancellationToken cancellationToken)
    {
        foreach (var handler in _handlers.Where(h => h.Handles(notification)))
        {
            if (await handler.HandleAsync(notification, cancellationToken) is { } refusal) return refusal;
        }
        return null;
    }

    /// <summary>
    /// After the commit: the change is made, whatever a handler does. A handler that fails is logged and the others
    /// still run; what it should have done is caught up by its own means (the cache by the change journal).
    /// </summary>
    internal async Task PublishAsync(IEnumerable<SiteNotification> raised, CancellationToken cancellationToken)
    {
        foreach (var notification in raised)
        {
            foreach (var handler in _handlers.Where(h => h.Handles(notification)))
            {
                try
                {
                    await handler.HandleAsync(notification, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "{Handler} failed on {Notification}", handler.GetType().Name, notification);
                }
            }
        }
    }
}
