using PubliekeVeranderaars.Core.Mail;
using PubliekeVeranderaars.Core.Privacy;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Web.Privacy;

/// <summary>Privacy requests (access, erasure) and retention at a glance: the services behind the back office's screens.</summary>
public static class PrivacyExtensions
{
    public static WebApplicationBuilder AddPrivacy(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<PrivacyHashes>();
        services.AddSingleton<PersonalDataSearch>();
        services.AddSingleton<PersonalDataErasure>();
        services.AddSingleton<PersonalDataRetention>();
        services.AddSingleton<PrivacyRequests>();
        services.AddSingleton<ISiteNotificationHandler, DeletePickupCopiesWhenMailIsForgotten>();
        services.AddSingleton<ISiteNotificationHandler, ScrubDatabaseWhenPersonalDataIsDeleted>();
        return builder;
    }
}
