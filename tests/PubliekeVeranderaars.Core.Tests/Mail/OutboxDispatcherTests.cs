using System.Collections.Concurrent;
using System.Net;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using PubliekeVeranderaars.Core.Mail;

namespace PubliekeVeranderaars.Core.Tests.Mail;

public class OutboxDispatcherTests
{
    /// <summary>A transport that records what it sends, or fails as told.</summary>
    private sealed class FakeTransport : IMailTransport, IMailSession
    {
        public ConcurrentBag<string> Sent { get; } = [];
        public Func<MimeMessage, Exception?> Fail { get; set; } = _ => null;
        public TimeSpan Delay { get; set; }

        public Task<IMailSession> OpenAsync(CancellationToken cancellationToken) => Task.FromResult<IMailSession>(this);

        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            await Task.Delay(Delay, cancellationToken);
            if (Fail(message) is { } error) throw error;
            Sent.Add(message.MessageId ?? "");
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private static OutboxDispatcher Dispatcher(TestDatabase db, IMailTransport transport, HttpMessageHandler? http = null) =>
        new(db.Database, db.Writer, transport, new WebhookSender(new HttpClient(http ?? new HttpClientHandler()), key => key == "Secret" ? "geheim" : null),
            TimeProvider.System, NullLogger<OutboxDispatcher>.Instance);

    private static async Task<List<OutboxMessage>> AddMailAsync(TestDatabase db, int count, string to = "jan@example.org")
    {
        await using var context = db.Database.Open();
        var messages = Enumerable.Range(0, count).Select(i => new OutboxMessage
        {
            Kind = OutboxKind.Email, Status = OutboxStatus.Pending, CreatedUtc = DateTime.UtcNow, NextAttemptUtc = DateTime.UtcNow,
            MessageId = $"m{i}-{Guid.NewGuid():N}@test", FromAddress = "noreply@test.nl", ToAddress = to, Subject = $"Bericht {i}",
            TextBody = "t", HtmlBody = "<p>t</p>",
        }).ToList();
        context.OutboxMessages.AddRange(messages);
        await context.SaveChangesAsync();
        return messages;
    }

    private static async Task<List<OutboxMessage>> AllAsync(TestDatabase db)
    {
        await using var context = db.Database.Open();
        return await context.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
    }

    [Fact]
    public async Task A_message_blanked_while_its_batch_is_being_sent_is_not_sent_and_stays_blank()
    {
        await using var db = await TestDatabase.CreateAsync();
        var messages = await AddMailAsync(db, 2);
        var transport = new FakeTransport();
        // While the first is on its way, its person withdraws and the second (to the same person) is blanked.
        transport.Fail = sending =>
        {
            if (sending.MessageId == messages[0].MessageId)
                db.Writer.WriteAsync(PubliekeVeranderaars.Core.Storage.Actor.Visitor, write => MailTraces.ForgetMessagesAsync(write, [messages[1].Id], CancellationToken.None)).GetAwaiter().GetResult();
            return null;
        };

        await Dispatcher(db, transport).DispatchDueAsync(CancellationToken.None);

        Assert.Equal([messages[0].MessageId], transport.Sent);
        var second = (await AllAsync(db))[1];
        Assert.Equal((OutboxStatus.Cancelled, MailTraces.Blanked, ""), (second.Status, second.ToAddress, second.TextBody));
    }

    [Fact]
    public async Task Dispatch_sends_due_mail_once_and_marks_it_sent()
    {
        await using var db = await TestDatabase.CreateAsync();
        var transport = new FakeTransport();
        await AddMailAsync(db, 3);

        Assert.Equal(3, await Dispatcher(db, transport).DispatchDueAsync(CancellationToken.None));
        Assert.Equal(0, await Dispatcher(db, transport).DispatchDueAsync(CancellationToken.None));

        Assert.Equal(3, transport.Sent.Count);
        Assert.All(await AllAsync(db), m => Assert.Equal(OutboxStatus.Sent, m.Status));
    }

    [Fact]
    public async Task Two_dispatchers_at_once_never_send_the_same_message_twice()
    {
        await using var db = await TestDatabase.CreateAsync();
        var transport = new FakeTransport { Delay = TimeSpan.FromMilliseconds(5) };
        await AddMailAsync(db, 20);

        await Task.WhenAll(Dispatcher(db, transport).DispatchDueAsync(CancellationToken.None),
            Dispatcher(db, transport).DispatchDueAsync(CancellationToken.None));

        Assert.Equal(20, transport.Sent.Count);
        Assert.Equal(20, transport.Sent.Distinct().Count());
    }

    [Fact]
    public async Task A_failure_is_retried_later_with_back_off()
    {
        await using var db = await TestDatabase.CreateAsync();
        var transport = new FakeTransport { Fail = _ => new IOException("verbinding geweigerd") };
        await AddMailAsync(db, 1);

        await Dispatcher(db, transport).DispatchDueAsync(CancellationToken.None);

        var message = (await AllAsync(db)).Single();
        Assert.Equal(OutboxStatus.Pending, message.Status);
        Assert.Equal(1, message.Attempts);
        Assert.Contains("verbinding geweigerd", message.LastError);
        Assert.True(message.NextAttemptUtc > DateTime.UtcNow.AddMilliseconds(500));
        Assert.Equal(0, await Dispatcher(db, new FakeTransport()).DispatchDueAsync(CancellationToken.None));
    }

