namespace PubliekeVeranderaars.Core.Mail;

/// <summary>When to try a message again, and when to give up on it.</summary>
public static class OutboxRetryPolicy
{
    /// <summary>The promise: once the server answers again, mail goes out within a minute.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);

    /// <summary>A mail server down for a weekend still gets its mail; after two days a human should look instead.</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromDays(2);

    /// <summary>A refusal (5xx) may be a passing misconfiguration; three tries tell it from a real refusal.</summary>
    public const int MaxPermanentFailures = 3;

    /// <summary>1 s, 2 s, 4 s ... up to one minute.</summary>
    public static TimeSpan Delay(int attempts)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 16);
        var delay = FirstDelay * Math.Pow(2, exponent);
        return delay < MaxDelay ? delay : MaxDelay;
    }
}
