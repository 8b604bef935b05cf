using System.Globalization;

namespace PubliekeVeranderaars.Web.Infrastructure;

/// <summary>
/// The Dutch 429 page, in the site's style but without its layout: it is written by the rate limiter, before any
/// page model exists, so it must be cheap and need nothing.
/// </summary>
public static class TooManyRequestsPage
{
    private const int RetryAfterSeconds = 60;

    /// <param name="mainHtml">The page's own content, already encoded.</param>
    public static async ValueTask WriteAsync(HttpContext context, string mainHtml, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="nl">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Even wachten | Wij, Publieke Veranderaars</title>
            <link rel="stylesheet" href="/lib/utrecht/component-library.css">
            <link rel="stylesheet" href="/lib/voorbeeld/theme.css">
            <link rel="stylesheet" href="/css/site.css">
            </head>
            <body class="voorbeeld-theme utrecht-document utrecht-document--surface">
            <main id="inhoud" class="site-container site-main">
            <h1 class="utrecht-heading-1">Even wachten, alstublieft</h1>
            {mainHtml}
            <p class="utrecht-paragraph"><a class="utrecht-link" href="/">Naar de startpagina</a></p>
            </main>
            </body>
            </html>
            """, cancellationToken);
    }
}
