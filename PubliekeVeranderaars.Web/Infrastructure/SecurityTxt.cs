using System.Globalization;
using System.Text;
using PubliekeVeranderaars.Core.Mail;

namespace PubliekeVeranderaars.Web.Infrastructure;

/// <summary>
/// <c>/.well-known/security.txt</c> (RFC 9116): where to report a vulnerability. The contact comes from
/// <c>SecurityTxt:Contact</c>; the expiry is always half a year ahead, so the file never goes stale unnoticed.
/// </summary>
public static class SecurityTxt
{
    public const string Path = "/.well-known/security.txt";
    public const string DefaultContact = "mailto:security@publiekeveranderaars.nl";

    /// <summary>RFC 9116 asks for less than a year; half a year leaves room without going stale.</summary>
    private static readonly TimeSpan ExpiresAfter = TimeSpan.FromDays(182);

    public static WebApplication MapSecurityTxt(this WebApplication app)
    {
        var contact = app.Configuration["SecurityTxt:Contact"] is { Length: > 0 } configured ? configured : DefaultContact;
        var policy = app.Configuration["SecurityTxt:Policy"];
        app.MapGet(Path, (MailLinks links, TimeProvider clock) =>
        {
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
