namespace PubliekeVeranderaars.Core.Forms;

/// <summary>One submission of a form: the values as validated, with the form version and the page it came from.</summary>
public sealed class FormEntry
{
    public Guid Key { get; set; }
    public Guid FormKey { get; set; }
    public int FormVersion { get; set; }
    public Guid? PageKey { get; set; }
    public string PageName { get; set; } = "";
    public DateTime CreatedUtc { get; set; }
    public List<FormEntryValue> Values { get; set; } = [];
    /// <summary>When the initiative's owner (or an editor) got in touch with the visitor; null until then.</summary>
    public DateTime? ContactedUtc { get; set; }
    public string? ContactedBy { get; set; }
    /// <summary>A note by whoever follows the sign-up up; personal data, deleted with the entry.</summary>
    public string Note { get; set; } = "";

    /// <summary>The longest note kept: a few paragraphs about a phone call.</summary>
    public const int MaxNoteLength = 2000;

    public string Value(string alias) =>
        Values.FirstOrDefault(v => string.Equals(v.Alias, alias, StringComparison.OrdinalIgnoreCase))?.Value ?? "";

    /// <summary>How the audit trail names an entry: by key only, never by what the visitor wrote.</summary>
    public static string AuditTarget(Guid key) => $"inzending {key}";
}

/// <summary>A submitted value; several choices of a checkbox list are joined with ", ".</summary>
public sealed record FormEntryValue(string Alias, string Value);

/// <summary>When a back-office user last looked at the sign-ups of a page: what came in since is "new" for them.</summary>
public sealed class FormEntryVisit
{
    public string User { get; set; } = "";
    public Guid PageKey { get; set; }
    public DateTime SeenUtc { get; set; }
}
