using Serilog.Events;
using Serilog;

namespace PubliekeVeranderaars.Web.Infrastructure;

public static class SiteLoggingExtensions
{
    /// <summary>Logs kept on disk are personal data too (IP addresses); the privacy page promises at most 31 days.</summary>
    public const int RetainedLogFiles = 31;

    public static WebApplicationBuilder AddSiteLogging(this WebApplicationBuilder builder)
    {
        // Logging:Json=true: one JSON object per line (CLEF, with the request's trace and span id) for a log collector.
        var json = builder.Configuration.GetValue<bool>("Logging:Json");
        builder.Services.AddSerilog((services, logger) =>
        {
            logger.ReadFrom.Configuration(builder.Configuration).Enrich.FromLogContext();
            if (json) logger.WriteTo.Console(new Serilog.Formatting.Compact.CompactJsonFormatter());
            else logger.WriteTo.Console();
            logger.WriteTo.File(Path.Combine(services.GetRequiredService<SiteOptions>().DataDirectory, "logs", "site-.log"),
                rollingInterval: RollingInterval.Day, retainedFileCountLimit: RetainedLogFiles);
        });
        return builder;
    }

    /// <summary>A request that takes longer than this is logged as a warning, whatever its status.</summary>
    private const double SlowRequestMilliseconds = 1000;

    /// <summary>
    /// One line per request, at a level by what it says: an error for a 5xx or an exception, a warning for a slow one,
    /// information for a refused one (4xx), and debug for the rest. With the default minimum (Information) the site
    /// does not write a line for every page served (the proxy's access log has those): logging each one to the console
    /// and a file cost a third of the throughput. Set <c>Serilog:MinimumLevel:Default</c> to Debug to see them all.
    /// </summary>
    public static WebApplication UseSiteRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(options => options.GetLevel = (context, elapsed, exception) =>
            exception is not null || context.Response.StatusCode >= StatusCodes.Status500InternalServerError ? LogEventLevel.Error
            : elapsed > SlowRequestMilliseconds ? LogEventLevel.Warning
            : context.Response.StatusCode >= StatusCodes.Status400BadRequest ? LogEventLevel.Information
            : LogEventLevel.Debug);
        return app;
    }
}
