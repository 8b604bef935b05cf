using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Forms;

/// <summary>Deletes entries older than their form's retention period, as the form promised the visitor.</summary>
public sealed class FormEntryRetention(SiteDatabase database, FormDefinitionStore forms, TimeProvider clock,
    ILogger<FormEntryRetention> logger)
{
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var deleted = 0;
        await using var db = database.Open();
        foreach (var form in forms.All)
        {
            var cutoff = now.AddDays(-form.RetentionDays);
            var count = await db.FormEntries.Where(e => e.FormKey == form.Key && e.CreatedUtc < cutoff).ExecuteDeleteAsync(cancellationToken);
            if (count > 0) logger.LogInformation("Retention: deleted {Count} entries of form {Form} older than {Days} days", count, form.Alias, form.RetentionDays);
            deleted += count;
        }
        return deleted;
    }
}
