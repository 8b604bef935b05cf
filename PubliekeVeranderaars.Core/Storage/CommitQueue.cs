using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace PubliekeVeranderaars.Core.Storage;

/// <summary>
/// Group commit: writes that arrive while a transaction is being committed wait and go together in the next one.
/// Each caller still returns only after its own rows are durable, but a burst of a hundred posts costs a handful of
/// disk syncs instead of a hundred, and SQLite's single writer is never fought over.
/// </summary>
public sealed class CommitQueue : IAsyncDisposable
{
    /// <summary>Large enough to absorb a burst in one transaction, small enough to keep each transaction short.</summary>
    private const int MaxBatch = 256;

    private readonly Channel<Work> _channel = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SiteDatabase _database;
    private readonly ILogger<CommitQueue> _logger;
    private readonly Task _writer;

    public CommitQueue(SiteDatabase database, ILogger<CommitQueue> logger)
    {
        _database = database;
        _logger = logger;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Adds what <paramref name="add"/> puts in the context, in a transaction shared with other callers.</summary>
    public Task CommitAsync(Action<SiteDbContext> add, CancellationToken cancellationToken = default)
    {
        var work = new Work(add, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
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
            try
            {
                await SaveAsync(batch);
                foreach (var work in batch) work.Done.TrySetResult();
            }
            catch (Exception batchError)
            {
                // One bad item must not fail its neighbours: commit each on its own, so only the bad one fails.
                _logger.LogWarning(batchError, "A group commit of {Count} writes failed; committing them one by one", batch.Count);
                foreach (var work in batch)
                {
                    try
                    {
                        await SaveAsync([work]);
                        work.Done.TrySetResult();
                    }
                    catch (Exception e)
                    {
                        work.Done.TrySetException(e);
                    }
                }
            }
        }
    }

    private async Task SaveAsync(IReadOnlyList<Work> batch)
    {
        await using var db = _database.Open();
        foreach (var work in batch) work.Add(db);
        using var writing = await _database.WriteLockAsync();
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _writer;
    }

    private sealed record Work(Action<SiteDbContext> Add, TaskCompletionSource Done);
}
