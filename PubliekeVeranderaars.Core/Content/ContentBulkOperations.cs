using PubliekeVeranderaars.Core.Initiatives;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Content;

public enum ContentBulkAction
{
    Publish,
    Unpublish,
    /// <summary>An initiative stops taking sign-ups: its status becomes "gesloten", published at once.</summary>
    CloseForSignUps,
    Trash,
}

/// <summary>What a bulk action did: how many pages it changed, and why each of the others was left as it was.</summary>
public sealed record ContentBulkResult(int Done, IReadOnlyList<(string Page, string Reason)> Refused);

/// <summary>
/// One action for many pages of a list view. Each page is its own operation, checked and audited as if done one by
/// one, so a page that cannot be done (a mandatory field empty, the home page to the bin) leaves the others done.
/// </summary>
public sealed class ContentBulkOperations(ContentPublishingService publishing, ContentTreeService tree, ContentQueries queries)
{
    public async Task<ContentBulkResult> RunAsync(ContentBulkAction action, IReadOnlyList<Guid> keys, Actor actor, CancellationToken ct = default)
    {
        var done = 0;
        var refused = new List<(string, string)>();
        foreach (var key in keys.Distinct())
        {
            var result = action switch
            {
                ContentBulkAction.Publish => await publishing.PublishAsync(key, actor, ct),
                ContentBulkAction.Unpublish => await publishing.UnpublishAsync(key, actor, ct),
                ContentBulkAction.Trash => await tree.TrashAsync(key, actor, ct),
                ContentBulkAction.CloseForSignUps => await CloseAsync(key, actor, ct),
                _ => ContentOperationResult.NotFound(),
            };
            if (result.Succeeded) done++;
            else refused.Add(((await queries.NodeAsync(key, ct))?.Name ?? key.ToString(),
                result.Errors.FirstOrDefault()?.Message ?? (result.Status == ContentOperationStatus.NotFound ? "Bestaat niet meer." : "Kon niet.")));
        }
        return new ContentBulkResult(done, refused);
    }

    private async Task<ContentOperationResult> CloseAsync(Guid key, Actor actor, CancellationToken ct)
    {
        var node = await queries.NodeAsync(key, ct);
        if (node is null) return ContentOperationResult.NotFound();
        if (node.ContentTypeAlias != InitiativeStatus.InitiativeTypeAlias)
            return ContentOperationResult.Invalid(new ContentValidationError("", "Alleen een initiatief neemt aanmeldingen aan."));
        // Closing publishes; a draft waiting on the page would go live with it. That is a decision for its editor.
        if (node.HasUnpublishedChanges)
            return ContentOperationResult.Invalid(new ContentValidationError("", "Er staat een concept klaar: open de pagina, en sluit en publiceer daar."));
        var version = (await queries.LatestVersionAsync(key, ct))!;
        var values = version.Values.Where(v => !(v.Alias == InitiativeStatus.StatusAlias && v.Culture is null))
            .Append(new ContentPropertyValue(InitiativeStatus.StatusAlias, null, $"[\"{InitiativeStatus.Closed}\"]")).ToList();
        return await publishing.SaveAndPublishAsync(key, version.Name, values, actor, basedOn: version.Id, ct);
    }
}
