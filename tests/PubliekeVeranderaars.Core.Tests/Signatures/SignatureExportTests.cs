using PubliekeVeranderaars.Core.Exports;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using nietras.SeparatedValues;
using PubliekeVeranderaars.Core.Signatures;

namespace PubliekeVeranderaars.Core.Tests.Signatures;

public class SignatureExportTests
{
    private static readonly string[] Hostile =
        ["=HYPERLINK(\"http://kwaad.example\",\"klik\")", "+31 6 12345678", "-2+3", "@SUM(A1)", "\tTab", "\rCR", "Gewoon; met \"quotes\"\nen regel"];

    private static async Task<List<Signature>> SeedAsync(TestDatabase db)
    {
        var now = DateTime.UtcNow;
        var signatures = new List<Signature>();
        for (var i = 0; i < 30; i++)
        {
            signatures.Add(new Signature
            {
                Key = Guid.NewGuid(), Email = $"persoon{i}@example.org", Name = i < Hostile.Length ? Hostile[i] : $"Persoon {i} Ĳssel 😀",
                Organisation = i % 3 == 0 ? "=1+1" : "Gemeente Zeeë", Role = "-", Place = i % 2 == 0 ? "Utrecht" : "",
                ShowPublicly = i % 2 == 0, Status = i % 5 == 4 ? SignatureStatus.Pending : SignatureStatus.Confirmed,
                CreatedUtc = now.AddMinutes(-i), LastMailUtc = now, ConfirmedUtc = i % 5 == 4 ? null : now.AddMinutes(-i).AddSeconds(30),
            });
        }
        await using var context = db.Database.Open();
        context.Signatures.AddRange(signatures);
        await context.SaveChangesAsync();
        return signatures;
    }

    private static List<string[]> Expected(IEnumerable<Signature> signatures) =>
        signatures.Where(s => s.IsConfirmed).OrderBy(s => s.ConfirmedUtc).ThenBy(s => s.Key).Select(s => new[]
        {
            SpreadsheetExport.Cell(s.Name), SpreadsheetExport.Cell(s.Email), SpreadsheetExport.Cell(s.Organisation),
            SpreadsheetExport.Cell(s.Role), SpreadsheetExport.Cell(s.Place), s.ShowPublicly ? "ja" : "nee",
            // Dutch time, as the people reading the export live it.
            TimeZoneInfo.ConvertTimeFromUtc(s.ConfirmedUtc!.Value, DutchFormat.Amsterdam).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
        }).ToList();

    private static void AssertNoFormulaStart(IEnumerable<string> cells) =>
        Assert.All(cells, c => Assert.False(c.Length > 0 && c[0] is '=' or '+' or '-' or '@' or '\t' or '\r', $"cell starts with a formula character: {c}"));

    [Fact]
    public async Task Csv_reads_back_as_the_confirmed_rows_with_bom_semicolons_and_no_formula_cells()
    {
        await using var db = await TestDatabase.CreateAsync();
        var signatures = await SeedAsync(db);
        using var output = new MemoryStream();

        var count = await new SignatureExport(db.Database).WriteAsync(output, ExportFormat.Csv);

        var bytes = output.ToArray();
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        using var reader = Sep.New(SpreadsheetExport.CsvSeparator).Reader(o => o with { Unescape = true }).From(new MemoryStream(bytes[3..]));
        Assert.Equal(SignatureExport.Headers, reader.Header.ColNames);
        var rows = new List<string[]>();
        foreach (var row in reader)
        {
            var cells = new string[SignatureExport.Headers.Length];
            for (var i = 0; i < cells.Length; i++) cells[i] = row[SignatureExport.Headers[i]].ToString();
            rows.Add(cells);
        }
        var expected = Expected(signatures);
        Assert.Equal(expected.Count, count);
        Assert.Equal(expected, rows);
        AssertNoFormulaStart(rows.SelectMany(r => r));
    }

    [Fact]
    public async Task Xlsx_reads_back_as_the_confirmed_rows_with_no_formula_cells()
    {
        await using var db = await TestDatabase.CreateAsync();
        var signatures = await SeedAsync(db);
        using var output = new MemoryStream();

        await new SignatureExport(db.Database).WriteAsync(output, ExportFormat.Xlsx);

        output.Position = 0;
        using var document = SpreadsheetDocument.Open(output, false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.WorksheetParts.Single().Worksheet;
        var shared = workbook.SharedStringTablePart?.SharedStringTable;
        string Text(Cell cell) => cell.DataType?.Value == CellValues.SharedString
            ? shared!.ElementAt(int.Parse(cell.CellValue!.Text)).InnerText
            : cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText : cell.CellValue?.Text ?? "";
        var rows = sheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(Text).ToArray()).ToList();
        Assert.Empty(sheet.Descendants<CellFormula>());
        Assert.Equal(SignatureExport.Headers, rows[0]);
        var expected = Expected(signatures);
        Assert.Equal(expected.Select(r => r[..^1]), rows.Skip(1).Select(r => r[..^1]));
        AssertNoFormulaStart(rows.SelectMany(r => r[..^1]));

        // The moment of confirming is a real date cell, in Dutch time, shown in a Dutch date format.
        var formats = workbook.WorkbookStylesPart!.Stylesheet;
        foreach (var (cell, text) in sheet.Descendants<Row>().Skip(1).Select(r => r.Elements<Cell>().Last()).Zip(expected.Select(r => r[^1])))
        {
            Assert.Null(cell.DataType);
            Assert.Equal(text, DateTime.FromOADate(double.Parse(cell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture))
                .ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
            var format = (CellFormat)formats.CellFormats!.ElementAt((int)cell.StyleIndex!.Value);
            Assert.Equal(SpreadsheetExport.DutchDateTimeFormat,
                formats.NumberingFormats!.Elements<NumberingFormat>().Single(n => n.NumberFormatId!.Value == format.NumberFormatId!.Value).FormatCode!.Value);
        }
    }

    [Fact]
    public async Task Export_leaves_out_pending_signatures()
    {
        await using var db = await TestDatabase.CreateAsync();
        await SeedAsync(db);
        await using var context = db.Database.Open();
        var pending = await context.Signatures.Where(s => s.Status == SignatureStatus.Pending).Select(s => s.Email).ToListAsync();
        using var output = new MemoryStream();

        await new SignatureExport(db.Database).WriteAsync(output, ExportFormat.Csv);

        var text = Encoding.UTF8.GetString(output.ToArray());
        Assert.NotEmpty(pending);
        Assert.All(pending, email => Assert.DoesNotContain(email, text));
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+31", "'+31")]
    [InlineData("-", "'-")]
    [InlineData("@x", "'@x")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "'\rx")]
    [InlineData("Jan", "Jan")]
    [InlineData("", "")]
    [InlineData("a=b", "a=b")]
    public void Neutralise_prefixes_only_formula_starts(string value, string expected) =>
        Assert.Equal(expected, SpreadsheetExport.Neutralise(value));
}
