namespace PubliekeVeranderaars.Core.Content;

/// <summary>The schema of a kind of page or element, as Umbraco's content type.</summary>
public sealed class DocumentType
{
    public Guid Key { get; set; }
    public string Alias { get; set; } = "";
    public string Name { get; set; } = "";
    public string Icon { get; set; } = "icon-document";
    public string Description { get; set; } = "";
    public bool AllowAtRoot { get; set; }
    /// <summary>Element types have no page of their own: they are the content of blocks.</summary>
    public bool IsElement { get; set; }
    public string Variations { get; set; } = "Nothing";
    public string? Folder { get; set; }
    public int Level { get; set; } = 1;
    public List<DocumentTypeReference> Compositions { get; set; } = [];
    public List<DocumentTypeReference> AllowedChildren { get; set; } = [];
    public List<DocumentTypeTab> Tabs { get; set; } = [];
    public List<DocumentTypeProperty> Properties { get; set; } = [];
    /// <summary>What its uSync file held beyond what this site models (<see cref="Sync.USyncShape"/>, as JSON); null when made here.</summary>
    public string? USyncShape { get; set; }

    /// <summary>Own properties followed by those of the compositions, ordered for editing.</summary>
    public IReadOnlyList<DocumentTypeProperty> AllProperties(IReadOnlyDictionary<string, DocumentType> typesByAlias)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<DocumentTypeProperty>();
        Collect(this, typesByAlias, seen, result, depth: 0);
        return result.OrderBy(p => p.SortOrder).ToList();
    }

    /// <summary>Compositions can nest; Umbraco forbids cycles but imported files are not trusted to respect that.</summary>
    private const int MaxCompositionDepth = 16;

    private static void Collect(DocumentType type, IReadOnlyDictionary<string, DocumentType> typesByAlias,
        HashSet<string> seen, List<DocumentTypeProperty> result, int depth)
    {
        if (depth > MaxCompositionDepth || !seen.Add(type.Alias)) return;
        result.AddRange(type.Properties);
        foreach (var composition in type.Compositions)
        {
            if (typesByAlias.TryGetValue(composition.Alias, out var composed))
                Collect(composed, typesByAlias, seen, result, depth + 1);
        }
    }
}

/// <summary>A reference to another document type by key and alias, as uSync writes it.</summary>
public sealed record DocumentTypeReference(Guid Key, string Alias, int SortOrder = 0);

public sealed record DocumentTypeTab(Guid Key, string Alias, string Caption, string Type, int SortOrder);

/// <summary>A property of a document type: what the editor fills in and how it is validated.</summary>
public sealed class DocumentTypeProperty
{
    public Guid Key { get; set; }
    public string Alias { get; set; } = "";
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public Guid DataTypeKey { get; set; }
    public string EditorAlias { get; set; } = "";
    public bool Mandatory { get; set; }
    public string MandatoryMessage { get; set; } = "";
    public string ValidationRegex { get; set; } = "";
    public string ValidationRegexMessage { get; set; } = "";
    public int SortOrder { get; set; }
    public string TabAlias { get; set; } = "";
    public string Variations { get; set; } = "Nothing";
    public bool LabelOnTop { get; set; }
    /// <summary>
    /// Sensitive data (an owner's e-mail address) is never shown on a public page nor in the Delivery API.
    /// Umbraco keeps this flag on member types; we keep it on the property itself.
    /// </summary>
    public bool IsSensitive { get; set; }
}
