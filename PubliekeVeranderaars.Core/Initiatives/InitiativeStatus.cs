using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Core.Initiatives;

/// <summary>Reads an initiative's dropdown status, stored as Umbraco does: a plain value or a JSON array of one.</summary>
public static class InitiativeStatus
{
    public const string StatusAlias = "status";
    public const string Open = "open";
    public const string Closed = "gesloten";

    public const string InitiativeTypeAlias = "initiative";

    /// <summary>Pages other than initiatives always take their forms; an initiative only while it is open.</summary>
    public static bool AcceptsSignUps(PublishedContent page) =>
        page.ContentTypeAlias != InitiativeTypeAlias || IsOpen(page);

    public static bool IsOpen(PublishedContent initiative) =>
        initiative.GetStrings(StatusAlias).Any(v => string.Equals(v, Open, StringComparison.OrdinalIgnoreCase));
}
