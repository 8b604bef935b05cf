using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Exports;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Signatures;

/// <summary>
/// Confirmed signatures as CSV or XLSX (<see cref="SpreadsheetExport"/>), read row by row from the database, so
/// memory stays flat whether there are a thousand signatures or a million.
/// </summary>
public sealed class SignatureExport(SiteDatabase database)
{
    public static readonly string[] Headers =
        ["Naam", "E-mailadres", "Organisatie", "Functie", "Woonplaats", "Openbaar tonen", "Bevestigd op (Nederlandse tijd)"];

    public Task<int> WriteAsync(Stream output, ExportFormat format, CancellationToken cancellationToken = default) =>
        SpreadsheetExport.WriteAsync(output, format, "Ondertekeningen", Headers, RowsAsync(cancellationToken), cancellationToken);

    public static string FileName(ExportFormat format, DateTime now) =>
        $"ondertekeningen-{now:yyyy-MM-dd}.{SpreadsheetExport.Extension(format)}";

    /// <summary>
    /// EF Core writes the query (provider-correct SQL, no string building); a plain data reader reads it, because
    /// materialising a million objects costs more than the whole database dump.
    /// </summary>
    private async IAsyncEnumerable<ExportCell[]> RowsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        var query = db.Signatures.AsNoTracking()
            .Where(s => s.Status == SignatureStatus.Confirmed)
            .OrderBy(s => s.ConfirmedUtc).ThenBy(s => s.Key)
            .Select(s => new { s.Name, s.Email, s.Organisation, s.Role, s.Place, s.ShowPublicly, s.ConfirmedUtc });
        await using var command = query.CreateDbCommand();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
        var row = new ExportCell[Headers.Length];
        while (await reader.ReadAsync(cancellationToken))
        {
            row[0] = reader.GetString(0);
            row[1] = reader.GetString(1);
            row[2] = reader.GetString(2);
            row[3] = reader.GetString(3);
            row[4] = reader.GetString(4);
            row[5] = reader.GetBoolean(5) ? "ja" : "nee";
            row[6] = ExportCell.At(reader.IsDBNull(6) ? null : reader.GetDateTime(6));
            yield return row;
        }
    }
}
