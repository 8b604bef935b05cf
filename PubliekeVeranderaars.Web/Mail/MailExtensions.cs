using Microsoft.Extensions.Options;
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
        builder.Services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section)
            .PostConfigure<SiteOptions>((mail, site) => mail.PickupDirectory = site.MailPickupDirectory)
            .ValidateOnStart();
        builder.Services.AddSingleton(services => services.GetRequiredService<IOptions<MailOptions>>().Value);
        builder.Services.AddSingleton<IMailTransport>(services => services.GetRequiredService<MailOptions>() is { Smtp.Host: { Length: > 0 } } mail
            ? new SmtpMailTransport(mail)
            : new PickupFolderMailTransport(services.GetRequiredService<MailOptions>()));
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<ISiteNotificationHandler, WakeDispatcherWhenMailIsQueued>();
        builder.Services.AddSingleton<OutboxQueries>();
        builder.Services.AddHttpClient(nameof(WebhookSender), client => client.Timeout = WebhookTimeout);
        builder.Services.AddSingleton(services => new WebhookSender(
            services.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(WebhookSender)),
            setting => services.GetRequiredService<IConfiguration>()[setting]));
        builder.Services.AddSingleton<OutboxDispatcher>();
        builder.Services.AddSingleton<OutboxRetention>();
        builder.Services.AddOptions<OutboxDispatcherOptions>().BindConfiguration(OutboxDispatcherOptions.Section).ValidateOnStart();
        builder.Services.AddHostedService<OutboxDispatcherService>();
        return builder;
    }
}
