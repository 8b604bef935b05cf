using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using PubliekeVeranderaars.Core.Mail;

namespace PubliekeVeranderaars.Web.Infrastructure;

/// <summary>
/// <c>/.well-known/security.txt</c> (RFC 9116): where to report a vulnerability. The contact comes from
/// <c>SecurityTxt:Contact</c>; the expiry is always half a year ahead, so the file never goes stale unnoticed.
/// </summary>
public static class SecurityTxt
{
    public const string Path = "/.well-known/security.txt";

    /// <summary>RFC 9116 asks for less than a year; half a year leaves room without going stale.</summary>
    private static readonly TimeSpan ExpiresAfter = TimeSpan.FromDays(182);

    public static WebApplicationBuilder AddSecurityTxt(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SecurityTxtOptions>().BindConfiguration(SecurityTxtOptions.Section)
            .Validate(o => o.Contact.StartsWith("mailto:", StringComparison.Ordinal) || o.Contact.StartsWith("https://", StringComparison.Ordinal),
                "SecurityTxt:Contact must be a mailto: or https: address (RFC 9116).")
            .ValidateOnStart();
        return builder;
    }

    public static WebApplication MapSecurityTxt(this WebApplication app)
    {
        app.MapGet(Path, (MailLinks links, TimeProvider clock, IOptions<SecurityTxtOptions> options) =>
        {
            var (contact, policy) = (options.Value.Contact, options.Value.Policy);
            var expires = clock.GetUtcNow().UtcDateTime.Date + ExpiresAfter;
            var text = new StringBuilder()
                .Append("Contact: ").Append(contact).Append('\n')
                .Append("Expires: ").Append(expires.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append('\n')
                .Append("Preferred-Languages: nl, en\n")
                .Append("Canonical: ").Append(links.To(Path)).Append('\n');
            if (policy is { Length: > 0 }) text.Append("Policy: ").Append(policy).Append('\n');
            return Results.Text(text.ToString(), "text/plain; charset=utf-8");
        }).WithName("SecurityTxt");
        return app;
    }
}

/// <summary><c>SecurityTxt:*</c>: where to report a vulnerability, and the policy if there is one.</summary>
public sealed class SecurityTxtOptions
{
    public const string Section = "SecurityTxt";

    public string Contact { get; set; } = "mailto:security@publiekeveranderaars.nl";
    public string? Policy { get; set; }
}
