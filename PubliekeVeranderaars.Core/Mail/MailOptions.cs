namespace PubliekeVeranderaars.Core.Mail;

/// <summary>The Mail:* settings. Without an SMTP host, mail is written as .eml files to the data directory.</summary>
public sealed class MailOptions
{
    public const string DefaultFrom = "noreply@publiekeveranderaars.nl";
    public const string DefaultFromName = "Wij, Publieke Veranderaars";

    public string From { get; init; } = DefaultFrom;
    public string FromName { get; init; } = DefaultFromName;
    public string? SmtpHost { get; init; }
    public int SmtpPort { get; init; } = 25;
    public string? SmtpUser { get; init; }
    public string? SmtpPassword { get; init; }
    public bool SmtpUseTls { get; init; }
    /// <summary>Where .eml files go when no SMTP host is set: &lt;DataDirectory&gt;/mail.</summary>
    public string PickupDirectory { get; init; } = "";
    /// <summary>The domain part of Message-Ids.</summary>
    public string MessageIdDomain => From.Contains('@') ? From[(From.IndexOf('@') + 1)..] : "publiekeveranderaars.nl";
}
