using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Testing;

/// <summary>
/// The site's own content operations, as tests call them to set the stage (an editor saves, publishes, moves) without
/// going through the back office's forms. The audit trail names the given user, or "redactie".
/// </summary>
public sealed class SiteContent(SiteHost site)
{
    public const string DefaultUser = "redactie@publiekeveranderaars.example";

    private ContentEditingService Editing => site.GetService<ContentEditingService>();
    private ContentPublishingService Publishing => site.GetService<ContentPublishingService>();
    private ContentTreeService Tree => site.GetService<ContentTreeService>();
    private ContentQueries Queries => site.GetService<ContentQueries>();

    private static Actor As(string? user) => Actor.User(user ?? DefaultUser);

    public Task<ContentOperationResult> CreateAsync(Guid? parentKey, string typeAlias, string name, IReadOnlyList<ContentPropertyValue> values, string? user = null) =>
        Editing.CreateAsync(parentKey, typeAlias, name, values, As(user));

    public Task<ContentOperationResult> SaveAsync(Guid key, string name, IReadOnlyList<ContentPropertyValue> values, string? user = null) =>
        Editing.SaveAsync(key, name, values, As(user));

    public Task<ContentOperationResult> PublishAsync(Guid key, string? user = null) => Publishing.PublishAsync(key, As(user));

    public Task<ContentOperationResult> UnpublishAsync(Guid key, string? user = null) => Publishing.UnpublishAsync(key, As(user));

    public Task<ContentOperationResult> ScheduleAsync(Guid key, DateTime? publishAtUtc, DateTime? unpublishAtUtc, string? user = null) =>
        Publishing.ScheduleAsync(key, publishAtUtc, unpublishAtUtc, As(user));

    public Task<int> RunScheduleAsync() => Publishing.RunScheduleAsync();

    public Task<ContentOperationResult> MoveAsync(Guid key, Guid newParentKey, string? user = null) => Tree.MoveAsync(key, newParentKey, As(user));

    public Task<ContentOperationResult> ReorderAsync(Guid parentKey, IReadOnlyList<Guid> order, string? user = null) => Tree.ReorderAsync(parentKey, order, As(user));

    public Task<ContentOperationResult> TrashAsync(Guid key, string? user = null) => Tree.TrashAsync(key, As(user));

    public Task<ContentVersion?> GetLatestVersionAsync(Guid key) => Queries.LatestVersionAsync(key);

    public Task<IReadOnlyList<ContentVersion>> VersionsAsync(Guid key) => Queries.VersionsAsync(key);

    public Task<ContentNode?> NodeAsync(Guid key) => Queries.NodeAsync(key);

    public Task<IReadOnlyList<ContentNode>> TreeAsync() => Queries.TreeAsync();
}
