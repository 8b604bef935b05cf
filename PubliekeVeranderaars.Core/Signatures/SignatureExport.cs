using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using nietras.SeparatedValues;
using PubliekeVeranderaars.Core.Storage;
using SpreadCheetah;

namespace PubliekeVeranderaars.Core.Signatures;

public enum SignatureExportFormat
{
    Csv,
    Xlsx,
}

/// <summary>
/// Confirmed signatures as CSV or XLSX, streamed row by row from the database to the output, so memory stays flat
/// whether there are a thousand signatures or a million. Cells that a spreadsheet would read as a formula are
/// neutralised. Headers are Dutch; the CSV is what Dutch Excel opens correctly: UTF-8 with BOM, semicolons.
/// </summary>
public sealed class SignatureExport(SiteDatabase database)
{
    public static readonly string[] Headers =
        ["Naam", "E-mailadres", "Organisatie", "Functie", "Woonplaats", "Openbaar tonen", "Bevestigd op"];

    /// <summary>Dutch Excel uses the semicolon as list separator, since the comma is the decimal sign.</summary>
    public const char CsvSeparator = ';';
    private const string DateFormat = "yyyy-MM-dd HH:mm:ss";

    public async Task<int> WriteAsync(Stream output, SignatureExportFormat format, CancellationToken cancellationToken = default) =>
        format == SignatureExportFormat.Xlsx
            ? await WriteXlsxAsync(output, cancellationToken)
            : await WriteCsvAsync(output, cancellationToken);

    public static string FileName(SignatureExportFormat format, DateTime now) =>
        $"ondertekeningen-{now:yyyy-MM-dd}.{(format == SignatureExportFormat.Xlsx ? "xlsx" : "csv")}";

    private async Task<int> WriteCsvAsync(Stream output, CancellationToken cancellationToken)
    {
        await using var text = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        var count = 0;
        using (var writer = Sep.New(CsvSeparator).Writer(o => o with { Escape = true, CultureInfo = CultureInfo.InvariantCulture }).To(text))
        {
            writer.Header.Add(Headers);
            await foreach (var row in RowsAsync(cancellationToken))
            {
                using (var line = writer.NewRow(cancellationToken))
                {
                    for (var i = 0; i < row.Length; i++) line[Headers[i]].Set(row[i]);
                }
                if (++count % FlushEvery == 0)
                {
                    writer.Flush();
                    await text.FlushAsync(cancellationToken);
                }
            }
        }
        await text.FlushAsync(cancellationToken);
        return count;
    }

    /// <summary>Rows between flushes to the output: keeps the buffer small without a write per row.</summary>
    private const int FlushEvery = 1000;

    private async Task<int> WriteXlsxAsync(Stream output, CancellationToken cancellationToken)
    {
        await using var spreadsheet = await Spreadsheet.CreateNewAsync(output, cancellationToken: cancellationToken);
        await spreadsheet.StartWorksheetAsync("Ondertekeningen", token: cancellationToken);
        await spreadsheet.AddRowAsync(Headers.Select(h => new DataCell(h)).ToArray(), cancellationToken);
        var cells = new DataCell[Headers.Length];
        var count = 0;
        await foreach (var row in RowsAsync(cancellationToken))
        {
            for (var i = 0; i < row.Length; i++) cells[i] = new DataCell(row[i]);
            await spreadsheet.AddRowAsync(cells, cancellationToken);
            count++;
        }
        await spreadsheet.FinishAsync(cancellationToken);
        return count;
    }

    private async IAsyncEnumerable<string[]> RowsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        var rows = db.Signatures.AsNoTracking()
            .Where(s => s.Status == SignatureStatus.Confirmed)
            .OrderBy(s => s.ConfirmedUtc).ThenBy(s => s.Key)
            .Select(s => new { s.Name, s.Email, s.Organisation, s.Role, s.Place, s.ShowPublicly, s.ConfirmedUtc })
            .AsAsyncEnumerable();
        var row = new string[Headers.Length];
        await foreach (var s in rows.WithCancellation(cancellationToken))
        {
            row[0] = Neutralise(s.Name);
            row[1] = Neutralise(s.Email);
            row[2] = Neutralise(s.Organisation);
            row[3] = Neutralise(s.Role);
            row[4] = Neutralise(s.Place);
            row[5] = s.ShowPublicly ? "ja" : "nee";
            row[6] = s.ConfirmedUtc?.ToString(DateFormat, CultureInfo.InvariantCulture) ?? "";
            yield return row;
        }
    }

    /// <summary>
    /// A cell starting with = + - @ tab or CR is run as a formula by spreadsheet programs (OWASP "CSV injection").
    /// A leading apostrophe makes it plain text, and shows the visitor's text exactly as typed.
    /// </summary>
    public static string Neutralise(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
}
