namespace PubliekeVeranderaars.Core.Privacy;

/// <summary>What a person asked for, under the AVG.</summary>
public enum PrivacyRequestKind
{
    /// <summary>Art. 15: which data do you hold about me?</summary>
    Access,
    /// <summary>Art. 17: delete everything about me.</summary>
    Erasure,
    /// <summary>Correction, objection, a question.</summary>
    Other,
}

/// <summary>
/// A privacy request as staff registered it: when it came in and when it must be answered (one month, AVG art. 12).
/// The address is kept while the request is open; once it is answered, or the person is erased, only its salted
/// hash remains, so the register shows that and when a request was handled without holding the person.
/// </summary>
public sealed class PrivacyRequest
{
    public long Id { get; set; }
    public PrivacyRequestKind Kind { get; set; }
    public string Email { get; set; } = "";
    public string AddressHash { get; set; } = "";
    public DateOnly ReceivedOn { get; set; }
    public DateOnly DueOn { get; set; }
    public DateTime RegisteredUtc { get; set; }
    public string RegisteredBy { get; set; } = "";
    public DateTime? AnsweredUtc { get; set; }
    public string AnsweredBy { get; set; } = "";
    /// <summary>What was done, in the staff member's words; the form asks for no personal data here.</summary>
    public string Outcome { get; set; } = "";

    public const int MaxOutcomeLength = 500;

    /// <summary>The AVG's answer time: one month after receipt.</summary>
    public static DateOnly Due(DateOnly receivedOn) => receivedOn.AddMonths(1);

    public bool IsOpen => AnsweredUtc is null;

    public static string DutchKind(PrivacyRequestKind kind) => kind switch
    {
        PrivacyRequestKind.Access => "Inzage",
        PrivacyRequestKind.Erasure => "Wissen",
        _ => "Anders",
    };
}

/// <summary>A secret of the site kept in its database, shared by every web node (the salt of privacy hashes).</summary>
public sealed class SiteSecret
{
    public string Name { get; set; } = "";
    public string Value { get; set; } = "";
}
