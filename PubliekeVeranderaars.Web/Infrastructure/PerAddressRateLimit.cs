using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace PubliekeVeranderaars.Web.Infrastructure;

/// <summary>A limit's setting: <c>Forms:RateLimit</c>, <c>Search:RateLimit</c>, <c>Backoffice:RateLimit</c> (named options).</summary>
public sealed class RateLimitOptions
{
    public int PermitsPerMinute { get; set; }
}

/// <summary>The one kind of limit the site uses: so many requests per client address per minute, no queue.</summary>
public static class PerAddressRateLimit
{
    /// <summary>Binds <c>{section}:RateLimit:PermitsPerMinute</c> as the named options <paramref name="name"/>, with its default.</summary>
    public static IServiceCollection AddRateLimitOptions(this IServiceCollection services, string name, string section, int defaultPermitsPerMinute)
    {
        var key = $"{section}:RateLimit:PermitsPerMinute";
        services.AddOptions<RateLimitOptions>(name)
            .Configure(limit => limit.PermitsPerMinute = defaultPermitsPerMinute)
            .BindConfiguration($"{section}:RateLimit")
            .Validate(limit => limit.PermitsPerMinute > 0, $"{key} must be at least 1 (environment variable {key.Replace(":", "__", StringComparison.Ordinal)}).")
            .ValidateOnStart();
        return services;
    }

    /// <summary>The limit <paramref name="name"/> for this request's client address.</summary>
    public static RateLimitPartition<string> PerMinute(HttpContext context, string name) =>
        PerMinute(context, context.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitOptions>>().Get(name).PermitsPerMinute);

    public static RateLimitPartition<string> PerMinute(HttpContext context, int permits) => RateLimitPartition.GetFixedWindowLimiter(
        context.Connection.RemoteIpAddress?.ToString() ?? IPAddress.None.ToString(),
        _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
}
