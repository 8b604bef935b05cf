using System.Text.Json;
using Microsoft.Extensions.Logging;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Mail;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Forms;

/// <summary>
/// Accepts a submission: validates it, and commits the entry together with one outbox message per workflow in a
/// single transaction (shared with other submissions that arrive at the same moment: <see cref="SiteWriter.WriteGroupedAsync"/>). Nothing is sent here; the dispatcher delivers after the commit, so the visitor never waits
/// on a mail server and a committed entry never lacks its mail.
/// </summary>
public sealed class FormSubmissionService(SiteDatabase database, SiteWriter writer, MailOptions mail, MailLinks links, MailQuota quota,
    TimeProvider clock, Signatures.SignatureService signatures, ILogger<FormSubmissionService> logger)
{
    private const string Yes = "Ja";
    private const string No = "Nee";

    /// <summary>Under a mail to an address nobody verified: why it came, and that ignoring it is enough.</summary>
    public const string TypedAddressFooter =
        "Je krijgt deze e-mail omdat dit adres is ingevuld op de website van Wij, Publieke Veranderaars. Was jij dat niet? " +
        "Dan hoef je niets te doen.";

    public async Task<FormSubmissionResult> SubmitAsync(FormDefinition form, PublishedContent? page,
        IReadOnlyDictionary<string, string[]> posted, CancellationToken cancellationToken = default)
    {
        var validation = FormValidator.Validate(form, posted);
        if (!validation.IsValid) return FormSubmissionResult.Invalid(validation.Errors);

        if (form.Workflows.Any(w => w.Type == FormWorkflowType.Signature))
        {
            // A signature is its own record, deleted on withdrawal; a form entry beside it would keep a copy.
            await signatures.SignAsync(validation.Values, cancellationToken);
            return FormSubmissionResult.Accepted(null);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var entry = new FormEntry
        {
            Key = Guid.NewGuid(), FormKey = form.Key, FormVersion = form.Version, PageKey = page?.Key,
            PageName = page?.Name ?? "", CreatedUtc = now, Values = [.. validation.Values],
        };
        var messages = form.Workflows.OrderBy(w => w.SortOrder)
            .Select(workflow => (Workflow: workflow, Message: CreateMessage(form, workflow, entry, page, now)))
            .ToList();
        // The entry and the owner's mail stand; only the mail to a typed address is capped per day, counted in the unit
        // that stores it, from a count read here (the group commit's writer does not query it, MailQuota.TryTakeAsync).
        var capped = new Dictionary<OutboxMessage, MailQuotaReading>();
        if (messages.Any(m => m.Workflow.SendsToTypedAddress && m.Message.Status == OutboxStatus.Pending))
        {
            await using var db = database.Open();
            foreach (var (workflow, message) in messages)
                if (workflow.SendsToTypedAddress && message.Status == OutboxStatus.Pending)
                    capped[message] = await quota.ReadAsync(db, message.ToAddress, MailQuotaKind.FormConfirmation, cancellationToken);
        }
        await writer.WriteGroupedAsync(Actor.Visitor, async write =>
        {
            var queued = 0;
            foreach (var (workflow, message) in messages)
            {
                if (capped.TryGetValue(message, out var reading) && !await quota.TryTakeAsync(write, reading, cancellationToken))
                {
                    logger.LogInformation("Workflow {Workflow} of form {Form}: today's limit for this address reached, not sent", workflow.Name, form.Alias);
                    continue;
                }
                write.Db.OutboxMessages.Add(message);
                queued++;
            }
            write.Db.FormEntries.Add(entry);
            write.Audit(AuditActions.SubmitEntry, FormEntry.AuditTarget(entry.Key), form.Alias);
            if (queued > 0) write.Raise(new MailQueuedNotification());
        }, cancellationToken);
        Observability.SiteMetrics.EntriesSubmitted.Add(1, new KeyValuePair<string, object?>("form", form.Alias));
        return FormSubmissionResult.Accepted(entry);
    }

    private OutboxMessage CreateMessage(FormDefinition form, FormWorkflow workflow, FormEntry entry, PublishedContent? page, DateTime now)
    {
        var message = new OutboxMessage
        {
            Kind = workflow.Type == FormWorkflowType.PostToUrl ? OutboxKind.Webhook : OutboxKind.Email,
            Status = OutboxStatus.Pending,
            CreatedUtc = now,
            NextAttemptUtc = now,
            Source = $"Formulier {form.Alias}: {workflow.Name}",
            EntryKey = entry.Key,
            MessageId = MimeMessageFactory.NewMessageId(mail.MessageIdDomain),
        };
        try
        {
            if (workflow.Type == FormWorkflowType.PostToUrl) FillWebhook(message, form, workflow, entry, page, links.BaseUrl);
            else FillEmail(message, form, workflow, entry, page);
        }
        catch (InvalidMailAddressException e)
        {
            // The visitor's submission stands; the back office shows this message as failed, with the reason.
            message.Status = OutboxStatus.Failed;
            message.LastError = e.Message;
            logger.LogError("Workflow {Workflow} of form {Form} has no valid recipient: {Error}", workflow.Name, form.Alias, MailAddresses.Masked(e.Message));
        }
        return message;
    }

    /// <summary>
    /// A mail to a typed address carries nothing the visitor wrote, only the choices we offered: otherwise anyone
    /// could make the site deliver their text (spam, a phishing link) to anyone, from our address.
    /// </summary>
    private void FillEmail(OutboxMessage message, FormDefinition form, FormWorkflow workflow, FormEntry entry, PublishedContent? page)
    {
        var toTypedAddress = workflow.SendsToTypedAddress;
        var shown = toTypedAddress
            ? entry.Values.Where(v => form.Field(v.Alias) is { IsTypedFreely: false }).ToList()
            : entry.Values;
        string Replace(string template) => FormMagicStrings.Replace(template, shown, page, links.BaseUrl);
        message.FromAddress = mail.From;
        message.FromName = mail.FromName;
        message.ToAddress = FormMagicStrings.Replace(workflow.To, entry.Values, page, links.BaseUrl).Trim();
        message.ReplyTo = Replace(workflow.ReplyTo).Trim();
        message.Subject = MimeMessageFactory.SingleLine(Replace(workflow.Subject));
        MimeMessageFactory.ParseAddress(message.ToAddress);
        if (message.ReplyTo.Length > 0) MimeMessageFactory.ParseAddress(message.ReplyTo);

        var fields = workflow.IncludeFields
            ? form.Fields.Where(f => f.Type != FormFieldType.Hidden && (!toTypedAddress || !f.IsTypedFreely))
                .Select(f => new MailField(f.Label, Display(f, entry.Value(f.Alias))))
                .Where(f => f.Value.Length > 0).ToList()
            : [];
        var pageLinks = page is null ? [] : new List<(string, string)> { (page.Name, links.To(page.Route)) };
        (message.TextBody, message.HtmlBody) = MailTemplate.Render(message.Subject, Replace(workflow.Message), fields, pageLinks,
            toTypedAddress ? TypedAddressFooter : null);
    }

    private static void FillWebhook(OutboxMessage message, FormDefinition form, FormWorkflow workflow, FormEntry entry,
        PublishedContent? page, string baseUrl)
    {
        message.Url = workflow.Url;
        message.SecretSetting = workflow.SecretSetting;
        var sensitive = form.Fields.Where(f => f.IsSensitive).Select(f => f.Alias).ToHashSet(StringComparer.OrdinalIgnoreCase);
        message.Body = JsonSerializer.Serialize(new
        {
            form = form.Alias,
            formVersion = form.Version,
            entry = entry.Key,
            created = entry.CreatedUtc,
            page = page is null ? null : new { id = page.Key, name = page.Name, url = baseUrl + page.Route },
            // Sensitive fields (e-mail addresses) stay with us: the receiver gets what it needs to count and route.
            values = entry.Values.Where(v => !sensitive.Contains(v.Alias)).ToDictionary(v => v.Alias, v => v.Value),
        });
    }

    private static string Display(FormField field, string value) =>
        field.IsBoolean ? (value == "true" ? Yes : No) : value;
}

public sealed record FormSubmissionResult(bool IsAccepted, FormEntry? Entry, IReadOnlyDictionary<string, string> Errors)
{
    public static FormSubmissionResult Accepted(FormEntry? entry) => new(true, entry, new Dictionary<string, string>());
    public static FormSubmissionResult Invalid(IReadOnlyDictionary<string, string> errors) => new(false, null, errors);
}
