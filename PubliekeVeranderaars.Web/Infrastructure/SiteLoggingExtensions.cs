using Serilog;

namespace PubliekeVeranderaars.Web.Infrastructure;

public static class SiteLoggingExtensions
{
    /// <summary>Logs kept on disk are personal data too (IP addresses); the privacy page promises at most 31 days.</summary>
    public const int RetainedLogFiles = 31;

    public static WebApplicationBuilder AddSiteLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console()
            .WriteTo.File(Path.Combine(services.GetRequiredService<SiteOptions>().DataDirectory, "logs", "site-.log"),
                rollingInterval: RollingInterval.Day, retainedFileCountLimit: RetainedLogFiles));
        return builder;
    }

    public static WebApplication UseSiteRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging();
        return app;
    }
}
