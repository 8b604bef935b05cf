using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Storage;

namespace PubliekeVeranderaars.Testing;

/// <summary>
/// A real SMTP server on a loopback port, in the test process. It can be stopped and started again on the same
/// port, to model a mail server that is down for a while.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> _messages = new();
    /// <summary>Completed (and replaced) whenever a message arrives: waiting tests wake at once, without polling.</summary>
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? _stop;
    private Task? _running;

    public int Port { get; } = FreePort();
    public IReadOnlyCollection<MimeMessage> Messages => _messages;

    public TestSmtpServer() => Start();

    public void Start()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new ServiceProvider();
        services.Add(new Store(this));
        _stop = new CancellationTokenSource();
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public async Task StopAsync()
    {
        if (_stop is null || _running is null) return;
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // Stopping is what we asked for.
        }
        _stop.Dispose();
        _stop = null;
        _running = null;
    }

    /// <summary>Waits until a message matching <paramref name="match"/> has arrived; fails the test after the timeout.</summary>
    public async Task<MimeMessage> WaitForAsync(Func<MimeMessage, bool> match, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var arrived = Volatile.Read(ref _arrived).Task;
            var found = _messages.FirstOrDefault(match);
            if (found is not null) return found;
            try
            {
                await arrived.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No matching mail arrived; received: {string.Join(" | ", _messages.Select(m => $"{m.To} {m.Subject}"))}");
            }
        }
    }

    /// <summary>Waits until exactly <paramref name="count"/> messages match (or more have come: then it fails at once).</summary>
    public async Task WaitForCountAsync(Func<MimeMessage, bool> match, int count, TimeSpan? timeout = null)
    {
        await WaitForAsync(_ => _messages.Count(match) >= count, timeout);
        if (_messages.Count(match) != count) throw new InvalidOperationException($"{_messages.Count(match)} matching mails arrived, not {count}");
    }

    private void Receive(MimeMessage message)
    {
        _messages.Enqueue(message);
        Interlocked.Exchange(ref _arrived, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private sealed class Store(TestSmtpServer server) : MessageStore
    {
        public override async Task<SmtpServer.Protocol.SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            await using var stream = new MemoryStream(buffer.ToArray());
            server.Receive(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpServer.Protocol.SmtpResponse.Ok;
        }
    }
}
