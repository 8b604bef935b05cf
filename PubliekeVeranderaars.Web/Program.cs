using Microsoft.Extensions.Options;
using PubliekeVeranderaars.Web.Backoffice;
using PubliekeVeranderaars.Web.Cli;
using PubliekeVeranderaars.Web.Content;
using PubliekeVeranderaars.Web.Delivery;
using PubliekeVeranderaars.Web.Forms;
using PubliekeVeranderaars.Web.Health;
using PubliekeVeranderaars.Web.Infrastructure;
using PubliekeVeranderaars.Web.Jobs;
using PubliekeVeranderaars.Web.Mail;
using PubliekeVeranderaars.Web.Media;
using PubliekeVeranderaars.Web.Observability;
using PubliekeVeranderaars.Web.Privacy;
using PubliekeVeranderaars.Web.Search;
using PubliekeVeranderaars.Web.Signatures;

MediaNativeMemory.LimitArenas();
if (SiteCommands.IsCommand(args)) return await SiteCommands.RunAsync(args);

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddSiteLogging();
    builder.AddSiteStorage();
    builder.AddSiteAddress();
    builder.AddSecurityHeaders();
    builder.AddSiteStaticAssets();
    builder.AddSecurityTxt();
    builder.AddSiteHealth();
    builder.AddSiteObservability();
    builder.AddSiteMail();
    builder.AddSiteForms();
    builder.AddSiteSignatures();
    builder.AddPrivacy();
    DeleteExpiredPersonalDataJob.AddTo(builder);
    PublishScheduledContentJob.AddTo(builder);
    FollowContentChangesJob.AddTo(builder);
    builder.AddSiteMedia();
    builder.AddBackoffice();
    builder.AddContentPages();
    builder.AddSiteSearch();
    builder.Services.AddProblemDetails();
    builder.AddDeliveryApi();
    builder.AddDeliveryApiReference();

    var app = builder.Build();
    await app.PrepareSiteAsync();
    app.StartSiteSearch();
    await app.SeedBackofficeAsync();
    app.UseSiteForwardedHeaders();
    app.UseSiteMetrics();
    app.UseSiteMedia();
    app.UseContentOutputCache();
    app.UseSiteErrorPages();
    app.RefuseUnreadableForms();
    app.UseSiteRequestLogging();
    app.UseSecurityHeaders();
    app.UseSiteStaticFiles();
    app.UseBackoffice();
    app.UseSiteForms();
    app.MapSiteHealth();
    app.MapSecurityTxt();
    app.MapContentSitemap();
    app.MapSiteSignatures();
    app.MapDeliveryApi();
    app.MapDeliveryMediaApi();
    app.MapDeliveryApiReference();
    app.MapContentPages();
    await app.RunAsync();
    return 0;
}
catch (SiteConfigurationException missing)
{
    return missing.Report();
}
catch (OptionsValidationException invalid)
{
    return SiteConfigurationException.Report(invalid);
}

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
