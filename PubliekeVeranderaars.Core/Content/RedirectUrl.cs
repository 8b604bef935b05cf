namespace PubliekeVeranderaars.Core.Content;

/// <summary>
/// An address a page had before it was renamed or moved: links to it elsewhere keep working (301 to the new one).
/// </summary>
public sealed class RedirectUrl
{
    public string Route { get; set; } = "";
    public Guid NodeKey { get; set; }
    public DateTime CreatedUtc { get; set; }
}
