using System.Buffers;
using System.Globalization;
using System.Text;
using nietras.SeparatedValues;
using SpreadCheetah;
using SpreadCheetah.Styling;

namespace PubliekeVeranderaars.Core.Exports;

public enum ExportFormat
{
    Csv,
    Xlsx,
}

/// <summary>A cell of an export: text, or a moment (stored in UTC, written in Dutch time; none is an empty cell).</summary>
public readonly record struct ExportCell
{
    public string Text { get; private init; }
    public DateTime? Utc { get; private init; }
    public bool IsMoment { get; private init; }

    public static implicit operator ExportCell(string text) => new() { Text = text };

    public static ExportCell At(DateTime? utc) => new() { Text = "", Utc = utc, IsMoment = true };
}

/// <summary>
/// Writes rows as CSV or XLSX, streamed: one chunk in memory, never the whole file. Every export of personal data
/// (signatures, form entries) goes through here, so all of them neutralise formula cells the same way. The CSV is
/// what Dutch Excel opens correctly: UTF-8 with BOM, semicolons.
/// </summary>
public static class SpreadsheetExport
{
    /// <summary>Dutch Excel uses the semicolon as list separator, since the comma is the decimal sign.</summary>
    public const char CsvSeparator = ';';

    /// <summary>Rows between writes to the output: a small buffer without a write per row.</summary>
    private const int FlushEvery = 1000;

    /// <summary>The size of each write to the output, whatever the length of the rows' text.</summary>
    private const int WriteBytes = 64 * 1024;

    /// <summary>Room kept free in a write for the next character (UTF-8 needs at most four bytes, with a pending half).</summary>
    private const int MaxBytesPerChar = 8;

    /// <summary>How a moment reads in CSV: sortable, and read as a date by Dutch Excel.</summary>
    public const string CsvDateTimeFormat = "yyyy-MM-dd HH:mm:ss";

    /// <summary>How a date cell shows in XLSX: day-month-year, as Dutch readers write it.</summary>
    public const string DutchDateTimeFormat = "d-m-yyyy hh:mm:ss";

    public static string Extension(ExportFormat format) => format == ExportFormat.Xlsx ? "xlsx" : "csv";

    public static string ContentType(ExportFormat format) => format == ExportFormat.Xlsx
        ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        : "text/csv; charset=utf-8";

    public static Task<int> WriteAsync(Stream output, ExportFormat format, string sheetName, IReadOnlyList<string> headers,
        IAsyncEnumerable<ExportCell[]> rows, CancellationToken cancellationToken) =>
        format == ExportFormat.Xlsx
            ? WriteXlsxAsync(output, sheetName, headers, rows, cancellationToken)
            : WriteCsvAsync(output, headers, rows, cancellationToken);

