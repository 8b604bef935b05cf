namespace PubliekeVeranderaars.Core.Mail;

public enum OutboxKind
{
    Email,
    Webhook,
}

public enum OutboxStatus
{
    Pending,
    Sent,
    Failed,
    /// <summary>Not sent because the person it was about had their data erased or withdrew: blanked, kept only as a count.</summary>
    Cancelled,
}

/// <summary>
/// Something to deliver after a commit: an e-mail or a post to another system. Written in the same transaction as
/// the entry it belongs to, so a committed entry always has its mail; the dispatcher delivers it, however often it
/// takes. A message sent but not yet marked may go twice (with the same Message-Id), never zero times.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public OutboxKind Kind { get; set; }
    public OutboxStatus Status { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime NextAttemptUtc { get; set; }
    /// <summary>Claimed by a dispatcher until then; with several web nodes only one sends a message at a time.</summary>
    public DateTime? LockedUntilUtc { get; set; }
    public DateTime? SentUtc { get; set; }
    public int Attempts { get; set; }
    public string LastError { get; set; } = "";
    /// <summary>What produced it, for the back office: "Formulier doeMee: mail aan eigenaar".</summary>
    public string Source { get; set; } = "";
    public Guid? EntryKey { get; set; }
    /// <summary>
    /// The mailing this message is one of (an update to every subscribed signer): the back office counts a batch's
    /// progress by it. Null for a single transactional mail.
    /// </summary>
    public Guid? BatchKey { get; set; }
    /// <summary>
    /// The recipient's own link to stop a mailing, sent as the <c>List-Unsubscribe</c> header mail programs show as a
    /// button. Empty for transactional mail. Blanked with the message: it carries the recipient's token.
    /// </summary>
    public string UnsubscribeUrl { get; set; } = "";

    /// <summary>Stable across retries, so a receiving server can drop a duplicate.</summary>
    public string MessageId { get; set; } = "";
    public string FromAddress { get; set; } = "";
    public string FromName { get; set; } = "";
    public string ToAddress { get; set; } = "";
    public string ReplyTo { get; set; } = "";
    public string Subject { get; set; } = "";
    public string TextBody { get; set; } = "";
    public string HtmlBody { get; set; } = "";

    public string Url { get; set; } = "";
    public string Body { get; set; } = "";
    public string SecretSetting { get; set; } = "";

    /// <summary>
    /// Blanked as soon as it is sent (<see cref="MailTraces"/>): a mail that tells a person their data is gone must
    /// not itself stay behind with their address.
    /// </summary>
    public bool ForgetWhenSent { get; set; }
}
