using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace PubliekeVeranderaars.Core.Storage;

/// <summary>
/// Group commit, the write path's way for inserts that arrive in bursts (signatures, sign-ups, their mail): writes that
/// arrive while a transaction is being committed wait and go together in the next one. Each caller still returns only
/// after its own rows (and its audit entry) are durable and its notifications raised, but a burst of a hundred posts
/// costs a handful of disk syncs instead of a hundred, and SQLite's single writer is never fought over.
/// </summary>
internal sealed class CommitQueue : IAsyncDisposable
{
    /// <summary>Large enough to absorb a burst in one transaction, small enough to keep each transaction short.</summary>
    private const int MaxBatch = 256;

    private readonly Channel<Work> _channel = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SiteDatabase _database;
    private readonly SiteNotifications _notifications;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly Task _writer;

    public CommitQueue(SiteDatabase database, SiteNotifications notifications, TimeProvider clock, ILogger logger)
    {
        _database = database;
        _notifications = notifications;
        _clock = clock;
        _logger = logger;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>
    /// Adds what <paramref name="add"/> puts in the unit, in a transaction shared with other callers. If the shared
    /// transaction fails, <paramref name="add"/> runs again in one of its own: it must decide afresh each time.
    /// </summary>
    public Task CommitAsync(Actor actor, Func<SiteWrite, Task> add, CancellationToken cancellationToken)
    {
        var work = new Work(actor, add, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_channel.Writer.TryWrite(work)) throw new InvalidOperationException("The commit queue is closed.");
        return work.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Work>(MaxBatch);
        while (await _channel.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _channel.Reader.TryRead(out var work)) batch.Add(work);
            IReadOnlyList<SiteNotification> raised;
            try
            {
                raised = await SaveAsync(batch);
            }
            catch (Exception batchError)
            {
                // One bad item must not fail its neighbours: commit each on its own, so only the bad one fails.
                _logger.LogWarning(batchError, "A group commit of {Count} writes failed; committing them one by one", batch.Count);
                foreach (var work in batch)
                {
                    try
                    {
                        await _notifications.PublishAsync(await SaveAsync([work]), CancellationToken.None);
                        work.Done.TrySetResult();
                    }
                    catch (Exception e)
                    {
                        work.Done.TrySetException(e);
                    }
                }
                continue;
            }
            await _notifications.PublishAsync(raised, CancellationToken.None);
            foreach (var work in batch) work.Done.TrySetResult();
        }
    }

    private async Task<IReadOnlyList<SiteNotification>> SaveAsync(IReadOnlyList<Work> batch)
    {
        await using var db = _database.Open();
        // The writes may read (a mail quota) as well as add, so they run inside the transaction, under the writer's lock.
        using var writing = await _database.WriteLockAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var now = _clock.GetUtcNow().UtcDateTime;
        var raised = new List<SiteNotification>();
        foreach (var work in batch)
        {
            var write = new SiteWrite(db, work.Actor, now, _notifications);
            await work.Add(write);
            write.Complete();
            raised.AddRange(write.Raised.Where(n => !raised.Contains(n)));
        }
        // The whole batch, audit entries included, or none of it.
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return raised;
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _writer;
    }

    private sealed record Work(Actor Actor, Func<SiteWrite, Task> Add, TaskCompletionSource Done);
}
