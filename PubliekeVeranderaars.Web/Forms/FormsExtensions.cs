using Microsoft.AspNetCore.RateLimiting;
using PubliekeVeranderaars.Core.Forms;
using PubliekeVeranderaars.Core.Storage;
using PubliekeVeranderaars.Web.Infrastructure;

namespace PubliekeVeranderaars.Web.Forms;

public static class FormsExtensions
{
    public const string RateLimitPolicy = "forms";

    /// <summary>
    /// An office of a few hundred civil servants shares one public address; after an all-hands mail many of them
    /// post within the same minute. Ten a second per address still stops a script.
    /// </summary>
    public const int DefaultPermitsPerMinute = 600;

    public static WebApplicationBuilder AddSiteForms(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<FormDefinitionStore>();
        builder.Services.AddSingleton<ISiteNotificationHandler, RefreshFormDefinitionsWhenFormsChange>();
        builder.Services.AddSingleton<FormEntryQueries>();
        builder.Services.AddSingleton<FormSubmissionService>();
        builder.Services.AddSingleton<FormEntryRetention>();
        builder.Services.AddSingleton<FormEntryExport>();
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "pv.antiforgery";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Strict;
        });

        builder.Services.AddRateLimitOptions(RateLimitPolicy, "Forms", DefaultPermitsPerMinute);
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, token) => FormRateLimitPage.WriteAsync(context.HttpContext, token);
            options.AddPolicy(RateLimitPolicy, context => PerAddressRateLimit.PerMinute(context, RateLimitPolicy));
        });
        return builder;
    }

    public static WebApplication UseSiteForms(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }
}
