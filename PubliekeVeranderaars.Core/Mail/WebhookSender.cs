using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace PubliekeVeranderaars.Core.Mail;

/// <summary>
/// The "post to URL" workflow: the entry as JSON, signed with HMAC-SHA256 over the exact body so the receiver can
/// check it came from us, and with the outbox message's id so the receiver can ignore a repeat.
/// </summary>
public sealed class WebhookSender(HttpClient http, Func<string, string?> secrets)
{
    public const string SignatureHeader = "X-PubliekeVeranderaars-Signature";
    public const string DeliveryHeader = "X-PubliekeVeranderaars-Delivery";

    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var secret = secrets(message.SecretSetting);
        if (string.IsNullOrEmpty(secret))
            throw new OutboxPermanentException($"No HMAC secret is configured under '{message.SecretSetting}'.");
        var body = Encoding.UTF8.GetBytes(message.Body);
        using var request = new HttpRequestMessage(HttpMethod.Post, message.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(SignatureHeader, Sign(secret, body));
        request.Headers.Add(DeliveryHeader, message.MessageId);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode) return;
        var error = $"{message.Url} answered {(int)response.StatusCode} {response.ReasonPhrase}";
        // A 4xx says the request itself is wrong; trying again will not help (except for time-outs and throttling).
        if ((int)response.StatusCode is >= 400 and < 500 && response.StatusCode is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests))
            throw new OutboxPermanentException(error);
        throw new HttpRequestException(error);
    }

    public static string Sign(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}

/// <summary>A failure that repeating will not cure: a refused address, a missing secret.</summary>
public sealed class OutboxPermanentException(string message) : Exception(message);
