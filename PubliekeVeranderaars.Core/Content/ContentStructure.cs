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

    /// <summary>Where a page may be moved: pages whose type allows it, not the page itself, nothing below it, not where it is.</summary>
    public static IReadOnlyList<ContentNode> MoveTargets(ContentNode node, IReadOnlyList<ContentNode> nodes, IReadOnlyDictionary<string, DocumentType> types)
    {
        var below = Subtree(node.Key, nodes);
        return nodes.Where(n => !below.Contains(n.Key) && n.Key != node.ParentKey && !n.Trashed
                                && MayContain(types.GetValueOrDefault(n.ContentTypeAlias), node.ContentTypeAlias)).ToList();
    }
}
