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

    /// <summary>
    /// Sep writes rows into a small text buffer; every <see cref="FlushEvery"/> rows it is encoded and written to the
    /// output asynchronously (an HTTP response refuses synchronous writes), so memory holds one chunk, never the file.
    /// </summary>
    private async Task<int> WriteCsvAsync(Stream output, CancellationToken cancellationToken)
    {
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        await output.WriteAsync(Encoding.UTF8.Preamble.ToArray(), cancellationToken);
        var buffer = new StringWriter(CultureInfo.InvariantCulture);
        var count = 0;
        using (var writer = Sep.New(CsvSeparator).Writer(o => o with { Escape = true, CultureInfo = CultureInfo.InvariantCulture }).To(buffer))
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
                    await DrainAsync(buffer, output, encoding, cancellationToken);
                }
            }
        }
        await DrainAsync(buffer, output, encoding, cancellationToken);
        await output.FlushAsync(cancellationToken);
        return count;
    }

    private static async Task DrainAsync(StringWriter buffer, Stream output, Encoding encoding, CancellationToken cancellationToken)
    {
        var text = buffer.GetStringBuilder();
        if (text.Length == 0) return;
        foreach (var chunk in text.GetChunks()) await output.WriteAsync(encoding.GetBytes(chunk.ToArray()), cancellationToken);
        text.Clear();
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

    /// <summary>
    /// EF Core writes the query (provider-correct SQL, no string building); a plain data reader reads it, because
    /// materialising a million objects costs more than the whole database dump.
    /// </summary>
    private async IAsyncEnumerable<string[]> RowsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        var query = db.Signatures.AsNoTracking()
            .Where(s => s.Status == SignatureStatus.Confirmed)
            .OrderBy(s => s.ConfirmedUtc).ThenBy(s => s.Key)
            .Select(s => new { s.Name, s.Email, s.Organisation, s.Role, s.Place, s.ShowPublicly, s.ConfirmedUtc });
        await using var command = query.CreateDbCommand();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
        var row = new string[Headers.Length];
        while (await reader.ReadAsync(cancellationToken))
        {
            row[0] = Cell(reader.GetString(0));
            row[1] = Cell(reader.GetString(1));
            row[2] = Cell(reader.GetString(2));
            row[3] = Cell(reader.GetString(3));
            row[4] = Cell(reader.GetString(4));
            row[5] = reader.GetBoolean(5) ? "ja" : "nee";
            row[6] = reader.IsDBNull(6) ? "" : reader.GetDateTime(6).ToString(DateFormat, CultureInfo.InvariantCulture);
            yield return row;
        }
    }

    /// <summary>
    /// A cell's text: neutralised, and with line breaks as LF in both formats (XML turns a bare CR into LF anyway).
    /// A cell starting with = + - @ tab or CR is run as a formula by spreadsheet programs (OWASP "CSV injection").
    /// A leading apostrophe makes it plain text, and shows the visitor's text exactly as typed.
    /// </summary>
    public static string Cell(string value) => Neutralise(value).ReplaceLineEndings("\n");

    public static string Neutralise(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
}
