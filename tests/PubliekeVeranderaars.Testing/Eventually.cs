namespace PubliekeVeranderaars.Testing;

/// <summary>
/// Waits for what a background job will do (a mail sent, a figure refreshed) by asking again until it holds, instead
/// of sleeping a fixed time: as fast as the site is, and a clear failure when it never happens.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <returns>The first reading for which <paramref name="holds"/> is true.</returns>
    /// <exception cref="TimeoutException">It did not hold within <paramref name="within"/>; the message has the last reading.</exception>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> holds, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var reading = await read();
            if (holds(reading)) return reading;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Not within {within.TotalSeconds} s: {what}");
            await Task.Delay(Interval);
        }
    }
}
