namespace PubliekeVeranderaars.Core.Sync;

public enum USyncChange
{
    Created,
    Updated,
    /// <summary>Updated, and a draft that waited for approval is no longer the newest version (it stays in the history).</summary>
    UpdatedOverDraft,
    Deleted,
}

public sealed record USyncReportLine(string Folder, string Alias, Guid Key, USyncChange Change);

/// <summary>What an import changed (or, in a dry run, would change). Unchanged items are counted, not listed.</summary>
public sealed class USyncImportReport
{
    public List<USyncReportLine> Changes { get; } = [];
    public int Unchanged { get; set; }
    /// <summary>Media items whose file was not in the folder (nor already stored): imported, shown nowhere until it is.</summary>
    public List<string> MissingFiles { get; } = [];
    /// <summary>Files that were there but are not a kind the library takes, or not readable: left out, with the reason.</summary>
    public List<string> RefusedFiles { get; } = [];
    /// <summary>Files left out because an earlier file of the folder has the same key.</summary>
    public List<USyncDuplicate> Duplicates { get; } = [];
    /// <summary>What items point at that is neither in the folder nor in the site: "page X: document type Y".</summary>
    public List<string> MissingReferences { get; } = [];
    public bool HasChanges => Changes.Count > 0;

    internal void Add(string folder, string alias, Guid key, USyncChange change) =>
        Changes.Add(new USyncReportLine(folder, alias, key, change));
}
