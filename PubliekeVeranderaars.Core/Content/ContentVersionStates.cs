namespace PubliekeVeranderaars.Core.Content;

/// <summary>
/// What the list of versions says of each, in the editor's words for Umbraco's states: on the site, a concept (waiting
/// for publication or not), planned, published before, and whether it restored an older one.
/// </summary>
public static class ContentVersionStates
{
    /// <param name="versions">The page's versions: a rollback names the version it restored by its time.</param>
    public static string Of(ContentNode node, ContentVersion version, IReadOnlyList<ContentVersion> versions)
    {
        var restored = RestoredFrom(version, versions);
        return version.Id switch
        {
            var id when id == node.PublishedVersionId && id == node.LatestVersionId => "Gepubliceerd (op de site)",
            var id when id == node.PublishedVersionId => "Op de site",
            var id when id == node.ScheduledVersionId => $"Gepland voor {DutchFormat.DateTime(node.PublishAtUtc ?? version.CreatedUtc)}",
            var id when id == node.LatestVersionId => (node.AwaitingPublication ? "Concept, wacht op publicatie" : "Concept") + restored,
            _ when version.PublishedUtc is { } at => $"Eerder gepubliceerd ({DutchFormat.DateTimeWithSeconds(at)})" + restored,
            _ => restored.TrimStart(',', ' ') is { Length: > 0 } text ? char.ToUpperInvariant(text[0]) + text[1..] : "",
        };
    }

    /// <summary>", teruggezet (versie van …)" for a version made by rolling back; "" otherwise.</summary>
    private static string RestoredFrom(ContentVersion version, IReadOnlyList<ContentVersion> versions) =>
        version.RestoredFromId is { } from && versions.FirstOrDefault(v => v.Id == from) is { } source
            ? $", teruggezet (versie van {DutchFormat.DateTimeWithSeconds(source.CreatedUtc)})"
            : "";
}
