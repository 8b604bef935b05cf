using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace PubliekeVeranderaars.Core.Mail;

/// <summary>Delivers MIME messages; a batch opens one connection.</summary>
public interface IMailTransport
{
    Task<IMailSession> OpenAsync(CancellationToken cancellationToken);
}

public interface IMailSession : IAsyncDisposable
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>SMTP through MailKit.</summary>
public sealed class SmtpMailTransport(MailOptions options) : IMailTransport
{
    /// <summary>
    /// Per network step: long enough for a slow server, and shorter than the outbox's claim
    /// (<see cref="OutboxDispatcher.ClaimDuration"/>), so a hung server never outlives the claim of the message.
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public async Task<IMailSession> OpenAsync(CancellationToken cancellationToken)
    {
        var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        try
        {
            var smtp = options.Smtp;
            await client.ConnectAsync(smtp.Host ?? throw new InvalidOperationException("Mail:Smtp:Host is not set."), smtp.Port,
                smtp.UseTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.User))
                await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", cancellationToken);
            return new Session(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private sealed class Session(SmtpClient client) : IMailSession
    {
        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken) =>
            await client.SendAsync(message, cancellationToken);

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected) await client.DisconnectAsync(quit: true);
            }
            catch (Exception e) when (e is IOException or SmtpProtocolException or OperationCanceledException)
            {
                // The messages are sent; a connection that breaks while saying goodbye changes nothing.
            }
            client.Dispose();
        }
    }
}

/// <summary>Without an SMTP host: each message becomes a .eml file, written whole before it appears.</summary>
public sealed class PickupFolderMailTransport(MailOptions options) : IMailTransport
{
    public Task<IMailSession> OpenAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.PickupDirectory);
        return Task.FromResult<IMailSession>(new Session(options.PickupDirectory));
    }

    private sealed class Session(string directory) : IMailSession
    {
        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            var name = $"{DateTime.UtcNow:yyyyMMddTHHmmssfff}-{(message.MessageId ?? Guid.NewGuid().ToString("N")).Split('@')[0]}";
            var temporary = Path.Combine(directory, name + ".tmp");
            await using (var stream = File.Create(temporary)) await message.WriteToAsync(stream, cancellationToken);
            File.Move(temporary, Path.Combine(directory, name + ".eml"), overwrite: true);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
