using System.Text;
using PubliekeVeranderaars.Core.Exports;

namespace PubliekeVeranderaars.Core.Tests.Exports;

/// <summary>
/// An export streams: rows reach the output while later rows are still being read, so a million signatures never
/// sit in memory at once (bench/signatures.sh measures time and peak memory; this holds the shape).
/// </summary>
public class SpreadsheetExportTests
{
    private const int Rows = 20_000;
    private static readonly string[] Headers = ["Naam", "Plaats"];

    [Theory]
    [InlineData(ExportFormat.Csv)]
    [InlineData(ExportFormat.Xlsx)]
    public async Task Rows_reach_the_output_while_later_rows_are_still_being_read(ExportFormat format)
    {
        using var output = new MemoryStream();
        var writtenHalfway = -1L;

        var count = await SpreadsheetExport.WriteAsync(output, format, "Rijen", Headers, RowsAsync(output, at => writtenHalfway = at), CancellationToken.None);

        Assert.Equal(Rows, count);
        // Half the rows in, most of the first half is in the output already (what is left is one flush's worth).
        Assert.True(writtenHalfway > output.Length / 4, $"{format}: {writtenHalfway} of {output.Length} bytes written when half the rows were read");
    }

    /// <summary>
    /// The CSV is buffered as text and encoded a buffer at a time; a character outside the Basic Multilingual Plane
    /// (two UTF-16 units) split between two pieces of that buffer, or between two writes, must still come out as
    /// itself, not as U+FFFD.
    /// </summary>
    [Fact]
    public async Task Csv_keeps_every_character_across_the_buffers_it_is_written_in()
    {
        using var output = new MemoryStream();
        // Of varying lengths, so that the characters fall on every position of the writes (several per 1,000 rows).
        string Name(int i) => $"Ondertekenaar {i} {new string('é', i % 7)}{string.Concat(Enumerable.Repeat("😀🇳🇱", i % 31))}";

        await SpreadsheetExport.WriteAsync(output, ExportFormat.Csv, "Rijen", Headers, NamesAsync(Name), CancellationToken.None);

        var lines = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(output.ToArray()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Rows + 1, lines.Length);
        for (var i = 0; i < Rows; i++) Assert.Equal($"{Name(i)};Utrecht", lines[i + 1]);
    }

    private static async IAsyncEnumerable<ExportCell[]> NamesAsync(Func<int, string> name)
    {
        for (var i = 0; i < Rows; i++)
        {
            yield return [name(i), "Utrecht"];
            await Task.CompletedTask;
        }
    }

    private static async IAsyncEnumerable<ExportCell[]> RowsAsync(MemoryStream output, Action<long> halfway)
    {
        for (var i = 0; i < Rows; i++)
        {
            if (i == Rows / 2) halfway(output.Length);
            yield return [$"Ondertekenaar {i}", "Utrecht"];
            await Task.Yield();
        }
    }
}
