using MimeKit;
using MimeKit.Utils;

namespace PubliekeVeranderaars.Core.Mail;

/// <summary>
/// Turns an outbox row into a MIME message. Addresses are parsed (never concatenated into headers) and the subject
/// has its line breaks removed, so no value can add a header of its own.
/// </summary>
public static class MimeMessageFactory
{
    public static MimeMessage Create(OutboxMessage message)
    {
        var mime = new MimeMessage { MessageId = message.MessageId, Subject = SingleLine(message.Subject) };
        mime.From.Add(new MailboxAddress(SingleLine(message.FromName), ParseAddress(message.FromAddress)));
        mime.To.Add(MailboxAddress.Parse(ParseAddress(message.ToAddress)));
        if (message.ReplyTo.Length > 0) mime.ReplyTo.Add(MailboxAddress.Parse(ParseAddress(message.ReplyTo)));
        mime.Date = new DateTimeOffset(DateTime.SpecifyKind(message.CreatedUtc, DateTimeKind.Utc));
        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        // RFC 2369: mail programs offer "unsubscribe" beside a mailing. Only our own https link, on one line.
        if (Uri.TryCreate(SingleLine(message.UnsubscribeUrl), UriKind.Absolute, out var unsubscribe) && unsubscribe.Scheme is "https" or "http")
            mime.Headers.Add(HeaderId.ListUnsubscribe, $"<{unsubscribe.AbsoluteUri}>");
        return mime;
    }

    public static string NewMessageId(string domain) => $"{MimeUtils.GenerateMessageId(domain).Trim('<', '>')}";

    /// <summary>An address must be one plain address; anything with a line break or a second address is refused.</summary>
    public static string ParseAddress(string address)
    {
        if (address.Any(char.IsControl)) throw new InvalidMailAddressException(address);
        if (!MailboxAddress.TryParse(address, out var mailbox) || !mailbox.Address.Contains('@') || address.Contains(','))
            throw new InvalidMailAddressException(address);
        return mailbox.Address;
    }

    public static string SingleLine(string value) =>
        string.Join(' ', value.Split(['\r', '\n', '\u2028', '\u2029'], StringSplitOptions.RemoveEmptyEntries)).Trim();
}

public sealed class InvalidMailAddressException(string address)
    : Exception($"Not a single valid e-mail address: '{MimeMessageFactory.SingleLine(address)}'");
