using System.Diagnostics.Metrics;

namespace PubliekeVeranderaars.Core.Observability;

/// <summary>
/// The site's own figures, as OpenTelemetry metrics (System.Diagnostics.Metrics): what an operator watches during a
/// campaign or a mail outage. The host exports them (Prometheus at /metrics, optionally OTLP); with no exporter
/// listening, recording one is a few nanoseconds.
/// </summary>
public static class SiteMetrics
{
    public const string MeterName = "PubliekeVeranderaars";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> SignaturesSigned = Meter.CreateCounter<long>("pv.signatures.signed", "{signature}", "New signatures (not yet confirmed)");
    public static readonly Counter<long> SignaturesConfirmed = Meter.CreateCounter<long>("pv.signatures.confirmed", "{signature}", "Signatures confirmed through the mailed link");
    public static readonly Counter<long> SignaturesWithdrawn = Meter.CreateCounter<long>("pv.signatures.withdrawn", "{signature}", "Signatures withdrawn");
    public static readonly Counter<long> EntriesSubmitted = Meter.CreateCounter<long>("pv.entries.submitted", "{entry}", "Form entries (doe mee) accepted, by form");
    public static readonly Counter<long> MailsSent = Meter.CreateCounter<long>("pv.mail.sent", "{message}", "Outbox messages delivered");
    public static readonly Counter<long> MailFailures = Meter.CreateCounter<long>("pv.mail.failures", "{attempt}", "Failed delivery attempts; final=true when given up");
    public static readonly Histogram<double> SearchDuration = Meter.CreateHistogram<double>("pv.search.duration", "s", "Time to answer a site search");
    public static readonly Counter<long> SearchIndexRebuilds = Meter.CreateCounter<long>("pv.search.index.rebuilds", "{rebuild}", "Search index rebuilds");
    public static readonly Histogram<double> CacheRebuildDuration = Meter.CreateHistogram<double>("pv.cache.rebuild.duration", "s", "Time to rebuild the published cache after a change");

    private static Func<OutboxState>? _readOutbox;
    private static int _outboxObserved;

    /// <summary>
    /// The outbox as a scrape sees it: how many messages wait, and how long the oldest has waited, read only when
    /// metrics are collected. A process serves one site; the host that starts last is the one read (tests start many).
    /// </summary>
    public static void ObserveOutbox(Func<OutboxState> read)
    {
        Volatile.Write(ref _readOutbox, read);
        if (Interlocked.Exchange(ref _outboxObserved, 1) == 1) return;
        Meter.CreateObservableGauge("pv.outbox.pending", () => Outbox().Pending, "{message}", "Messages waiting to be delivered");
        Meter.CreateObservableGauge("pv.outbox.oldest_age", () => Outbox().OldestAge.TotalSeconds, "s", "How long the oldest waiting message has waited");
    }

    private static OutboxState Outbox()
    {
        try
        {
            return Volatile.Read(ref _readOutbox)?.Invoke() ?? default;
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException or System.Data.Common.DbException)
        {
            // A scrape while the database is away says nothing rather than failing the whole scrape; readiness tells.
            return default;
        }
    }
}

public readonly record struct OutboxState(long Pending, TimeSpan OldestAge);
