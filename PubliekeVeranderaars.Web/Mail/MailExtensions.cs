using PubliekeVeranderaars.Core.Mail;
using PubliekeVeranderaars.Core.Storage;
using PubliekeVeranderaars.Web.Infrastructure;

namespace PubliekeVeranderaars.Web.Mail;

public static class MailExtensions
{
    /// <summary>Webhook receivers get this long to answer before the outbox tries again later.</summary>
    private static readonly TimeSpan WebhookTimeout = TimeSpan.FromSeconds(15);

    /// <summary>The outbox, its transports and the dispatcher that runs in the background.</summary>
    public static WebApplicationBuilder AddSiteMail(this WebApplicationBuilder builder)
    {
        var site = SiteOptions.For(builder);
        var config = builder.Configuration;
        var options = new MailOptions
        {
            From = config["Mail:From"] is { Length: > 0 } from ? from : MailOptions.DefaultFrom,
            SmtpHost = config["Mail:Smtp:Host"] is { Length: > 0 } host ? host : null,
            SmtpPort = config.GetValue("Mail:Smtp:Port", 25),
            SmtpUser = config["Mail:Smtp:User"],
            SmtpPassword = config["Mail:Smtp:Password"],
            SmtpUseTls = config.GetValue("Mail:Smtp:UseTls", false),
            PickupDirectory = Path.Combine(site.DataDirectory, "mail"),
        };
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<IMailTransport>(options.SmtpHost is null
            ? new PickupFolderMailTransport(options)
            : new SmtpMailTransport(options));
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<ISiteNotificationHandler, WakeDispatcherWhenMailIsQueued>();
        builder.Services.AddSingleton<OutboxQueries>();
        builder.Services.AddHttpClient(nameof(WebhookSender), client => client.Timeout = WebhookTimeout);
        builder.Services.AddSingleton(services => new WebhookSender(
            services.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(WebhookSender)),
            setting => services.GetRequiredService<IConfiguration>()[setting]));
        builder.Services.AddSingleton<OutboxDispatcher>();
        builder.Services.AddSingleton<OutboxRetention>();
        builder.Services.Configure<OutboxDispatcherOptions>(config.GetSection("Mail:Outbox"));
        builder.Services.AddHostedService<OutboxDispatcherService>();
        return builder;
    }
}
