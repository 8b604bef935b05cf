using System.Globalization;

namespace PubliekeVeranderaars.Web.Infrastructure;

/// <summary>The Dutch 429 page: written by the rate limiter, so it is a <see cref="StatusPage"/>.</summary>
public static class TooManyRequestsPage
{
    private const int RetryAfterSeconds = 60;

    /// <param name="mainHtml">The page's own content, already encoded.</param>
    public static ValueTask WriteAsync(HttpContext context, string mainHtml, CancellationToken cancellationToken)
    {
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return StatusPage.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Even wachten, alstublieft", mainHtml, cancellationToken);
    }
}
