using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Exports;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Forms;

/// <summary>A form's entries as CSV or XLSX, one column per field, through the same writer as the signatures.</summary>
public sealed class FormEntryExport(SiteDatabase database)
{
    /// <param name="pages">Only entries sent from these pages (an initiative owner's), or null for all.</param>
    public Task<int> WriteAsync(Stream output, ExportFormat format, FormDefinition form, IReadOnlySet<Guid>? pages,
        CancellationToken cancellationToken = default)
    {
        var fields = form.Fields.Where(f => f.Type != FormFieldType.Hidden).ToList();
        string[] headers = ["Ontvangen (Nederlandse tijd)", "Pagina", .. fields.Select(f => f.Label)];
        return SpreadsheetExport.WriteAsync(output, format, form.Name, headers, RowsAsync(form, fields, pages, cancellationToken), cancellationToken);
    }

    public static string FileName(FormDefinition form, ExportFormat format, DateTime now) =>
        $"inzendingen-{form.Alias}-{now:yyyy-MM-dd}.{SpreadsheetExport.Extension(format)}";

    private async IAsyncEnumerable<ExportCell[]> RowsAsync(FormDefinition form, IReadOnlyList<FormField> fields, IReadOnlySet<Guid>? pages,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        var query = db.FormEntries.AsNoTracking().Where(e => e.FormKey == form.Key);
        if (pages is not null)
        {
            var keys = pages.ToList();
            query = query.Where(e => e.PageKey != null && keys.Contains(e.PageKey.Value));
        }
        await foreach (var entry in query.OrderBy(e => e.CreatedUtc).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return
            [
                ExportCell.At(entry.CreatedUtc), entry.PageName,
                .. fields.Select(f => (ExportCell)(f.IsBoolean ? (entry.Value(f.Alias) == "true" ? "ja" : "nee") : entry.Value(f.Alias))),
            ];
        }
    }
}
