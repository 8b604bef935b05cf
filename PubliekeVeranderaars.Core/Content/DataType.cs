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

    private (string Json, System.Text.Json.Nodes.JsonObject? Parsed)? _config;

    /// <summary>
    /// The configuration, its names in any case (Umbraco 13's uSync writes "Blocks", 14+ "blocks"); parsed once per
    /// value, as the Delivery API reads it for every block grid it writes. Null when it is not usable JSON.
    /// </summary>
    public System.Text.Json.Nodes.JsonObject? Config()
    {
        if (_config is not { } cached || !ReferenceEquals(cached.Json, ConfigJson))
            _config = cached = (ConfigJson, StoredJson.TryParse(ConfigJson, ignoreCase: true) as System.Text.Json.Nodes.JsonObject);
        return cached.Parsed;
    }
    public string? Folder { get; set; }
    public int Level { get; set; } = 1;
    /// <summary>What its uSync file held beyond what this site models (<see cref="Sync.USyncShape"/>, as JSON); null when made here.</summary>
    public string? USyncShape { get; set; }
}
