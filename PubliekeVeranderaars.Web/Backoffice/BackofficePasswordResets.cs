using System.Threading.Channels;
using Microsoft.AspNetCore.Identity;
using PubliekeVeranderaars.Core.Backoffice;

namespace PubliekeVeranderaars.Web.Backoffice;

/// <summary>
/// "Wachtwoord vergeten" answers at once and does the same for every address: it only queues the request. Looking the
/// address up, making the token and queueing the mail happen here, afterwards, so neither the answer nor its timing
/// tells anyone whether an account exists.
/// </summary>
public sealed class BackofficePasswordResets(IServiceScopeFactory scopes, ILogger<BackofficePasswordResets> logger) : BackgroundService
{
    /// <summary>Far more than the rate limit lets through; past it a request is dropped (the limit per address caps the mail anyway).</summary>
    private const int Capacity = 10_000;

    private readonly Channel<string> _requests = Channel.CreateBounded<string>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true,
    });
    private int _pending;

    /// <summary>Requests queued and not handled yet (tests wait for none).</summary>
    public int Pending => Volatile.Read(ref _pending);

    public void Request(string email)
    {
        Interlocked.Increment(ref _pending);
        if (!_requests.Writer.TryWrite(email.Trim())) Interlocked.Decrement(ref _pending);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var email in _requests.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var users = scope.ServiceProvider.GetRequiredService<UserManager<BackofficeUser>>();
                if (await users.FindByEmailAsync(email) is { } user)
                {
                    await scope.ServiceProvider.GetRequiredService<BackofficeMailer>()
                        .SendPasswordResetAsync(user.Email!, await users.GeneratePasswordResetTokenAsync(user), stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "A password reset request could not be handled");
            }
            finally
            {
                Interlocked.Decrement(ref _pending);
            }
        }
    }
}
