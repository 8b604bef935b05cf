using PubliekeVeranderaars.Web.Infrastructure;

namespace PubliekeVeranderaars.Web.Forms;

/// <summary>The Dutch page for a visitor whose address sent too many forms in a minute.</summary>
public static class FormRateLimitPage
{
    private const string Explanation = """
        <p class="utrecht-paragraph">Vanaf jouw netwerk zijn in korte tijd erg veel formulieren verstuurd. Daarom nemen we
        even geen nieuwe aan. Wacht een minuut en verstuur het formulier dan opnieuw.</p>
        <p class="utrecht-paragraph">Ga met de terugknop van je browser terug naar het formulier: wat je had ingevuld staat er nog.</p>
        """;

    public static ValueTask WriteAsync(HttpContext context, CancellationToken cancellationToken) =>
        TooManyRequestsPage.WriteAsync(context, Explanation, cancellationToken);
}
