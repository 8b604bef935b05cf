using System.Globalization;

namespace PubliekeVeranderaars.Web.Forms;

/// <summary>The Dutch page for a visitor whose address sent too many forms in a minute.</summary>
public static class FormRateLimitPage
{
    private const int RetryAfterSeconds = 60;

    private const string Html = """
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
        <p class="utrecht-paragraph">Vanaf jouw netwerk zijn in korte tijd erg veel formulieren verstuurd. Daarom nemen we
        even geen nieuwe aan. Wacht een minuut en verstuur het formulier dan opnieuw.</p>
        <p class="utrecht-paragraph">Ga met de terugknop van je browser terug naar het formulier: wat je had ingevuld staat er nog.</p>
        <p class="utrecht-paragraph"><a class="utrecht-link" href="/">Naar de startpagina</a></p>
        </main>
        </body>
        </html>
        """;

    public static async ValueTask WriteAsync(HttpContext context, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(Html, cancellationToken);
    }
}
