using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Privacy;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Forms;

/// <summary>Deletes entries older than their form's retention period, as the form promised the visitor.</summary>
public sealed class FormEntryRetention(SiteWriter writer, FormDefinitionStore forms, ILogger<FormEntryRetention> logger)
{
    public Task<int> DeleteExpiredAsync(CancellationToken cancellationToken = default) =>
        writer.WriteAsync(Actor.System, async write =>
        {
            var deleted = 0;
            foreach (var form in forms.All)
            {
                var cutoff = write.Now.AddDays(-form.RetentionDays);
                var count = await write.Db.FormEntries.Where(e => e.FormKey == form.Key && e.CreatedUtc < cutoff).ExecuteDeleteAsync(cancellationToken);
                if (count == 0) continue;
                logger.LogInformation("Retention: deleted {Count} entries of form {Form} older than {Days} days", count, form.Alias, form.RetentionDays);
                write.Audit(AuditActions.DeleteExpired, $"inzendingen {form.Alias}",
                    $"{DutchFormat.Count(count, "inzending", "inzendingen")} ouder dan {DutchFormat.Duration(TimeSpan.FromDays(form.RetentionDays))}");
                deleted += count;
            }
            // An hour without anything to delete leaves no trace in the audit trail.
            if (deleted == 0) write.Abandon();
            else write.Raise(new PersonalDataDeletedNotification());
            return deleted;
        }, cancellationToken);
}
