using System.Net;

namespace PubliekeVeranderaars.Web.Infrastructure;

/// <summary>
/// A Dutch page in the site's style but without its layout, for answers written by middleware (rate limits, errors,
/// refused requests) before any page model exists: it must be cheap, need nothing and never fail itself.
/// </summary>
public static class StatusPage
{
    /// <param name="mainHtml">The page's own content, already encoded.</param>
    public static async ValueTask WriteAsync(HttpContext context, int statusCode, string heading, string mainHtml, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="nl">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{WebUtility.HtmlEncode(heading)} | Wij, Publieke Veranderaars</title>
            <link rel="stylesheet" href="/lib/site/public.css">
            </head>
            <body class="voorbeeld-theme utrecht-document utrecht-document--surface">
            <main id="inhoud" class="site-container site-main">
            <h1 class="utrecht-heading-1">{WebUtility.HtmlEncode(heading)}</h1>
            {mainHtml}
            <p class="utrecht-paragraph"><a class="utrecht-link" href="/">Naar de startpagina</a></p>
            </main>
            </body>
            </html>
            """, cancellationToken);
    }
}
