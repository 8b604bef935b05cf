using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using PubliekeVeranderaars.Core.Mail;

namespace PubliekeVeranderaars.Web.Infrastructure;

/// <summary>
/// The site's public address (<c>Site:BaseUrl</c>): the only source of absolute links in mail, and the only host
/// the site answers to. Required in Production; in Development and tests the site's own listening address serves.
/// </summary>
public static class SiteAddressExtensions
{
    /// <remarks>That requests for other hosts are refused is <see cref="SiteOptionsExtensions.AddSiteOptions"/>'s.</remarks>
    public static WebApplicationBuilder AddSiteAddress(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IValidateOptions<SiteOptions>, BaseUrlRequiredInProduction>();
        builder.Services.AddSingleton(services =>
        {
            var site = services.GetRequiredService<SiteOptions>();
            return new MailLinks(() => site.BaseUrl ?? ListeningAddress(services.GetRequiredService<IServer>()));
        });
        builder.Services.AddSingleton<MailQuota>();
        return builder;
    }

    /// <summary>Where Kestrel listens, as a link a browser on this machine can open ("http://[::]:80" is not one).</summary>
    private static string ListeningAddress(IServer server)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("https://", StringComparison.Ordinal)) ?? addresses.FirstOrDefault()
                      ?? throw new InvalidOperationException("The site is not listening yet; Site:BaseUrl gives mail its links.");
        var uri = new UriBuilder(address.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::") uri.Host = "localhost";
        return uri.Uri.GetLeftPart(UriPartial.Authority);
    }
}