    /// <summary>Three delivery attempts, each due at once, to a server that refuses the recipient every time.</summary>
    private static async Task TryThreeTimesRefusedAsync(TestDatabase db)
    {
        var transport = new FakeTransport
        {
            Fail = _ => new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable, "Mailbox unavailable"),
        };
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await Dispatcher(db, transport).DispatchDueAsync(CancellationToken.None);
            await using var context = db.Database.Open();
            await context.OutboxMessages.ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptUtc, DateTime.UtcNow.AddSeconds(-1)));
        }
    }

    [Fact]
    public async Task A_refused_recipient_fails_for_good_after_three_tries()
    {
        await using var db = await TestDatabase.CreateAsync();
        await AddMailAsync(db, 1);

        await TryThreeTimesRefusedAsync(db);

        var message = (await AllAsync(db)).Single();
        Assert.Equal(OutboxStatus.Failed, message.Status);
        Assert.Equal(3, message.Attempts);
    }

    [Fact]
    public async Task A_mail_to_forget_once_sent_is_forgotten_too_when_it_can_never_be_delivered()
    {
        // An answer to an access request holds everything about the person: undeliverable, it must not wait 90 days.
        await using var db = await TestDatabase.CreateAsync();
        await AddMailAsync(db, 1, to: "verzoeker@example.org");
        await using (var context = db.Database.Open())
            await context.OutboxMessages.ExecuteUpdateAsync(s => s.SetProperty(m => m.ForgetWhenSent, true).SetProperty(m => m.TextBody, "Alles over Jan"));

        await TryThreeTimesRefusedAsync(db);

        var message = (await AllAsync(db)).Single();
        Assert.Equal(OutboxStatus.Failed, message.Status);
        Assert.NotEqual("verzoeker@example.org", message.ToAddress);
        Assert.DoesNotContain("Jan", message.TextBody);
    }

    private sealed class RecordingHandler(HttpStatusCode status) : HttpMessageHandler
    {
        public HttpRequestMessage? Request { get; private set; }
        public string Body { get; private set; } = "";

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Request = request;
            Body = await request.Content!.ReadAsStringAsync(cancellationToken);
            return new HttpResponseMessage(status);
        }
    }

    [Fact]
    public async Task A_webhook_is_posted_with_an_hmac_signature_over_the_exact_body()
    {
        await using var db = await TestDatabase.CreateAsync();
        var handler = new RecordingHandler(HttpStatusCode.OK);
        await using (var context = db.Database.Open())
        {
            context.OutboxMessages.Add(new OutboxMessage
            {
                Kind = OutboxKind.Webhook, Status = OutboxStatus.Pending, CreatedUtc = DateTime.UtcNow, NextAttemptUtc = DateTime.UtcNow,
                MessageId = "hook-1", Url = "http://127.0.0.1:9/ontvang", Body = "{\"naam\":\"Jan 😀\"}", SecretSetting = "Secret",
            });
            await context.SaveChangesAsync();
        }

        await Dispatcher(db, new FakeTransport(), handler).DispatchDueAsync(CancellationToken.None);

        Assert.Equal("{\"naam\":\"Jan 😀\"}", handler.Body);
        var expected = WebhookSender.Sign("geheim", System.Text.Encoding.UTF8.GetBytes(handler.Body));
        Assert.Equal(expected, handler.Request!.Headers.GetValues(WebhookSender.SignatureHeader).Single());
        Assert.Equal("hook-1", handler.Request.Headers.GetValues(WebhookSender.DeliveryHeader).Single());
        Assert.Equal(OutboxStatus.Sent, (await AllAsync(db)).Single().Status);
    }

    [Fact]
    public void Signature_matches_a_known_hmac_sha256_vector() =>
        Assert.Equal("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8",
            WebhookSender.Sign("key", System.Text.Encoding.UTF8.GetBytes("The quick brown fox jumps over the lazy dog")));
}

public class OutboxRetentionTests
{
    [Fact]
    public async Task Delivered_mail_goes_after_thirty_days_and_undeliverable_mail_after_ninety()
    {
        await using var db = await TestDatabase.CreateAsync();
        var pickup = db.NewFolder("mail");
        var now = DateTime.UtcNow;
        OutboxMessage Message(OutboxStatus status, DateTime created, DateTime? sent) => new()
        {
            Kind = OutboxKind.Email, Status = status, CreatedUtc = created, NextAttemptUtc = created, SentUtc = sent,
            MessageId = Guid.NewGuid().ToString("N"), ToAddress = "iemand@example.org", Subject = "s",
        };
        await using (var context = db.Database.Open())
        {
            context.OutboxMessages.AddRange(
                Message(OutboxStatus.Sent, now.AddDays(-40), now.AddDays(-31)),
                Message(OutboxStatus.Sent, now.AddDays(-29), now.AddDays(-29)),
                Message(OutboxStatus.Failed, now.AddDays(-91), null),
                Message(OutboxStatus.Failed, now.AddDays(-60), null),
                Message(OutboxStatus.Pending, now.AddDays(-100), null));
            await context.SaveChangesAsync();
        }
        var old = Path.Combine(pickup, "oud.eml");
        await File.WriteAllTextAsync(old, "x");
        File.SetLastWriteTimeUtc(old, now.AddDays(-31));
        await File.WriteAllTextAsync(Path.Combine(pickup, "nieuw.eml"), "x");
        var retention = new OutboxRetention(db.Writer, new MailOptions { PickupDirectory = pickup }, TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<OutboxRetention>.Instance);

        var deleted = await retention.DeleteExpiredAsync();

        Assert.Equal(3, deleted);
        await using var after = db.Database.Open();
        Assert.Equal(3, await after.OutboxMessages.CountAsync());
        Assert.False(File.Exists(old));
        Assert.True(File.Exists(Path.Combine(pickup, "nieuw.eml")));
    }
}
