using System.Net;
using System.Threading.RateLimiting;

namespace PubliekeVeranderaars.Web.Infrastructure;

/// <summary>The one kind of limit the site uses: so many requests per client address per minute, no queue.</summary>
public static class PerAddressRateLimit
{
    public static RateLimitPartition<string> PerMinute(HttpContext context, int permits) => RateLimitPartition.GetFixedWindowLimiter(
        context.Connection.RemoteIpAddress?.ToString() ?? IPAddress.None.ToString(),
        _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
}
