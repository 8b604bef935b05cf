namespace PubliekeVeranderaars.Core.Content;

/// <summary>
/// Two people edited the same page: each started from the version their screen showed. What only one of them changed
/// is kept; a field both changed, differently, is a conflict that the later one decides, seeing both values.
/// </summary>
public static class ContentMerge
{
    /// <summary>The conflict key of the page's name.</summary>
    public const string NameAlias = "name";

    /// <param name="basis">The version the editor's screen showed.</param>
    /// <param name="name">The name the editor saved.</param>
    /// <param name="mine">The values the editor saved.</param>
    /// <param name="theirs">The newest version, saved by someone else since.</param>
    public static ContentMergeResult ThreeWay(ContentVersion basis, string name, IReadOnlyList<ContentPropertyValue> mine, ContentVersion theirs)
    {
        var conflicts = new List<ContentConflict>();
        var mergedName = Merge(basis.Name, name, theirs.Name, NameAlias, conflicts);
        static (string, string?) Key(ContentPropertyValue v) => (v.Alias, v.Culture);
        var basisValues = basis.Values.ToDictionary(Key, v => v.Value);
        var mineValues = mine.ToDictionary(Key, v => v.Value);
        var merged = new List<ContentPropertyValue>();
        var keys = theirs.Values.Select(Key).Concat(mine.Select(Key)).Concat(basis.Values.Select(Key)).Distinct().ToList();
        var theirValues = theirs.Values.ToDictionary(Key, v => v.Value);
        foreach (var key in keys)
        {
            var value = Merge(basisValues.GetValueOrDefault(key, ""), mineValues.GetValueOrDefault(key, ""), theirValues.GetValueOrDefault(key, ""),
                key.Item1, conflicts);
            if (value.Length > 0 || mineValues.ContainsKey(key) || theirValues.ContainsKey(key)) merged.Add(new ContentPropertyValue(key.Item1, key.Item2, value));
        }
        return new ContentMergeResult(mergedName, merged, conflicts);
    }

    /// <summary>Changed by one: that change. Changed by both, alike: that. Changed by both, differently: a conflict (mine kept for now).</summary>
    private static string Merge(string basis, string mine, string theirs, string alias, List<ContentConflict> conflicts)
    {
        if (mine == theirs) return mine;
        if (mine == basis) return theirs;
        if (theirs == basis) return mine;
        conflicts.Add(new ContentConflict(alias, mine, theirs));
        return mine;
    }
}

/// <summary>A field both editors changed, differently.</summary>
public sealed record ContentConflict(string Alias, string Mine, string Theirs);

public sealed record ContentMergeResult(string Name, IReadOnlyList<ContentPropertyValue> Values, IReadOnlyList<ContentConflict> Conflicts);
