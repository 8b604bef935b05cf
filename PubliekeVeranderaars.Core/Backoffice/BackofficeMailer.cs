using PubliekeVeranderaars.Core.Mail;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Backoffice;

/// <summary>Mails of the back office (invitations, password links), through the same outbox as every other mail.</summary>
public sealed class BackofficeMailer(CommitQueue commits, MailOptions mail, OutboxSignal signal, TimeProvider clock)
{
    /// <summary>Identity's reset tokens are valid for a day by default; the mail says so.</summary>
    public const int LinkValidHours = 24;

    public async Task SendPasswordLinkAsync(string email, string name, string link, bool invitation, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var subject = invitation ? "Je account voor de back office van Wij, Publieke Veranderaars" : "Een nieuw wachtwoord instellen";
        var message = invitation
            ? $"Hallo {name},\n\nJe hebt een account gekregen voor de back office van Wij, Publieke Veranderaars. Stel met de link hieronder je wachtwoord in (minstens 10 tekens). De link werkt {LinkValidHours} uur."
            : $"Hallo {name},\n\nIemand (waarschijnlijk jij) vroeg om een nieuw wachtwoord voor de back office. Stel het in met de link hieronder; de link werkt {LinkValidHours} uur. Vroeg je dit niet? Dan hoef je niets te doen: je wachtwoord blijft zoals het is.";
        var (text, html) = MailTemplate.Render(subject, message, [], [("Wachtwoord instellen", link)]);
        var outbox = new OutboxMessage
        {
            Kind = OutboxKind.Email, Status = OutboxStatus.Pending, CreatedUtc = now, NextAttemptUtc = now,
            Source = invitation ? "Back office: uitnodiging" : "Back office: wachtwoord instellen",
            MessageId = MimeMessageFactory.NewMessageId(mail.MessageIdDomain), FromAddress = mail.From, FromName = mail.FromName,
            ToAddress = email, Subject = subject, TextBody = text, HtmlBody = html,
        };
        await commits.CommitAsync(db => db.OutboxMessages.Add(outbox), cancellationToken);
        signal.Notify();
    }
}
