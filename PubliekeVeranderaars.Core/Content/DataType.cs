namespace PubliekeVeranderaars.Core.Content;

/// <summary>A configured property editor, as Umbraco's data type: an editor alias plus its configuration JSON.</summary>
public sealed class DataType
{
    public Guid Key { get; set; }
    public string Alias { get; set; } = "";
    public string Name { get; set; } = "";
    public string EditorAlias { get; set; } = "";
    /// <summary>Umbraco 14+ names the editor's UI separately; kept for round trips.</summary>
    public string? EditorUiAlias { get; set; }
    /// <summary>Umbraco up to 13 stores the database column type; kept for round trips.</summary>
    public string? DatabaseType { get; set; }
    public string ConfigJson { get; set; } = "{}";
    public string? Folder { get; set; }
    public int Level { get; set; } = 1;
    /// <summary>What its uSync file held beyond what this site models (<see cref="Sync.USyncShape"/>, as JSON); null when made here.</summary>
    public string? USyncShape { get; set; }
}
