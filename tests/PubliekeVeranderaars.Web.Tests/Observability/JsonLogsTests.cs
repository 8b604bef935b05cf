using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PubliekeVeranderaars.Web.Tests.Observability;

/// <summary>
/// <c>Logging:Json=true</c>, as a log collector wants it: every line the site writes is one JSON object (CLEF), and a
/// request's line carries the request's trace id, so a log line and a trace find each other.
/// </summary>
public partial class JsonLogsTests
{
    [Fact]
    public async Task Every_line_is_one_json_object_and_a_request_line_carries_the_requests_trace_id()
    {
        var data = Directory.CreateTempSubdirectory("pv-json-logs-").FullName;
        using var process = SiteProcess.Start(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = SiteHost.TestingEnvironment, ["Site__DataDirectory"] = data, ["uSync__Folder"] = RepositoryPaths.USyncSeed,
            ["Logging__Json"] = "true",
        }, "--urls", "http://127.0.0.1:0");
        await process.WaitForOutputAsync(l => l.Contains("Now listening on", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        var address = ListeningAddress().Match(process.Output).Groups[1].Value;
        var traceId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/deze-pagina-bestaat-niet/");
        request.Headers.Add("traceparent", $"00-{traceId}-{Convert.ToHexStringLower(BitConverter.GetBytes(42L))}-01");

        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(request)).StatusCode);

        // A refused request (4xx) is logged at Information, the default level.
        await process.WaitForOutputAsync(l => l.Contains(traceId, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        var lines = process.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var events = lines.Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
        Assert.All(events, e => Assert.True(e.TryGetProperty("@t", out _), "every line has its time"));
        var requestLine = Assert.Single(events, e => e.TryGetProperty("@tr", out var tr) && tr.GetString() == traceId);
        Assert.Equal("/deze-pagina-bestaat-niet/", requestLine.GetProperty("RequestPath").GetString());
        Assert.Equal(404, requestLine.GetProperty("StatusCode").GetInt32());
    }

    [GeneratedRegex("\"address\":\"(http://[^\"]+)\"")]
    private static partial Regex ListeningAddress();
}
