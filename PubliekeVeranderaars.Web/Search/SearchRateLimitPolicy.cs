using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using PubliekeVeranderaars.Web.Infrastructure;

namespace PubliekeVeranderaars.Web.Search;

/// <summary>
/// Searches per client address per minute. A search costs a few milliseconds of CPU (a typo more); without a limit
/// one script could keep both cores busy. The limit is far above what people type, even a whole office behind one
/// address.
/// </summary>
public sealed class SearchRateLimitPolicy : IRateLimiterPolicy<string>
{
    public const string Name = "search";
    public const string Section = "Search";
    public const int DefaultPermitsPerMinute = 300;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) => PerAddressRateLimit.PerMinute(httpContext, Name);

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => WriteRejectionAsync;

    /// <summary>A Dutch page that keeps the visitor's words in the box, to search again in a minute.</summary>
    private static ValueTask WriteRejectionAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var text = HtmlEncoder.Default.Encode(context.HttpContext.Request.Query[SearchController.QueryKey].FirstOrDefault() ?? "");
        return TooManyRequestsPage.WriteAsync(context.HttpContext, $"""
            <p class="utrecht-paragraph">Vanaf jouw netwerk is in korte tijd erg vaak gezocht. Wacht een minuut en zoek dan opnieuw.</p>
            <form class="site-search-form" role="search" method="get" action="{SearchController.Path}">
            <label class="utrecht-form-label site-field__label" for="zoekterm">Waar zoek je naar?</label>
            <div class="site-search-form__row">
            <input class="utrecht-textbox utrecht-textbox--html-input site-search-form__input" id="zoekterm" name="{SearchController.QueryKey}" type="search" value="{text}">
            <button class="utrecht-button utrecht-button--primary-action" type="submit">Zoeken</button>
            </div>
            </form>
            """, cancellationToken);
    }
}
