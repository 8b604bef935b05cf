using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Core.Sync;

/// <summary>The uSync folder names we read and write, one item per <c>.config</c> file inside each.</summary>
public static class USyncFolders
{
    public const string ContentTypes = "ContentTypes";
    public const string DataTypes = "DataTypes";
    public const string Content = "Content";
    public const string Forms = "Forms";
    /// <summary>Umbraco's content templates ("blueprints"): pages to start new pages from, never pages themselves.</summary>
    public const string Blueprints = "Blueprints";
    public const string FileExtension = ".config";
}

/// <summary>Everything read from one uSync folder.</summary>
public sealed class USyncBundle
{
    /// <summary>The folder it was read from, where media files are found; null for a bundle made in memory.</summary>
    public string? SourceFolder { get; init; }
    public List<DataType> DataTypes { get; } = [];
    public List<DocumentType> DocumentTypes { get; } = [];
    public List<USyncContentItem> Content { get; } = [];
    public List<Forms.FormDefinition> Forms { get; } = [];
    /// <summary>Media items; their files are under <see cref="USyncMedia.FilesFolder"/> in the same folder.</summary>
    public List<Media.MediaItem> Media { get; } = [];
    /// <summary>Items we do not model (languages, dictionary, domains...): kept whole so nothing is lost.</summary>
    public List<USyncRawItem> RawItems { get; } = [];
    /// <summary>uSync's markers of deleted or renamed items.</summary>
    public List<USyncEmptyItem> Empties { get; } = [];
    /// <summary>
    /// Files that give a key another file of the same folder gave already (real exports hold them after renames):
    /// the first file in name order is imported, the others are listed here, so an import settles and says why.
    /// </summary>
    public List<USyncDuplicate> Duplicates { get; } = [];
}

/// <summary>A content node as a uSync file describes it: the node and its current values.</summary>
public sealed class USyncContentItem
{
    public Guid Key { get; set; }
    public string Alias { get; set; } = "";
    public int Level { get; set; }
    public Guid? ParentKey { get; set; }
    public string ParentName { get; set; } = "";
    public string Path { get; set; } = "";
    public bool Trashed { get; set; }
    public string ContentTypeAlias { get; set; } = "";
    public DateTime CreateDate { get; set; }
    public string Name { get; set; } = "";
    public List<ContentCultureName> CultureNames { get; set; } = [];
    public int SortOrder { get; set; }
    public bool Published { get; set; }
    /// <summary>Languages whose own Published flag is false (variant content).</summary>
    public List<string> UnpublishedCultures { get; set; } = [];
    public List<ContentPropertyValue> Values { get; set; } = [];
    /// <summary>What the file held beyond what this site models (<see cref="Sync.USyncShape"/> as JSON).</summary>
    public string? Shape { get; set; }
}

/// <summary>uSync's <c>Empty</c> file: an item deleted (or renamed away) where the export was made.</summary>
public sealed record USyncEmptyItem(string Folder, Guid Key, string Alias, string Change, string FileName = "", string Xml = "");

/// <summary>A file left out because an earlier file (in name order) of its folder has the same key.</summary>
public sealed record USyncDuplicate(string Folder, Guid Key, string KeptFile, string SkippedFile);

/// <summary>A uSync item of a kind we keep verbatim: its file name and its XML, byte for byte as text.</summary>
public sealed class USyncRawItem
{
    public string Folder { get; set; } = "";
    public Guid Key { get; set; }
    public string Alias { get; set; } = "";
    public string FileName { get; set; } = "";
    public string Xml { get; set; } = "";
}
