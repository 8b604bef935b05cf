using System.Text.RegularExpressions;

namespace PubliekeVeranderaars.Core.Content;

/// <summary>
/// Link addresses in rich text as the editor meant them. An address typed without its scheme ("www.x.nl", in the
/// HTML source or by a client without the link dialog) is, to a browser, a path below the current page: a broken
/// link. One that starts with a host name gets <c>https://</c>, an e-mail address <c>mailto:</c>, as the link
/// dialog does; paths, anchors, pages by key and addresses with a scheme stay as they are.
/// </summary>
public static partial class LinkAddresses
{
    /// <summary>
    /// Endings of file names that would otherwise pass for a top-level domain: "verslag.pdf" is a file next to the
    /// page, not a site.
    /// </summary>
    private static readonly HashSet<string> FileExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        "pdf", "doc", "docx", "odt", "xls", "xlsx", "ods", "ppt", "pptx", "odp", "csv", "txt", "rtf", "zip", "htm", "html", "php", "aspx",
        "jpg", "jpeg", "png", "gif", "webp", "svg", "mp3", "mp4", "ics", "xml", "json",
    };

    /// <summary>The markup with every scheme-less host name or e-mail address in an <c>href</c> completed.</summary>
    public static string AsMeant(string markup) =>
        !markup.Contains("href=", StringComparison.OrdinalIgnoreCase) ? markup : Href().Replace(markup, m =>
            Completed(m.Groups["address"].Value) is { } address ? m.Groups["before"].Value + address + m.Groups["after"].Value : m.Value);

    /// <summary>The address meant, or null when the typed one stays as it is.</summary>
    private static string? Completed(string typed)
    {
        var address = typed.Trim();
        if (address.Length == 0 || Scheme().IsMatch(address) || address[0] is '/' or '#' or '?' or '.' or '{') return null;
        if (Email().IsMatch(address)) return "mailto:" + address;
        var host = HostName().Match(address);
        return host.Success && !FileExtensions.Contains(host.Groups["tld"].Value) ? "https://" + address : null;
    }

    [GeneratedRegex("""(?<before><a\b[^>]*?\shref=")(?<address>[^"]*)(?<after>")""", RegexOptions.IgnoreCase)]
    private static partial Regex Href();

    [GeneratedRegex("^[a-z][a-z0-9+.-]*:", RegexOptions.IgnoreCase)]
    private static partial Regex Scheme();

    [GeneratedRegex(@"^[^\s@/:]+@[^\s@/:]+\.[a-z]{2,}$", RegexOptions.IgnoreCase)]
    private static partial Regex Email();

    /// <summary>Labels of letters, digits and hyphens, a top-level domain of letters, then a path, query, anchor or nothing.</summary>
    [GeneratedRegex(@"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?<tld>[a-z]{2,24})(?::\d+)?(?:[/?#]\S*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex HostName();
}
