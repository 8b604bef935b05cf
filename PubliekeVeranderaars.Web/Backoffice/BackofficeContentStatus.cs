using System.Linq.Expressions;
using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Web.Backoffice;

/// <summary>A page's state at a glance, as the tree and the list view show it, in the words editors use.</summary>
public static class BackofficeContentStatus
{
    /// <summary>Folders with more pages than this show a list view instead of every page in the tree.</summary>
    public const int TreeLimit = 12;

    public static IEnumerable<(string Text, string Css)> Badges(ContentNode node)
    {
        if (node.PublishedVersionId is null) yield return ("Concept", "site-badge--example");
        else if (node.HasUnpublishedChanges) yield return ("Gewijzigd", "site-badge--closed");
        // Planned to go online or offline: either way the page changes by itself, as the list view's filter says.
        if (node.PublishAtUtc is not null || node.UnpublishAtUtc is not null) yield return ("Gepland", "site-badge--open");
        if (node.AwaitingPublication) yield return ("Wacht op publicatie", "site-badge--open");
    }

    /// <summary>The list view's status filter, by its value in the address; the database applies it (a folder may hold 10,000 pages).</summary>
    public static readonly IReadOnlyList<(string Value, string Label, Expression<Func<ContentNode, bool>> Matches)> Filters =
    [
        ("", "Alle pagina's", _ => true),
        ("gepubliceerd", "Gepubliceerd", n => n.PublishedVersionId != null),
        ("concept", "Concept (niet op de site)", n => n.PublishedVersionId == null),
        // ContentNode.HasUnpublishedChanges, written out so the database can ask it.
        ("gewijzigd", "Gewijzigd sinds publicatie", n => n.PublishedVersionId != null && n.LatestVersionId != n.PublishedVersionId),
        ("wacht", "Wacht op publicatie", n => n.AwaitingPublication),
        ("gepland", "Gepland", n => n.PublishAtUtc != null || n.UnpublishAtUtc != null),
    ];
}

/// <summary>The content tree beside the editor: every page, or those matching a filter with their ancestors.</summary>
public sealed record BackofficeTreeModel(IReadOnlyList<ContentNode> Nodes, Guid? Current, string? Filter)
{
    public ILookup<Guid?, ContentNode> Children { get; } = Nodes.ToLookup(n => n.ParentKey);

    /// <summary>How many pages each page holds, when <see cref="Nodes"/> leaves out the pages of large folders.</summary>
    public IReadOnlyDictionary<Guid, int>? ChildCounts { get; init; }

    public int ChildCount(Guid key) => ChildCounts is { } counts ? counts.GetValueOrDefault(key) : Children[key].Count();

    /// <summary>With a filter: the matching pages and the pages above them, so each match is shown in its place.</summary>
    public IReadOnlySet<Guid>? Visible { get; } = Filtered(Nodes, Filter);

    private static HashSet<Guid>? Filtered(IReadOnlyList<ContentNode> nodes, string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter)) return null;
        var byKey = nodes.ToDictionary(n => n.Key);
        var visible = new HashSet<Guid>();
        foreach (var match in nodes.Where(n => n.Name.Contains(filter.Trim(), StringComparison.CurrentCultureIgnoreCase)))
            for (ContentNode? n = match; n is not null && visible.Add(n.Key); n = n.ParentKey is { } p ? byKey.GetValueOrDefault(p) : null) { }
        return visible;
    }
}
