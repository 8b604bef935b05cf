using System.Globalization;
using System.Text;
using Microsoft.Net.Http.Headers;
using PubliekeVeranderaars.Core.Signatures;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Web.Signatures;

public static class SignatureExtensions
{
    public const string CountPath = "/api/signatures/count";
    public const string DailyPath = "/api/signatures/daily";
    public const string LogPath = "/api/signatures/log";
    private const string CsvFormat = "csv";
    private const string CsvMediaType = "text/csv";

    public static WebApplicationBuilder AddSiteSignatures(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SignatureCounter>();
        builder.Services.AddSingleton<ISiteNotificationHandler, RecountSignaturesWhenSignaturesChange>();
        builder.Services.AddSingleton<SignatureService>();
        builder.Services.AddSingleton<SignatureUpdates>();
        builder.Services.AddSingleton<SignatureExpiry>();
        builder.Services.AddSingleton<SignatureExport>();
        builder.Services.AddSingleton<SignatureDomainReport>();
        builder.Services.AddSingleton<SignatureDays>();
        builder.Services.AddSingleton<SignatureLogQueries>();
        return builder;
    }

    public static WebApplication MapSiteSignatures(this WebApplication app)
    {
        app.MapGet(CountPath, GetCountAsync).WithName("SignatureCount");
        app.MapGet(DailyPath, GetDailyAsync).WithName("SignaturesPerDay");
        app.MapGet(LogPath, GetLogAsync).WithName("SignatureLog");
        return app;
    }

    /// <summary>
    /// Confirmed signatures per day, Dutch time: JSON <c>[{"date":"2026-12-01","confirmed":12}, …]</c>, or CSV
    /// (<c>date,confirmed</c>) with <c>?format=csv</c> or <c>Accept: text/csv</c>.
    /// </summary>
    private static async Task<IResult> GetDailyAsync(SignatureDays days, HttpRequest request, HttpResponse response, string? format,
        CancellationToken cancellationToken)
    {
        var csv = format is null
            ? request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(CsvMediaType, StringComparison.OrdinalIgnoreCase))
            : string.Equals(format, CsvFormat, StringComparison.OrdinalIgnoreCase);
        if (format is not null && !csv && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
            return TypedResults.Problem(title: "Unknown format", detail: "format is csv or json", statusCode: StatusCodes.Status400BadRequest);
        response.Headers.CacheControl = "no-cache";
        response.Headers.Vary = HeaderNames.Accept;
        var all = await days.AllAsync(cancellationToken);
        if (!csv) return TypedResults.Ok(all.Select(d => new SignatureDayResponse(d.Date, d.Confirmed)));
        var text = new StringBuilder("date,confirmed\r\n");
        foreach (var day in all)
            text.Append(day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',').Append(day.Confirmed.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        return TypedResults.Text(text.ToString(), $"{CsvMediaType}; charset=utf-8");
    }

    /// <summary>
    /// The signature log, oldest line first, <c>skip</c>/<c>take</c> as in the Delivery API, with the hash of the newest
    /// line as <c>head</c>: whoever notes the head can later check every line before it (recipe in the README).
    /// </summary>
    private static async Task<IResult> GetLogAsync(SignatureLogQueries log, HttpResponse response, int? skip, int? take,
        CancellationToken cancellationToken)
    {
        if (skip < 0 || take is < 1 or > SignatureLogQueries.MaxTake)
            return TypedResults.Problem(title: "Invalid paging", detail: $"skip is 0 or more, take from 1 to {SignatureLogQueries.MaxTake}",
                statusCode: StatusCodes.Status400BadRequest);
        response.Headers.CacheControl = "no-cache";
        var page = await log.PageAsync(skip ?? 0, take ?? SignatureLogQueries.DefaultTake, cancellationToken);
        return TypedResults.Ok(new SignatureLogResponse(page.Total, page.Head, [.. page.Items.Select(e => new SignatureLogLineResponse(
            e.Sequence, DateTime.SpecifyKind(e.Utc, DateTimeKind.Utc), e.Event, e.Total, e.PreviousHash, e.Hash))]));
    }

    /// <summary><c>{"confirmed": N}</c>, from memory: cheap enough to poll, exact after every change on this node.</summary>
    private static async Task<IResult> GetCountAsync(SignatureCounter counter, HttpResponse response, CancellationToken cancellationToken)
    {
        response.Headers.CacheControl = "no-cache";
        return TypedResults.Ok(new SignatureCountResponse(await counter.ConfirmedCountAsync(cancellationToken)));
    }
}

public sealed record SignatureCountResponse(int Confirmed);

public sealed record SignatureDayResponse(DateOnly Date, int Confirmed);

/// <param name="Total">How many lines the log has.</param>
/// <param name="Head">The hash of the newest line.</param>
public sealed record SignatureLogResponse(long Total, string Head, IReadOnlyList<SignatureLogLineResponse> Items);

/// <param name="Confirmed">The confirmed count after this line.</param>
public sealed record SignatureLogLineResponse(long Sequence, DateTime Time, string Event, int Confirmed, string PreviousHash, string Hash);
