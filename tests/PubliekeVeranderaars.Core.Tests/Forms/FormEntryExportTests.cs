using System.Text;
using PubliekeVeranderaars.Core.Exports;
using PubliekeVeranderaars.Core.Forms;

namespace PubliekeVeranderaars.Core.Tests.Forms;

public class FormEntryExportTests
{
    private static readonly FormDefinition Form = new()
    {
        Key = Guid.NewGuid(), Alias = "doeMee", Name = "Doe mee",
        Fields =
        [
            new FormField { Alias = "name", Label = "Naam", Type = FormFieldType.ShortText },
            new FormField { Alias = "consent", Label = "Toestemming", Type = FormFieldType.DataConsent },
        ],
    };

    [Fact]
    public async Task Export_writes_one_column_per_field_only_for_the_given_pages()
    {
        await using var db = await TestDatabase.CreateAsync();
        Guid mine = Guid.NewGuid(), other = Guid.NewGuid();
        await using (var context = db.Database.Open())
        {
            context.FormEntries.AddRange(
                new FormEntry { Key = Guid.NewGuid(), FormKey = Form.Key, PageKey = mine, PageName = "Mijn initiatief", CreatedUtc = new DateTime(2026, 7, 1, 10, 0, 0, DateTimeKind.Utc), Values = [new("name", "=Jan"), new("consent", "true")] },
                new FormEntry { Key = Guid.NewGuid(), FormKey = Form.Key, PageKey = other, PageName = "Ander", CreatedUtc = DateTime.UtcNow, Values = [new("name", "Piet")] });
            await context.SaveChangesAsync();
        }
        using var output = new MemoryStream();

        var count = await new FormEntryExport(db.Database).WriteAsync(output, ExportFormat.Csv, Form, new HashSet<Guid> { mine });

        var csv = Encoding.UTF8.GetString(output.ToArray());
        Assert.Equal(1, count);
        Assert.Contains("Ontvangen (Nederlandse tijd);Pagina;Naam;Toestemming", csv);
        // Ten o'clock UTC on a summer's day is noon in the Netherlands.
        Assert.Contains("2026-07-01 12:00:00;Mijn initiatief;'=Jan;ja", csv);
        Assert.DoesNotContain("Piet", csv);
    }
}
