using System.Text;

namespace PubliekeVeranderaars.Core.Mail;

/// <summary>E-mail addresses as people spell them, and the inboxes they reach.</summary>
public static partial class MailAddresses
{
    /// <summary>Free mail providers whose addresses have several spellings: their domains (the first is the name kept) and the characters they ignore.</summary>
    private static readonly MailProvider[] Providers =
    [
        new(["gmail.com", "googlemail.com"], "."),
        new(["proton.me", "protonmail.com", "protonmail.ch", "pm.me"], ".-_"),
    ];

    private sealed record MailProvider(string[] Domains, string Ignored);

    /// <summary>
    /// The inbox an address reaches: another spelling of it is the same person (one signature, one daily mail limit).
    /// Case, spaces and a trailing dot on the domain change nothing; "+tag" sub-addresses reach the same inbox at
    /// nearly every provider; the big free providers also ignore some characters and answer to several domains
    /// (<see cref="Providers"/>).
    /// </summary>
    public static string Mailbox(string address)
    {
        var normalized = address.Trim().Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var at = normalized.LastIndexOf('@');
        if (at <= 0) return normalized;
        var local = normalized[..at];
        var domain = normalized[(at + 1)..].TrimEnd('.');
        var plus = local.IndexOf('+');
        if (plus > 0) local = local[..plus];
        if (Providers.FirstOrDefault(p => p.Domains.Contains(domain)) is { } provider)
        {
            domain = provider.Domains[0];
            local = string.Concat(local.Where(c => !provider.Ignored.Contains(c)));
        }
        return $"{local}@{domain}";
    }

    /// <summary>Every whole e-mail address in a text.</summary>
    public static IEnumerable<string> All(string text) =>
        text.Contains('@') ? AnyAddress().Matches(text).Select(m => m.Value) : [];

    /// <summary>Text with every e-mail address in it replaced by "[adres]": for logs and error messages.</summary>
    public static string Masked(string text) => text.Contains('@') ? AnyAddress().Replace(text, "[adres]") : text;

    [System.Text.RegularExpressions.GeneratedRegex(@"[^\s<>""'(),;:]+@[^\s<>""'(),;:]*[\p{L}\p{N}]")]
    private static partial System.Text.RegularExpressions.Regex AnyAddress();
}
