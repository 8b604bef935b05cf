namespace PubliekeVeranderaars.Core.Signatures;

public enum SignatureStatus
{
    /// <summary>Signed, not yet confirmed through the mailed link: not counted, not listed.</summary>
    Pending,
    Confirmed,
}

/// <summary>
/// One person's signature under the manifesto. The e-mail address is stored normalised (trimmed, lower case), so
/// one address signs once. Withdrawing deletes the row: nothing personal is kept.
/// </summary>
public sealed class Signature
{
    public Guid Key { get; set; }
    public SignatureStatus Status { get; set; }
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    /// <summary>
    /// The inbox the address reaches (<see cref="Mail.MailAddresses.Mailbox"/>): one inbox signs once, however its
    /// address is spelled. Null only for a signature from before this was kept that shares its inbox with another.
    /// </summary>
    public string? Mailbox { get; set; }
    public string Organisation { get; set; } = "";
    public string Role { get; set; } = "";
    public string Place { get; set; } = "";
    /// <summary>Opt-in: only then the name, organisation, role and place appear on the public list.</summary>
    public bool ShowPublicly { get; set; }
    /// <summary>
    /// When the signer agreed to receive updates (<see cref="SignatureUpdates"/>): the moment the link that carried the
    /// ticked box was confirmed, so only an address that proved itself is mailed. Null: no updates. Leaving through an
    /// update's link sets it back to null; withdrawing deletes the row.
    /// </summary>
    public DateTime? UpdatesConsentUtc { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? ConfirmedUtc { get; set; }
    /// <summary>When we last mailed this address; a new mail waits <see cref="SignatureService.ResendInterval"/>.</summary>
    public DateTime LastMailUtc { get; set; }

    public bool IsConfirmed => Status == SignatureStatus.Confirmed;

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>How the audit trail names a signature: by key only, never by name or address.</summary>
    public static string AuditTarget(Guid key) => $"ondertekening {key}";
}

public enum SignatureTokenPurpose
{
    Confirm,
    Withdraw,
    /// <summary>An update's "stop sending me updates" link: one per update mail, all gone once used.</summary>
    Unsubscribe,
}

/// <summary>
/// A link's token, stored only as its SHA-256 hash: a leaked database confirms or withdraws nothing.
/// Confirm tokens are single-use and expire; withdraw tokens live as long as the signature.
/// </summary>
public sealed class SignatureToken
{
    public string Hash { get; set; } = "";
    public Guid SignatureKey { get; set; }
    public SignatureTokenPurpose Purpose { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? ExpiresUtc { get; set; }
    /// <summary>
    /// A confirm link confirms what was typed with it, not whatever was typed last: otherwise anyone who knows an
    /// address could change the name under its signature before its owner clicks. Deleted with the token.
    /// </summary>
    public SignatureDetails? Details { get; set; }
}

/// <summary>What a signer typed besides the address.</summary>
/// <param name="WantsUpdates">The updates box was ticked (links mailed before the box existed carry no value: false).</param>
public sealed record SignatureDetails(string Name, string Organisation, string Role, string Place, bool ShowPublicly, bool WantsUpdates = false)
{
    public static SignatureDetails Of(Signature signature) =>
        new(signature.Name, signature.Organisation, signature.Role, signature.Place, signature.ShowPublicly, signature.UpdatesConsentUtc is not null);
}
