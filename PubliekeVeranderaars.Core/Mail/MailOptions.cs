namespace PubliekeVeranderaars.Core.Mail;

/// <summary>The <c>Mail:*</c> settings. Without an SMTP host, mail is written as .eml files to the data directory.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";
    public const string DefaultFrom = "noreply@publiekeveranderaars.nl";
    public const string DefaultFromName = "Wij, Publieke Veranderaars";

    public string From { get; set; } = DefaultFrom;
    public string FromName { get; set; } = DefaultFromName;
    public MailSmtpOptions Smtp { get; set; } = new();
    /// <summary>Where .eml files go when no SMTP host is set: &lt;DataDirectory&gt;/mail (set by the host).</summary>
    public string PickupDirectory { get; set; } = "";
    /// <summary>The domain part of Message-Ids.</summary>
    public string MessageIdDomain => From.Contains('@') ? From[(From.IndexOf('@') + 1)..] : "publiekeveranderaars.nl";
}

/// <summary><c>Mail:Smtp:*</c>.</summary>
public sealed class MailSmtpOptions
{
    /// <summary>Submission without TLS on the local network by default; set 587 and UseTls for a provider.</summary>
    public const int DefaultPort = 25;

    public string? Host { get; set; }
    public int Port { get; set; } = DefaultPort;
    public string? User { get; set; }
    public string? Password { get; set; }
    public bool UseTls { get; set; }
}
