using System.Net;
using System.Net.Http.Json;
using PubliekeVeranderaars.Core.Signatures;
using PubliekeVeranderaars.Web.Tests.Forms;

namespace PubliekeVeranderaars.Web.Tests.Signatures;

/// <summary>
/// The public figures behind the count: confirmations per day, and the hash-chained log of every change of the count,
/// which anyone can check line by line. Over real HTTP, once per database provider.
/// </summary>
public abstract class SignatureFiguresTests(MailSiteFixture fixture)
{
    private readonly SiteHost _site = fixture.Site;

    private sealed record Day(DateOnly Date, int Confirmed);
    private sealed record Line(long Sequence, DateTime Time, string Event, int Confirmed, string PreviousHash, string Hash);
    private sealed record Log(long Total, string Head, List<Line> Items);

    private async Task<int> CountAsync()
    {
        using var client = _site.CreateHttpClient();
        return (await client.GetFromJsonAsync<Dictionary<string, int>>("/api/signatures/count"))!["confirmed"];
    }

    private async Task<List<Day>> DaysAsync()
    {
        using var client = _site.CreateHttpClient();
        return (await client.GetFromJsonAsync<List<Day>>("/api/signatures/daily"))!;
    }

    /// <summary>The whole log, page by page, as a checker would read it.</summary>
    private async Task<(string Head, List<Line> Lines)> LogAsync()
    {
        using var client = _site.CreateHttpClient();
        var lines = new List<Line>();
        string head;
        while (true)
        {
            var page = (await client.GetFromJsonAsync<Log>($"/api/signatures/log?skip={lines.Count}&take=2"))!;
            lines.AddRange(page.Items);
            head = page.Head;
            if (page.Items.Count == 0 || lines.Count >= page.Total) break;
        }
        return (head, lines);
    }

    /// <summary>Signs and confirms; the confirmation mail, whose withdraw link a test may press.</summary>
    private async Task<MimeKit.MimeMessage> SignAndConfirmAsync(string email)
    {
        using var poster = new FormPoster(_site);
        await poster.PostAsync("/ondertekenen/", [new("name", "Teller"), new("email", email), new("consent", "on")]);
        var mail = await fixture.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email));
        await SignatureLinks.PressAsync(_site, SignatureLinks.Confirm(mail));
        return mail;
    }

    private static void AssertChained(IReadOnlyList<Line> lines)
    {
        var previous = SignatureLog.Origin;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            Assert.Equal(i + 1, line.Sequence);
            Assert.Equal(previous, line.PreviousHash);
            Assert.Equal(SignatureLog.HashOf(previous, line.Sequence, line.Time.ToUniversalTime(), line.Event, line.Confirmed), line.Hash);
            previous = line.Hash;
        }
    }

    [Fact]
    public async Task The_days_add_up_to_the_count_and_the_log_chains_every_change_to_its_head()
    {
        var email = $"teller.{Guid.NewGuid():N}@example.org";
        var mail = await SignAndConfirmAsync(email);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, "Europe/Amsterdam"));

        var days = await DaysAsync();
        var (head, lines) = await LogAsync();
        var count = await CountAsync();
        Assert.Equal(count, days.Sum(d => d.Confirmed));
        Assert.Equal(today, days[^1].Date);
        Assert.True(days[^1].Confirmed >= 1);
        Assert.Equal(SignatureLogEvents.Opening, lines[0].Event);
        Assert.Equal((SignatureLogEvents.Confirmed, count), (lines[^1].Event, lines[^1].Confirmed));
        Assert.Equal(lines[^1].Hash, head);
        AssertChained(lines);

        await SignatureLinks.PressAsync(_site, SignatureLinks.Withdraw(mail));
        var (afterHead, after) = await LogAsync();
        Assert.Equal(lines, after.Take(lines.Count));
        Assert.Equal((SignatureLogEvents.Withdrawn, count - 1), (after[^1].Event, after[^1].Confirmed));
        Assert.Equal(count - 1, await CountAsync());
        Assert.Equal(count - 1, (await DaysAsync()).Sum(d => d.Confirmed));
        Assert.Equal(after[^1].Hash, afterHead);
        AssertChained(after);
    }

    [Fact]
    public async Task The_days_come_as_csv_when_asked_and_bad_requests_get_problem_details()
    {
        await SignAndConfirmAsync($"csv.{Guid.NewGuid():N}@example.org");
        using var client = _site.CreateHttpClient();

        var byQuery = await client.GetAsync("/api/signatures/daily?format=csv");
        using var asked = new HttpRequestMessage(HttpMethod.Get, "/api/signatures/daily") { Headers = { { "Accept", "text/csv" } } };
        var byHeader = await client.SendAsync(asked);

        foreach (var response in new[] { byQuery, byHeader })
        {
            Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
            var rows = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("date,confirmed", rows[0]);
            Assert.Equal(await CountAsync(), rows.Skip(1).Sum(r => int.Parse(r.Split(',')[1])));
        }
        foreach (var bad in new[] { "/api/signatures/daily?format=xml", "/api/signatures/log?take=0", "/api/signatures/log?take=100000", "/api/signatures/log?skip=-1" })
        {
            var response = await client.GetAsync(bad);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }
    }
}

public sealed class SignatureFiguresOnSqliteTests(SqliteMailSiteFixture fixture)
    : SignatureFiguresTests(fixture), IClassFixture<SqliteMailSiteFixture>;

public sealed class SignatureFiguresOnPostgresTests(PostgresMailSiteFixture fixture)
    : SignatureFiguresTests(fixture), IClassFixture<PostgresMailSiteFixture>;
