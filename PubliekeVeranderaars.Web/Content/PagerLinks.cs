namespace PubliekeVeranderaars.Web.Content;

/// <summary>Which page numbers a pager links: the first, the last, and a few around the current one.</summary>
public static class PagerLinks
{
    /// <summary>Page numbers shown either side of the current one.</summary>
    private const int Window = 2;

    /// <returns>The numbers to link, in order; null where numbers are left out (shown as "…").</returns>
    public static IReadOnlyList<int?> Around(int page, int pageCount)
    {
        var links = new List<int?>();
        for (var i = 1; i <= pageCount; i++)
        {
            if (i == 1 || i == pageCount || Math.Abs(i - page) <= Window) links.Add(i);
            else if (links[^1] is not null) links.Add(null);
        }
        return links;
    }
}
