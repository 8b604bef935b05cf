namespace PubliekeVeranderaars.Core.Content;

/// <summary>
/// Where a page may stand: the one place for the rule that a document type lists the types allowed below it
/// (compared case-insensitively, as Umbraco does), for creating, moving and offering move targets alike.
/// </summary>
public static class ContentStructure
{
    public static bool MayContain(DocumentType? parentType, string childTypeAlias) =>
        parentType?.AllowedChildren.Any(c => string.Equals(c.Alias, childTypeAlias, StringComparison.OrdinalIgnoreCase)) == true;

    /// <summary>The types an editor may create below a page of <paramref name="parentType"/>.</summary>
    public static IReadOnlyList<DocumentType> ChildTypes(DocumentType? parentType, IReadOnlyDictionary<string, DocumentType> types) =>
        parentType?.AllowedChildren.Select(c => types.GetValueOrDefault(c.Alias)).OfType<DocumentType>().ToList() ?? [];

    /// <summary>Why a page of <paramref name="type"/> may not stand below <paramref name="parent"/> (null at the root); null when it may.</summary>
    public static string? WhyNot(ContentNode? parent, DocumentType type, IReadOnlyDictionary<string, DocumentType> types)
    {
        if (parent is null) return type.AllowAtRoot ? null : $"Een '{type.Name}' mag niet in de hoofdmap staan.";
        var parentType = types.GetValueOrDefault(parent.ContentTypeAlias);
        return MayContain(parentType, type.Alias) ? null : $"Een '{type.Name}' mag niet onder '{parent.Name}' staan.";
    }

    /// <summary>The node and everything below it.</summary>
    public static HashSet<Guid> Subtree(Guid key, IEnumerable<ContentNode> nodes)
    {
        var below = new HashSet<Guid> { key };
        foreach (var n in nodes.OrderBy(n => n.Level))
        {
            if (n.ParentKey is { } parent && below.Contains(parent)) below.Add(n.Key);
        }
        return below;
    }

    /// <summary>
    /// Why <paramref name="node"/> may not move below <paramref name="parent"/>; null when it may. One rule for the
    /// move itself and for the targets the screen offers.
    /// </summary>
    public static string? WhyNotMove(ContentNode node, ContentNode parent, IReadOnlyCollection<ContentNode> nodes,
        IReadOnlyDictionary<string, DocumentType> types) =>
        WhyNotMove(node, parent, Subtree(node.Key, nodes), types);

    private static string? WhyNotMove(ContentNode node, ContentNode parent, HashSet<Guid> subtree, IReadOnlyDictionary<string, DocumentType> types)
    {
        if (subtree.Contains(parent.Key)) return "Een pagina kan niet onder zichzelf staan.";
        if (parent.Trashed) return $"'{parent.Name}' staat in de prullenbak: zet die pagina eerst terug.";
        return MayContain(types.GetValueOrDefault(parent.ContentTypeAlias), node.ContentTypeAlias)
            ? null
            : $"Dit soort pagina mag niet onder '{parent.Name}' staan.";
    }

    /// <summary>Where a page may be moved: everywhere <see cref="WhyNotMove"/> allows, except where it is.</summary>
    public static IReadOnlyList<ContentNode> MoveTargets(ContentNode node, IReadOnlyList<ContentNode> nodes, IReadOnlyDictionary<string, DocumentType> types)
    {
        var subtree = Subtree(node.Key, nodes);
        return nodes.Where(n => n.Key != node.ParentKey && WhyNotMove(node, n, subtree, types) is null).ToList();
    }
}
