namespace PubliekeVeranderaars.Core.Signatures;

/// <summary>
/// One update staff sent to the signers who asked for updates. Holds what was sent, by whom and to how many; never
/// who received it (the outbox holds each message until its retention ends, and forgets it on withdrawal or erasure).
/// </summary>
public sealed class SignatureUpdate
{
    /// <summary>Made when the form is opened and posted with it, so a second click sends nothing twice.</summary>
    public Guid Key { get; set; }
    public string Subject { get; set; } = "";
    public string Text { get; set; } = "";
    public DateTime CreatedUtc { get; set; }
    /// <summary>Who sent it, as the audit trail names them.</summary>
    public string CreatedBy { get; set; } = "";
    public int Recipients { get; set; }

    public static string AuditTarget(Guid key) => $"update {key}";
}

/// <summary>An update with where its messages are now: the back office shows the sending as it goes.</summary>
public sealed record SignatureUpdateProgress(SignatureUpdate Update, int Sent, int Pending, int Failed, int Cancelled);

public enum SignatureUpdateSendStatus
{
    Queued,
    /// <summary>Nobody asked for updates: nothing was stored or sent.</summary>
    NoSubscribers,
    /// <summary>This draft was sent before (a second click, a reloaded page): nothing more was sent.</summary>
    AlreadySent,
}

public sealed record SignatureUpdateSendResult(SignatureUpdateSendStatus Status, int Recipients);
