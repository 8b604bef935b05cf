namespace PubliekeVeranderaars.Core.Content;

/// <summary>
/// One line of the change journal: "the published tree changed". Every web node keeps its own published cache; a
/// node that changes the tree writes a line, and the others, polling the journal, rebuild theirs.
/// </summary>
public sealed class ContentChange
{
    public long Id { get; set; }
    public DateTime Utc { get; set; }

    /// <summary>
    /// Not stored: on the node that wrote the line, the only pages its write changed, when it says so (a publish of
    /// each, nothing else); null when the write may have changed more. The node's cache then reads only these.
    /// </summary>
    internal IReadOnlySet<Guid>? Pages { get; set; }
}
