using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Mail;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Content;

/// <summary>
/// A writer's page waits for an editor: every user who may publish hears it by mail, queued in the same unit as the
/// offer itself, so an offer never goes unannounced and a refused one never announces anything.
/// </summary>
public static class PublicationRequestMail
{
    public static async Task QueueAsync(SiteWrite write, ContentNode node, MailOptions mail, MailLinks links, CancellationToken ct)
    {
        var publisherRoles = BackofficeRoles.Publishers.ToList();
        var recipients = await write.Db.Users.AsNoTracking()
            .Where(u => u.Email != null && write.Db.UserRoles.Any(ur => ur.UserId == u.Id
                && write.Db.Roles.Any(r => r.Id == ur.RoleId && publisherRoles.Contains(r.Name!))))
            .Select(u => u.Email!).ToListAsync(ct);
        var editorLink = links.To($"/backoffice/inhoud/{node.Key}");
        foreach (var recipient in recipients.Where(r => !string.Equals(r, write.Actor.Name, StringComparison.OrdinalIgnoreCase)))
        {
            var subject = $"Ter publicatie aangeboden: {node.Name}";
            var (text, html) = MailTemplate.Render(subject,
                $"{write.Actor.Name} heeft de pagina '{node.Name}' ter publicatie aangeboden. Bekijk de wijzigingen en publiceer de pagina, of laat de schrijver weten wat er nog moet gebeuren.",
                [], [("De pagina openen in de back office", editorLink)]);
            write.Db.OutboxMessages.Add(new OutboxMessage
            {
                Kind = OutboxKind.Email, Status = OutboxStatus.Pending, CreatedUtc = write.Now, NextAttemptUtc = write.Now,
                Source = "Ter publicatie: " + node.Name, MessageId = MimeMessageFactory.NewMessageId(mail.MessageIdDomain),
                FromAddress = mail.From, FromName = mail.FromName, ToAddress = recipient, Subject = subject, TextBody = text, HtmlBody = html,
            });
        }
        if (recipients.Count > 0) write.Raise(new MailQueuedNotification());
    }
}
