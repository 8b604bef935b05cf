namespace PubliekeVeranderaars.Core.Mail;

/// <summary>
/// Absolute links in mail (confirm, withdraw, set a password, the page of an initiative). They come from the site's
/// configured public address, never from a request: a forged Host header would otherwise put an attacker's address
/// in front of a reset token.
/// </summary>
public sealed class MailLinks(Func<string> baseUrl)
{
    /// <summary>The site's public address without a trailing slash: "https://publiekeveranderaars.nl".</summary>
    public string BaseUrl => baseUrl().TrimEnd('/');

    /// <param name="pathAndQuery">Starts with a slash: "/ondertekenen/bevestigen?token=...".</param>
    public string To(string pathAndQuery) => BaseUrl + pathAndQuery;
}
