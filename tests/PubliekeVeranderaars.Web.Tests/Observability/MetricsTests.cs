using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Npgsql;
using PubliekeVeranderaars.Core.Storage;
using PubliekeVeranderaars.Web.Tests.Forms;

namespace PubliekeVeranderaars.Web.Tests.Observability;

/// <summary>
/// The site's meter is one per process and the outbox gauges read the site started last: these tests run on their
/// own, after the others, so that is theirs.
/// </summary>
[CollectionDefinition(nameof(MetricsCollection), DisableParallelization = true)]
public sealed class MetricsCollection;

/// <summary>What an operator watches: /metrics in Prometheus' text format, for those allowed, and live/ready health.</summary>
[Collection(nameof(MetricsCollection))]
public partial class MetricsTests
{
    private static readonly Dictionary<string, string?> FastOutbox = new() { ["Mail:Outbox:PollSeconds"] = "1", ["Forms:RateLimit:PermitsPerMinute"] = "1000000" };

    /// <summary>The samples of a scrape by metric name (labels dropped, values summed), after checking every line parses.</summary>
    private static async Task<Dictionary<string, double>> ScrapeAsync(SiteHost site)
    {
        using var client = site.CreateHttpClient();
        var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.MediaType);
        var samples = new Dictionary<string, double>();
        foreach (var line in (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith('#'))
            {
                Assert.Matches(CommentLine(), line);
                continue;
            }
            var sample = SampleLine().Match(line);
            Assert.True(sample.Success, $"not a Prometheus sample: {line}");
            var value = sample.Groups["value"].Value switch { "+Inf" => double.PositiveInfinity, "-Inf" => double.NegativeInfinity, var v => double.Parse(v, CultureInfo.InvariantCulture) };
            samples[sample.Groups["name"].Value] = samples.GetValueOrDefault(sample.Groups["name"].Value) + value;
        }
        return samples;
    }

    [GeneratedRegex(@"^# (HELP|TYPE|EOF|UNIT)( |$)")]
    private static partial Regex CommentLine();

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*",?)*\})? (?<value>[-+]?([0-9.]+([eE][-+]?[0-9]+)?|Inf|NaN))( [0-9]+)?$""")]
    private static partial Regex SampleLine();

    [Fact]
    public async Task Metrics_parse_as_prometheus_text_and_count_requests_signatures_and_sign_ups()
    {
        using var site = new SiteHost(DatabaseProvider.Sqlite, FastOutbox);
        using var poster = new FormPoster(site);
        await poster.PostAsync("/ondertekenen/", [new("name", "Meter"), new("email", $"meter.{Guid.NewGuid():N}@example.org"), new("consent", "on")]);
        var initiative = site.GetService<Core.Content.PublishedContentCache>().Current.All
            .First(c => c.ContentTypeAlias == Core.Initiatives.InitiativeStatus.InitiativeTypeAlias && Core.Initiatives.InitiativeStatus.IsOpen(c));
        Assert.True(FormPoster.IsThankYou(await poster.PostAsync(initiative.Route, FormPoster.Join("Meter", $"doet.{Guid.NewGuid():N}@example.org"))));
        using (var visitor = site.CreateHttpClient()) Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/zoeken/?q=ambtenaren")).StatusCode);

        var samples = await ScrapeAsync(site);

        Assert.True(samples["pv_signatures_signed_total"] >= 1);
        Assert.True(samples["http_server_request_duration_seconds_count"] >= 2);
        Assert.Contains("pv_outbox_pending", samples.Keys);
        Assert.Contains("pv_outbox_oldest_age_seconds", samples.Keys);
        Assert.Contains("pv_cache_rebuild_duration_seconds_count", samples.Keys);
        Assert.True(samples["pv_entries_submitted_total"] >= 1);
        Assert.True(samples["pv_search_duration_seconds_count"] >= 1);
        // Requests are told apart by route and status, as dashboards group them.
        using var reader = site.CreateHttpClient();
        var text = await reader.GetStringAsync("/metrics");
        Assert.Matches("""http_server_request_duration_seconds_count\{[^}]*http_response_status_code="200"[^}]*\}""", text);
        Assert.Matches("""http_server_request_duration_seconds_count\{[^}]*http_route="[^"]+"[^}]*\}""", text);
        Assert.Matches("""pv_entries_submitted_total\{[^}]*form="[^"]+"[^}]*\}""", text);
        // Requests in progress are left out: recorded twice per request, they cost more than a scrape learns (bench/metrics-cost.sh).
        Assert.DoesNotContain("http_server_active_requests", text);
    }

    [Fact]
    public async Task Only_allowed_addresses_or_the_key_read_the_metrics_and_others_see_no_such_page()
    {
        using var site = new SiteHost(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Metrics:AllowedAddresses"] = "192.0.2.1", ["Metrics:Key"] = "een-lange-sleutel" });
        using var client = site.CreateHttpClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/metrics")).StatusCode);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "een-andere-sleutel") } };
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(wrong)).StatusCode);
        using var right = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "een-lange-sleutel") } };
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(right)).StatusCode);
    }

    [Fact]
    public async Task The_age_of_the_oldest_mail_rises_while_the_mail_server_is_down_and_falls_when_it_is_back()
    {
        await using var smtp = new TestSmtpServer();
        var settings = new Dictionary<string, string?>(SiteHost.MailTo(smtp)) { ["Forms:RateLimit:PermitsPerMinute"] = "1000000" };
        using var site = new SiteHost(DatabaseProvider.Sqlite, settings);
        await smtp.StopAsync();
        using var poster = new FormPoster(site);
        var email = $"wacht.{Guid.NewGuid():N}@example.org";
        await poster.PostAsync("/ondertekenen/", [new("name", "Wachtend"), new("email", email), new("consent", "on")]);

        // The outbox is read at most every five seconds: the figures follow within a few of those.
        var within = TimeSpan.FromSeconds(30);
        var first = await Eventually.UntilAsync(() => ScrapeAsync(site),
            s => s.GetValueOrDefault("pv_outbox_pending") >= 1 && s.GetValueOrDefault("pv_mail_failures_total") >= 1, within, "the waiting mail counted");
        var later = await Eventually.UntilAsync(() => ScrapeAsync(site),
            s => s["pv_outbox_oldest_age_seconds"] > first["pv_outbox_oldest_age_seconds"], within, "the oldest mail older");
        Assert.True(later["pv_outbox_pending"] >= 1);

        smtp.Start();
        await smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email), TimeSpan.FromSeconds(90));
        var after = await Eventually.UntilAsync(() => ScrapeAsync(site),
            s => s["pv_outbox_pending"] == 0, within, "the outbox empty in the figures");
        Assert.Equal(0, after["pv_outbox_oldest_age_seconds"]);
    }

    [Fact]
    public async Task Readiness_fails_while_the_database_is_unreachable_and_recovers_and_liveness_holds()
    {
        using var site = new SiteHost(DatabaseProvider.Postgres);
        using var client = site.CreateHttpClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        var database = new NpgsqlConnectionStringBuilder(site.ConnectionString).Database!;
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(site.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await admin.OpenAsync();
        async Task ExecuteAsync(string sql)
        {
            await using var command = new NpgsqlCommand(sql, admin);
            await command.ExecuteNonQueryAsync();
        }
        await ExecuteAsync($"ALTER DATABASE \"{database}\" WITH ALLOW_CONNECTIONS false");
        await ExecuteAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'");
        NpgsqlConnection.ClearAllPools();
        try
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        }
        finally
        {
            await ExecuteAsync($"ALTER DATABASE \"{database}\" WITH ALLOW_CONNECTIONS true");
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }
}
