namespace PubliekeVeranderaars.Core.Content;

/// <summary>
/// A page or item in the content tree. Its text lives in versions: the newest is the draft, and the node points at
/// the version that is published, if any. Every save adds a version, so nothing an editor wrote is ever lost.
/// </summary>
public sealed class ContentNode
{
    public Guid Key { get; set; }
    public Guid? ParentKey { get; set; }
    public string ContentTypeAlias { get; set; } = "";
    public int Level { get; set; } = 1;
    public int SortOrder { get; set; }
    public string Name { get; set; } = "";
    public string UrlSegment { get; set; } = "";
    public DateTime CreateDate { get; set; }
    public DateTime UpdateDate { get; set; }
    public bool Trashed { get; set; }
    public long? LatestVersionId { get; set; }
    public long? PublishedVersionId { get; set; }
    /// <summary>A writer sent the newest version for publishing; an editor decides.</summary>
    public bool AwaitingPublication { get; set; }
    /// <summary>When the planned version goes live by itself (UTC), as Umbraco's scheduled publishing.</summary>
    public DateTime? PublishAtUtc { get; set; }
    /// <summary>
    /// The version the editor approved by planning it: what goes live at <see cref="PublishAtUtc"/>, whatever drafts
    /// are saved in between.
    /// </summary>
    public long? ScheduledVersionId { get; set; }
    /// <summary>When the page comes off the site by itself (UTC).</summary>
    public DateTime? UnpublishAtUtc { get; set; }
    /// <summary>
    /// Languages of a multilingual page (its version's <see cref="ContentVersion.CultureNames"/>) that are not live,
    /// as Umbraco publishes each language by itself. Empty for a page in one language, or with every language live.
    /// </summary>
    public List<string> UnpublishedCultures { get; set; } = [];
    /// <summary>What its uSync file held beyond what this site models (<see cref="Sync.USyncShape"/>, as JSON); null when made here.</summary>
    public string? USyncShape { get; set; }

    public bool IsPublished => PublishedVersionId is not null && !Trashed;
    /// <summary>How the audit trail names the page: readable, and unique even when two pages share a name.</summary>
    public string AuditTarget => $"{Name} ({Key})";
    public bool HasUnpublishedChanges => LatestVersionId != PublishedVersionId;
}

/// <summary>One saved state of a node: its name and every property value, as the editor left them.</summary>
public sealed class ContentVersion
{
    public long Id { get; set; }
    public Guid NodeKey { get; set; }
    public string Name { get; set; } = "";
    public DateTime CreatedUtc { get; set; }
    public string CreatedBy { get; set; } = "";
    public List<ContentPropertyValue> Values { get; set; } = [];
    /// <summary>Names per culture, for variant content imported from multilingual sites.</summary>
    public List<ContentCultureName> CultureNames { get; set; } = [];
    /// <summary>The older version this one restored (a rollback), or null for a save.</summary>
    public long? RestoredFromId { get; set; }
    /// <summary>When this version first went live, or null if it never did: once replaced, the list still says it was.</summary>
    public DateTime? PublishedUtc { get; set; }
}

/// <summary>
/// A property value as stored: the raw string as Umbraco stores it (text, markup, "1"/"0", UDIs, block JSON).
/// Keeping the raw string means values of editors we do not render survive every import and export unchanged.
/// </summary>
public sealed record ContentPropertyValue(string Alias, string? Culture, string Value);

public sealed record ContentCultureName(string Culture, string Name);

/// <summary>Reading many pages' rows at once.</summary>
public static class ContentNodeRows
{
    /// <summary>
    /// The rows without what only a uSync export reads (<see cref="ContentNode.USyncShape"/>): a site imported from uSync
    /// keeps ~250 bytes of it per page, on 10,000 pages most of what every tree screen and published-cache build read
    /// and let go again. Rows read so are for reading; saving one would lose its shape.
    /// </summary>
    public static IQueryable<ContentNode> WithoutUSyncShape(this IQueryable<ContentNode> nodes) => nodes.Select(n => new ContentNode
    {
        Key = n.Key, ParentKey = n.ParentKey, ContentTypeAlias = n.ContentTypeAlias, Level = n.Level, SortOrder = n.SortOrder,
        Name = n.Name, UrlSegment = n.UrlSegment, CreateDate = n.CreateDate, UpdateDate = n.UpdateDate, Trashed = n.Trashed,
        LatestVersionId = n.LatestVersionId, PublishedVersionId = n.PublishedVersionId, AwaitingPublication = n.AwaitingPublication,
        PublishAtUtc = n.PublishAtUtc, ScheduledVersionId = n.ScheduledVersionId, UnpublishAtUtc = n.UnpublishAtUtc,
        UnpublishedCultures = n.UnpublishedCultures,
    });
}
