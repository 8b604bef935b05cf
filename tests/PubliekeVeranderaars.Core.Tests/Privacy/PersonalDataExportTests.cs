using System.Text.Json;
using PubliekeVeranderaars.Core.Privacy;

namespace PubliekeVeranderaars.Core.Tests.Privacy;

public class PersonalDataExportTests
{
    private static readonly PersonalDataReport Report = new("zoë@example.org", new DateTime(2026, 12, 1, 9, 30, 0, DateTimeKind.Utc),
    [
        new(PersonalDataKinds.Entry, "e1", new DateTime(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc), "Doe mee op Innovatielab",
            [new("Naam", "Zoë <script>alert(1)</script>"), new("Waarom wil je meedoen?", "Omdat \"samen\" & sneller")]),
        new(PersonalDataKinds.Signature, "s1", null, "bevestigd", [new("Naam", "Zoë")]),
    ]);

    [Fact]
    public void The_readable_page_encodes_what_people_typed_and_keeps_their_letters()
    {
        var html = PersonalDataExport.ToHtml(Report, "Wij, Publieke Veranderaars");

        Assert.DoesNotContain("<script>", html);
        Assert.Contains("Zoë &lt;script&gt;", html);
        Assert.Contains("Omdat &quot;samen&quot; &amp; sneller", html);
        Assert.Contains("<h2>Aanmelding (1)</h2>", html);
        Assert.Contains("1 december 2026 10:30", html);
    }

    [Fact]
    public void The_json_holds_every_record_with_its_fields_by_label()
    {
        using var json = JsonDocument.Parse(PersonalDataExport.ToJson(Report));
        var records = json.RootElement.GetProperty("records").EnumerateArray().ToList();

        Assert.Equal("zoë@example.org", json.RootElement.GetProperty("address").GetString());
        Assert.Equal(["e1", "s1"], records.Select(r => r.GetProperty("key").GetString()));
        var first = records[0].GetProperty("fields").EnumerateArray().First();
        Assert.Equal(("Naam", "Zoë <script>alert(1)</script>"), (first.GetProperty("label").GetString(), first.GetProperty("value").GetString()));
    }

    [Theory]
    [InlineData("2026-12-01", "2027-01-01")]
    // A month after 31 January is the end of February, as the AVG counts.
    [InlineData("2027-01-31", "2027-02-28")]
    public void A_request_is_due_one_month_after_it_came_in(string received, string due) =>
        Assert.Equal(DateOnly.Parse(due), PrivacyRequest.Due(DateOnly.Parse(received)));
}
