namespace PubliekeVeranderaars.Web.Infrastructure;

/// <summary>
/// Sends a strict Content-Security-Policy: the site has no inline scripts or styles and loads nothing from elsewhere,
/// so an injected script or style has nowhere to come from.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Browsers that once reached the site over HTTPS keep to HTTPS for a year, so nobody on the way can strip TLS
    /// from a later visit. (Not for subdomains: the network does not control every one of them.)
    /// </summary>
    private static readonly TimeSpan HstsMaxAge = TimeSpan.FromDays(365);

    public static WebApplicationBuilder AddSecurityHeaders(this WebApplicationBuilder builder)
    {
        // The server's name and version only help an attacker pick an exploit.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Services.AddHsts(hsts => hsts.MaxAge = HstsMaxAge);
        return builder;
    }

    /// <summary>
    /// Behind a reverse proxy on the same machine (the default trusted proxy is loopback) the original scheme and
    /// client address come from X-Forwarded-*, so secure cookies and the per-address rate limit see the real request.
    /// </summary>
    public static WebApplication UseSiteForwardedHeaders(this WebApplication app)
    {
        app.UseForwardedHeaders(new ForwardedHeadersOptions
        {
            ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor
                               | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto,
        });
        return app;
    }

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        // Only in Production, and only on HTTPS requests (as the proxy reports them): a developer's plain-HTTP
        // localhost must not be pinned to HTTPS.
        if (app.Environment.IsProduction()) app.UseHsts();
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            headers.XFrameOptions = "DENY";
            return next(context);
        });
        return app;
    }
}
