using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Backoffice;

/// <summary>Where ASP.NET Core Identity keeps back-office users: the site's own database, through a context per request.</summary>
public static class BackofficeIdentity
{
    public static IdentityBuilder AddBackofficeStores(this IdentityBuilder identity)
    {
        identity.Services.AddScoped<SiteDbContext>(services => services.GetRequiredService<SiteDatabase>().Open());
        return identity.AddEntityFrameworkStores<SiteDbContext>();
    }
}
