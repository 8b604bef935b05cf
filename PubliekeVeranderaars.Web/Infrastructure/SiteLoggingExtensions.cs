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

    public static WebApplication UseSiteRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging();
        return app;
    }
}
