using System.Buffers.Text;
using System.Text;
using PubliekeVeranderaars.Core.Mail;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Backoffice;

/// <summary>Mails of the back office (invitations, password links, lock-out notices), through the same outbox as every other mail.</summary>
public sealed class BackofficeMailer(SiteWriter writer, MailOptions mail, MailLinks links, MailQuota quota, TimeProvider clock)
{
    /// <summary>Identity's reset tokens are valid for a day by default; the mail says so.</summary>
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromDays(1);

    /// <summary>Length beats composition rules (NIST SP 800-63B): ten characters, any kind.</summary>
    public const int MinPasswordLength = 10;

    public const string SetPasswordPath = "/backoffice/wachtwoord-instellen";
    public const string ForgotPasswordPath = "/backoffice/wachtwoord-vergeten";

    /// <summary>The link that sets a password: the address and the token, which the link page posts back.</summary>
    public string SetPasswordLink(string email, string token) =>
        links.To($"{SetPasswordPath}?email={Uri.EscapeDataString(email)}&token={Base64Url.EncodeToString(Encoding.UTF8.GetBytes(token))}");

    /// <summary>
    /// An administrator's invitation: always sent, the administrator asked for it. Queued in the write that creates
    /// the account, so there is never an account whose invitation was lost, nor an invitation to no account.
    /// </summary>
    public void Invite(SiteWrite write, string email, string name, string token) =>
        Queue(write, Message(email, "Je account voor de back office van Wij, Publieke Veranderaars", "Back office: uitnodiging",
            $"Hallo {name},\n\nJe hebt een account gekregen voor de back office van Wij, Publieke Veranderaars. Stel met de link hieronder je wachtwoord in (minstens {MinPasswordLength} tekens). De link werkt {DutchFormat.Duration(LinkLifetime)}.",
            [("Wachtwoord instellen", SetPasswordLink(email, token))]));

    /// <summary>
    /// "Forgot password": anyone can ask it for any address, so it is sent at most a few times a day per address.
    /// The mail greets nobody by name: the person asking may not be the account's owner.
    /// </summary>
    public async Task SendPasswordResetAsync(string email, string token, CancellationToken cancellationToken = default)
    {
        if (!await quota.TryTakeAsync(email, MailQuotaKind.PasswordReset, cancellationToken)) return;
        await QueueAsync(email, "Een nieuw wachtwoord instellen", "Back office: wachtwoord instellen",
            $"Hallo,\n\nIemand (waarschijnlijk jij) vroeg om een nieuw wachtwoord voor de back office. Stel het in met de link hieronder; de link werkt {DutchFormat.Duration(LinkLifetime)}. Vroeg je dit niet? Dan hoef je niets te doen: je wachtwoord blijft zoals het is.",
            [("Wachtwoord instellen", SetPasswordLink(email, token))], cancellationToken);
    }

    /// <summary>
    /// Tells the account's owner, and only them, that wrong passwords locked it: the login page says the same to
    /// everyone, so it cannot tell an attacker which accounts exist.
    /// </summary>
    public async Task SendLockedOutAsync(string email, TimeSpan lockout, CancellationToken cancellationToken = default)
    {
        if (!await quota.TryTakeAsync(email, MailQuotaKind.LockoutNotice, cancellationToken)) return;
        await QueueAsync(email, "Je account is tijdelijk geblokkeerd", "Back office: account geblokkeerd",
            $"Hallo,\n\nNa te veel verkeerde wachtwoorden is je account voor de back office {DutchFormat.Duration(lockout)} geblokkeerd. Was jij dat? Probeer het daarna opnieuw, of stel een nieuw wachtwoord in. Was jij het niet? Dan probeert iemand anders in te loggen met jouw adres: stel een nieuw wachtwoord in en zet tweestapsverificatie aan.",
            [("Een nieuw wachtwoord instellen", links.To(ForgotPasswordPath))], cancellationToken);
    }

    private Task QueueAsync(string email, string subject, string source, string message, IReadOnlyList<(string, string)> mailLinks,
        CancellationToken cancellationToken)
    {
        var outbox = Message(email, subject, source, message, mailLinks);
        // The event behind the mail (a reset request, a lock-out) is audited where it happens; queuing the mail is not.
        return writer.WriteGroupedAsync(Actor.System, write => Queue(write, outbox), cancellationToken);
    }

    private OutboxMessage Message(string email, string subject, string source, string message, IReadOnlyList<(string, string)> mailLinks)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (text, html) = MailTemplate.Render(subject, message, [], mailLinks);
        return new OutboxMessage
        {
            Kind = OutboxKind.Email, Status = OutboxStatus.Pending, CreatedUtc = now, NextAttemptUtc = now, Source = source,
            MessageId = MimeMessageFactory.NewMessageId(mail.MessageIdDomain), FromAddress = mail.From, FromName = mail.FromName,
            ToAddress = email, Subject = subject, TextBody = text, HtmlBody = html,
        };
    }

    private static void Queue(SiteWrite write, OutboxMessage outbox)
    {
        write.Db.OutboxMessages.Add(outbox);
        write.Raise(new MailQueuedNotification());
    }
}
