using System.Text.RegularExpressions;

namespace PubliekeVeranderaars.Core.Content;

/// <summary>
/// Umbraco's links to its own pages inside rich text: <c>href="/{localLink:GUID}"</c> (Umbraco 14 and later) or
/// <c>href="/{localLink:umb://document/GUID}"</c> (up to 13), also without the leading slash (8 to 13), as
/// <c>locallink</c> (7 and 8) and with the braces percent-encoded, as Umbraco's own parser reads them. Stored by key
/// as they came, written out as the page's current address when the site or the Delivery API shows the text, so a
/// link survives renames and moves.
/// </summary>
public static partial class LocalLinks
{
    /// <summary>Where a link to a page that is not (or no longer) on the site goes: nowhere, as Umbraco does.</summary>
    public const string Unpublished = "#";

    public static string ToKey(Guid key) => "/{localLink:" + key.ToString("D") + "}";

    public static bool Contains(string markup) => markup.Contains("localLink:", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether a link's address is a page link in any of its stored forms (the sanitiser keeps these as they are).</summary>
    public static bool IsLocalLink(string url) => LocalLinkUrl().IsMatch(url);

    /// <param name="routeOf">A published page's address by its key, or null.</param>
    public static string Resolve(string markup, Func<Guid, string?> routeOf) =>
        Resolve(markup, key => routeOf(key) is { } route ? new LocalLinkTarget(route, null, null) : null);

    /// <param name="targetOf">A published page's address and its start item (the root it is under) by its key, or null.</param>
    /// <remarks>
    /// Umbraco's Delivery API writes the start item beside the address (<c>data-start-item-path</c>,
    /// <c>data-start-item-id</c>) so a front end serving several sites can turn the route into its own URL; the site's
    /// pages carry the same harmless attributes.
    /// </remarks>
    public static string Resolve(string markup, Func<Guid, LocalLinkTarget?> targetOf) =>
        !Contains(markup) ? markup : LocalLinkHref().Replace(markup, m =>
        {
            var value = m.Groups["key"].Value;
            var target = Guid.TryParse(value, out var key) ? targetOf(key) : null;
            var quote = m.Groups["quote"].Value is { Length: > 0 } q ? q : "\"";
            var resolved = m.Groups["attribute"].Value + (target?.Route ?? Unpublished) + m.Groups["quote"].Value;
            return target is { StartItemPath: { } path, StartItemKey: { } root }
                ? $"{resolved} data-start-item-path={quote}{System.Net.WebUtility.HtmlEncode(path)}{quote} data-start-item-id={quote}{root:D}{quote}"
                : resolved;
        });

    /// <summary>The page keys a text links to.</summary>
    public static IEnumerable<Guid> Keys(string markup) =>
        !Contains(markup) ? [] : LocalLinkHref().Matches(markup).Select(m => Guid.TryParse(m.Groups["key"].Value, out var key) ? key : Guid.Empty)
            .Where(k => k != Guid.Empty);

    private const string LocalLinkPattern = """/?(?:\{|%7B)localLink:(?:umb://document/)?(?<key>[0-9A-Fa-f-]{32,36})(?:\}|%7D)""";

    [GeneratedRegex("""(?<attribute>href=(?<quote>["']?))""" + LocalLinkPattern + """\k<quote>""", RegexOptions.IgnoreCase)]
    private static partial Regex LocalLinkHref();

    [GeneratedRegex(@"\A" + LocalLinkPattern + @"\z", RegexOptions.IgnoreCase)]
    private static partial Regex LocalLinkUrl();
}

/// <summary>Where a local link goes: the page's route, and the root (start item) it lies under.</summary>
public sealed record LocalLinkTarget(string Route, string? StartItemPath, Guid? StartItemKey);
