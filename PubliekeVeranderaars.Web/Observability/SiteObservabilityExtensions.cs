using System.Net;
using System.Security.Cryptography;
using System.Text;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using PubliekeVeranderaars.Core.Mail;
using PubliekeVeranderaars.Core.Observability;

namespace PubliekeVeranderaars.Web.Observability;

/// <summary>The <c>Metrics:*</c> settings.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>On by default; off only to measure what metrics cost (bench/metrics-cost.sh).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Addresses that may read /metrics without a key; loopback by default (a Prometheus on the same host).</summary>
    public string AllowedAddresses { get; set; } = "127.0.0.1;::1";
    /// <summary>ASP.NET Core's request metrics (duration by route and status); off only to measure what they cost.</summary>
    public bool Requests { get; set; } = true;
    /// <summary>Or a key, sent as <c>Authorization: Bearer KEY</c>, for a Prometheus elsewhere.</summary>
    public string? Key { get; set; }
    /// <summary>An OTLP endpoint (http://collector:4318) to push metrics to as well; off when empty.</summary>
    public string? OtlpEndpoint { get; set; }
}

/// <summary>
/// Metrics in OpenTelemetry form: requests by route and status with their latency (ASP.NET Core's own), the
/// database client's (Npgsql's), and the site's own (<see cref="SiteMetrics"/>), scraped by Prometheus at /metrics
/// and optionally pushed over OTLP.
/// </summary>
public static class SiteObservabilityExtensions
{
    public const string MetricsPath = "/metrics";
    /// <summary>ASP.NET Core's own meter of <c>http.server.request.duration</c> and <c>http.server.active_requests</c>.</summary>
    private const string AspNetCoreRequestMeter = "Microsoft.AspNetCore.Hosting";
    private const string ActiveRequestsInstrument = "http.server.active_requests";
    /// <summary>The outbox is read at most this often, however often a scraper asks.</summary>
    private static readonly TimeSpan OutboxReadInterval = TimeSpan.FromSeconds(5);

    public static WebApplicationBuilder AddSiteObservability(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new MetricsOptions();
        builder.Services.AddSingleton(options);
        if (!options.Enabled) return builder;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("publiekeveranderaars"))
            .WithMetrics(metrics =>
            {
                // Only the request meter of ASP.NET Core (duration by route and status, requests in progress): the
                // instrumentation package also subscribes to Kestrel's, routing's and others' meters, several of them
                // recorded on every request, which together cost a fifth of the page throughput (bench/metrics-cost.sh).
                metrics.AddMeter(SiteMetrics.MeterName, "Npgsql").AddPrometheusExporter();
                metrics.SetExemplarFilter(ExemplarFilterType.AlwaysOff);
                if (options.Requests)
                {
                    metrics.AddMeter(AspNetCoreRequestMeter);
                    // Requests in progress are recorded twice per request; a scrape every 15 s sees almost none anyway.
                    metrics.AddView(ActiveRequestsInstrument, MetricStreamConfiguration.Drop);
                }
                if (options.OtlpEndpoint is { Length: > 0 } endpoint) metrics.AddOtlpExporter(otlp => otlp.Endpoint = new Uri(endpoint));
            });
        return builder;
    }

    public static WebApplication UseSiteMetrics(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<MetricsOptions>();
        if (!options.Enabled) return app;
        var outbox = app.Services.GetRequiredService<OutboxQueries>();
        var cached = (State: new OutboxState(0, TimeSpan.Zero), At: DateTime.MinValue);
        var gate = new Lock();
        SiteMetrics.ObserveOutbox(() =>
        {
            lock (gate)
            {
                if (DateTime.UtcNow - cached.At < OutboxReadInterval) return cached.State;
                // Observable instruments are read synchronously, on the scrape; the query is one indexed count.
                cached = (outbox.StateAsync().GetAwaiter().GetResult(), DateTime.UtcNow);
                return cached.State;
            }
        });
        var allowed = options.AllowedAddresses.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(IPAddress.Parse).ToHashSet();
        // Anyone else gets the site's 404: the endpoint's existence is not announced.
        app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
            context.Request.Path == MetricsPath && (MayRead(context, allowed, options.Key)));
        return app;
    }

    private static bool MayRead(HttpContext context, IReadOnlySet<IPAddress> allowed, string? key)
    {
        if (key is { Length: > 0 } && context.Request.Headers.Authorization.ToString() is var header && header.StartsWith("Bearer ", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header["Bearer ".Length..]), Encoding.UTF8.GetBytes(key)))
            return true;
        return context.Connection.RemoteIpAddress is { } remote && (allowed.Contains(remote) || (remote.IsIPv4MappedToIPv6 && allowed.Contains(remote.MapToIPv4())));
    }
}
