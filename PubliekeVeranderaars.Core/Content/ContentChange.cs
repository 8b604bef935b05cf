namespace PubliekeVeranderaars.Core.Content;

/// <summary>
/// One line of the change journal: "the published tree changed". Every web node keeps its own published cache; a
/// node that changes the tree writes a line, and the others, polling the journal, rebuild theirs.
/// </summary>
public sealed class ContentChange
{
    public long Id { get; set; }
    public DateTime Utc { get; set; }
}
