using Microsoft.AspNetCore.Diagnostics;

namespace PubliekeVeranderaars.Web.Infrastructure;

/// <summary>
/// What a visitor sees when something goes wrong: a Dutch page that says what to do, never a stack trace or an
/// empty body; an API client gets problem details. The error itself is in the log.
/// </summary>
public static class SiteErrorPages
{
    private const string Paragraph = "<p class=\"utrecht-paragraph\">{0}</p>";

    /// <summary>Shown for each status a request can end in without a page of its own.</summary>
    private static readonly Dictionary<int, (string Heading, string Text)> Pages = new()
    {
        [StatusCodes.Status400BadRequest] = ("Dit verzoek kunnen we niet verwerken",
            "Wat er binnenkwam, kon de site niet lezen. Stond de pagina lang open? Ga terug, laad de pagina opnieuw en probeer het nog eens. Wat je had ingevuld, staat er dan meestal nog."),
        [StatusCodes.Status403Forbidden] = ("Geen toegang", "Je hebt geen toegang tot deze pagina."),
        [StatusCodes.Status404NotFound] = ("Pagina niet gevonden", "Deze pagina bestaat niet (meer). Controleer het adres, of begin op de startpagina."),
        [StatusCodes.Status405MethodNotAllowed] = ("Dit kan hier niet", "Deze pagina neemt zo'n verzoek niet aan. Gebruik de formulieren op de site zelf."),
        [StatusCodes.Status413PayloadTooLarge] = ("Te groot om te verwerken", "Wat je verstuurde is te groot. Maak je tekst korter en verstuur het opnieuw."),
        [StatusCodes.Status415UnsupportedMediaType] = ("Dit formulier kon niet worden gelezen",
            "De site neemt alleen formulieren aan zoals de pagina ze verstuurt. Vul het formulier op de pagina zelf in en verstuur het opnieuw."),
        [StatusCodes.Status500InternalServerError] = ("Er ging iets mis",
            "Er ging bij ons iets mis; het ligt niet aan jou. Probeer het over een paar minuten opnieuw; met de terugknop van je browser vind je terug wat je had ingevuld."),
    };

    public static WebApplication UseSiteErrorPages(this WebApplication app)
    {
        if (app.Environment.IsDevelopment()) app.UseDeveloperExceptionPage();
        else app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = context => WriteAsync(context, StatusCodes.Status500InternalServerError) });
        app.UseStatusCodePages(context => WriteAsync(context.HttpContext, context.HttpContext.Response.StatusCode));
        return app;
    }

    private static async Task WriteAsync(HttpContext context, int status)
    {
        if (IsApi(context.Request))
        {
            context.Response.StatusCode = status;
            var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context });
            return;
        }
        var (heading, text) = Pages.TryGetValue(status, out var page) ? page
            : status >= 500 ? Pages[StatusCodes.Status500InternalServerError] : Pages[StatusCodes.Status400BadRequest];
        await StatusPage.WriteAsync(context, status, heading, string.Format(System.Globalization.CultureInfo.InvariantCulture, Paragraph,
            System.Net.WebUtility.HtmlEncode(text)), context.RequestAborted);
    }

    /// <summary>Machines (the Delivery API, the count) get problem details, as Umbraco's API does.</summary>
    private static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/umbraco") || request.Path.StartsWithSegments("/api");
}
