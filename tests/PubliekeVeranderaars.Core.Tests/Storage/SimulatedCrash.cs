using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PubliekeVeranderaars.Core.Tests.Storage;

/// <summary>Fails the n-th statement (or the commit) after it is armed, as a crash or a lost connection would.</summary>
internal sealed class SimulatedCrash : DbCommandInterceptor, IDbTransactionInterceptor
{
    /// <summary>Far more statements than any one operation runs; reaching it means the operation loops.</summary>
    private const int MaxSteps = 500;

    private int _armedAt = -1;
    private int _seen;

    public void Arm(int at)
    {
        _seen = 0;
        _armedAt = at;
    }

    public void Disarm() => _armedAt = -1;

    /// <summary>
    /// Runs <paramref name="operation"/> with a crash at its first statement, then its second, and so on until it gets
    /// through; after every crash <paramref name="state"/> must read as before, and after the run that got through, not.
    /// Returns how many crash points there were.
    /// </summary>
    public async Task<int> AtEveryStepAsync(Func<Task<string>> state, Func<Task> operation)
    {
        var before = await state();
        for (var at = 1; at < MaxSteps; at++)
        {
            Arm(at);
            try
            {
                await operation();
                Disarm();
                Assert.NotEqual(before, await state());
                return at - 1;
            }
            catch (Exception e) when (IsCrash(e))
            {
                Disarm();
            }
            Assert.Equal(before, await state());
        }
        throw new InvalidOperationException("The operation never got through");
    }

    /// <summary>EF Core wraps a failure during SaveChanges in its own exception.</summary>
    private static bool IsCrash(Exception? e) => e is not null && (e is SimulatedCrashException || IsCrash(e.InnerException));

    private void Step()
    {
        if (_armedAt >= 0 && ++_seen == _armedAt) throw new SimulatedCrashException();
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Step();
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Step();
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Step();
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    public ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Step();
        return ValueTask.FromResult(result);
    }

    private sealed class SimulatedCrashException() : Exception("Simulated crash");
}