    /// <summary>
    /// Sep writes rows into a small text buffer; every <see cref="FlushEvery"/> rows it is encoded and written to the
    /// output asynchronously (an HTTP response refuses synchronous writes).
    /// </summary>
    private static async Task<int> WriteCsvAsync(Stream output, IReadOnlyList<string> headers, IAsyncEnumerable<ExportCell[]> rows,
        CancellationToken cancellationToken)
    {
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        await output.WriteAsync(Encoding.UTF8.Preamble.ToArray(), cancellationToken);
        var buffer = new StringWriter(CultureInfo.InvariantCulture);
        var count = 0;
        using (var writer = Sep.New(CsvSeparator).Writer(o => o with { Escape = true, CultureInfo = CultureInfo.InvariantCulture }).To(buffer))
        {
            writer.Header.Add([.. headers]);
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                // Rows go to an in-memory buffer, so they are written synchronously; cancellation is checked per chunk.
                using (var line = writer.NewRow())
                {
                    for (var i = 0; i < row.Length; i++) SetCsvCell(line[i], row[i]);
                }
                if (++count % FlushEvery == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    writer.Flush();
                    await DrainAsync(buffer, output, encoding, cancellationToken);
                }
            }
        }
        await DrainAsync(buffer, output, encoding, cancellationToken);
        await output.FlushAsync(cancellationToken);
        return count;
    }

    /// <summary>
    /// The buffered rows go out in writes of <see cref="WriteBytes"/>, not one per piece of the text buffer: a file
    /// opened for synchronous use (the CLI's) runs each asynchronous write on the thread pool, and writing piece by
    /// piece cost a quarter of a million-row export. One encoder for all pieces, because a character of two UTF-16
    /// units may be split between two of them.
    /// </summary>
    private static async Task DrainAsync(StringWriter buffer, Stream output, Encoding encoding, CancellationToken cancellationToken)
    {
        var text = buffer.GetStringBuilder();
        if (text.Length == 0) return;
        var bytes = ArrayPool<byte>.Shared.Rent(WriteBytes);
        try
        {
            var encoder = encoding.GetEncoder();
            var filled = 0;
            foreach (var chunk in text.GetChunks())
            {
                var rest = chunk;
                while (rest.Length > 0)
                {
                    encoder.Convert(rest.Span, bytes.AsSpan(filled), flush: false, out var charsUsed, out var bytesUsed, out _);
                    rest = rest[charsUsed..];
                    filled += bytesUsed;
                    if (bytes.Length - filled >= MaxBytesPerChar) continue;
                    await output.WriteAsync(bytes.AsMemory(0, filled), cancellationToken);
                    filled = 0;
                }
            }
            filled += encoder.GetBytes([], bytes.AsSpan(filled), flush: true);
            await output.WriteAsync(bytes.AsMemory(0, filled), cancellationToken);
            text.Clear();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static async Task<int> WriteXlsxAsync(Stream output, string sheetName, IReadOnlyList<string> headers,
        IAsyncEnumerable<ExportCell[]> rows, CancellationToken cancellationToken)
    {
        await using var spreadsheet = await Spreadsheet.CreateNewAsync(output, cancellationToken: cancellationToken);
        await spreadsheet.StartWorksheetAsync(sheetName, token: cancellationToken);
        var dateStyle = spreadsheet.AddStyle(new Style { Format = NumberFormat.Custom(DutchDateTimeFormat) });
        await spreadsheet.AddRowAsync(headers.Select(h => new DataCell(h)).ToArray(), cancellationToken);
        var cells = new SpreadCheetah.Cell[headers.Count];
        var count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            for (var i = 0; i < row.Length; i++)
            {
                cells[i] = row[i] switch
                {
                    { IsMoment: true, Utc: { } utc } => new SpreadCheetah.Cell(new DataCell(WholeSeconds(DutchFormat.ToAmsterdam(utc))), dateStyle),
                    { IsMoment: true } => new SpreadCheetah.Cell(new DataCell("")),
                    var text => new SpreadCheetah.Cell(new DataCell(Cell(text.Text))),
                };
            }
            await spreadsheet.AddRowAsync(cells, cancellationToken);
            count++;
        }
        await spreadsheet.FinishAsync(cancellationToken);
        return count;
    }

    /// <summary>A moment is formatted in place, not as a string of its own: a million-row export has a million of them.</summary>
    private static void SetCsvCell(SepWriter.Col column, ExportCell cell)
    {
        if (!cell.IsMoment)
        {
            column.Set(Cell(cell.Text));
            return;
        }
        if (cell.Utc is not { } utc)
        {
            column.Set("");
            return;
        }
        Span<char> moment = stackalloc char[CsvDateTimeFormat.Length];
        DutchFormat.ToAmsterdam(utc).TryFormat(moment, out var written, CsvDateTimeFormat, CultureInfo.InvariantCulture);
        column.Set(moment[..written]);
    }

    /// <summary>
    /// A cell's text: neutralised, and with line breaks as LF in both formats (XML turns a bare CR into LF anyway).
    /// </summary>
    public static string Cell(string value) => Neutralise(value).ReplaceLineEndings("\n");

    /// <summary>
    /// A cell starting with = + - @ tab or CR is run as a formula by spreadsheet programs (OWASP "CSV injection").
    /// A leading apostrophe makes it plain text, and shows the visitor's text exactly as typed.
    /// </summary>
    public static string Neutralise(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    /// <summary>
    /// The cell shows seconds and the CSV writes them cut off; a spreadsheet would round the milliseconds instead
    /// (14:44:03.6 showing as 14:44:04), so both files say the same second.
    /// </summary>
    private static DateTime WholeSeconds(DateTime moment) => new(moment.Ticks - moment.Ticks % TimeSpan.TicksPerSecond, moment.Kind);
}
