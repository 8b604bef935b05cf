using System.Text.RegularExpressions;
using MimeKit;

namespace PubliekeVeranderaars.Web.Tests.Signatures;

/// <summary>Reads the links out of a signature mail and presses their buttons, as the signer would.</summary>
public static partial class SignatureLinks
{
    public static string Confirm(MimeMessage mail) => Find(mail.TextBody, ConfirmLink());
    public static string Withdraw(MimeMessage mail) => Find(mail.TextBody, WithdrawLink());

    /// <summary>From a mail's text as the outbox holds it, before it is sent.</summary>
    public static string Confirm(string textBody) => Find(textBody, ConfirmLink());

    private static string Find(string? text, Regex pattern) =>
        pattern.Match(text ?? "") is { Success: true } match ? new Uri(match.Value).PathAndQuery
            : throw new InvalidOperationException("No such link in: " + text);

    /// <summary>GET the link's page (which hands out the antiforgery cookie and token), then POST its button.</summary>
    /// <param name="ticked">Boxes ticked on the page before pressing (name, value), as the visitor would.</param>
    public static async Task<HttpResponseMessage> PressAsync(SiteHost site, string pathAndQuery, params (string Name, string Value)[] ticked)
    {
        using var client = site.CreateHttpClient();
        var page = await Html.ParseAsync(await client.GetAsync(pathAndQuery));
        var form = page.QuerySelector("form[method=post]") ?? throw new InvalidOperationException("No button on " + pathAndQuery);
        var fields = form.QuerySelectorAll("input[type=hidden]")
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();
        foreach (var (name, value) in ticked)
        {
            Assert.NotNull(form.QuerySelector($"input[type=checkbox][name='{name}']"));
            fields.Add(new(name, value));
        }
        return await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex(@"https?://[^\s]+/ondertekenen/bevestigen\?token=[A-Za-z0-9_-]+")]
    private static partial Regex ConfirmLink();

    [GeneratedRegex(@"https?://[^\s]+/ondertekenen/intrekken\?token=[A-Za-z0-9_-]+")]
    private static partial Regex WithdrawLink();
}
