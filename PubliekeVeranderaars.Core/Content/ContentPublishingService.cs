using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Mail;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Content;

/// <summary>
/// What visitors see: publishing, unpublishing, planning both, and a writer's offer to publish. Each operation is one
/// unit of the write path; a save that goes with it ("Opslaan en publiceren") is part of the same unit.
/// </summary>
public sealed class ContentPublishingService(SiteWriter writer, SiteDatabase database, PublishedContentCache cache, TimeProvider clock,
    MailOptions mail, MailLinks links)
{
    /// <summary>Makes the newest version live.</summary>
    public Task<ContentOperationResult> PublishAsync(Guid key, Actor actor, CancellationToken ct = default) =>
        writer.WriteAsync(actor, write => PublishAsync(write, key, versionId: null, details: "", ct), ct);

    /// <param name="basedOn">The version the editor's screen showed (see <see cref="ContentEditingService.SaveAsync(Guid, string, IReadOnlyList{ContentPropertyValue}, Actor, long?, CancellationToken)"/>).</param>
    public Task<ContentOperationResult> SaveAndPublishAsync(Guid key, string name, IReadOnlyList<ContentPropertyValue> values, Actor actor,
        long? basedOn = null, CancellationToken ct = default, IReadOnlyList<ContentCultureName>? cultureNames = null) =>
        writer.WriteAsync(actor, async write =>
        {
            var saved = await ContentEditingService.SaveAsync(write, key, name, values, basedOn, ct, cultureNames);
            return saved.Succeeded ? await PublishAsync(write, key, versionId: null, details: "", ct) : saved;
        }, ct);

    /// <summary>A writer's "ready": the newest version waits for an editor to publish it.</summary>
    public Task<ContentOperationResult> SaveAndSendForPublishingAsync(Guid key, string name, IReadOnlyList<ContentPropertyValue> values, Actor actor,
        long? basedOn = null, CancellationToken ct = default, IReadOnlyList<ContentCultureName>? cultureNames = null) =>
        writer.WriteAsync(actor, async write =>
        {
            var saved = await ContentEditingService.SaveAsync(write, key, name, values, basedOn, ct, cultureNames);
            if (!saved.Succeeded) return saved;
            var node = saved.Node!;
            node.AwaitingPublication = true;
            write.Audit(AuditActions.SendForPublishing, node.AuditTarget);
            await PublicationRequestMail.QueueAsync(write, node, mail, links, ct);
            write.Raise(new ContentChangedNotification(ContentOperation.SendForPublishing, PublishedTreeChanged: false));
            return saved;
        }, ct);

    public Task<ContentOperationResult> UnpublishAsync(Guid key, Actor actor, CancellationToken ct = default) =>
        writer.WriteAsync(actor, write => UnpublishAsync(write, key, details: "", ct), ct);

    /// <summary>
    /// Plans a publication and/or an unpublication; null clears that half of the plan. Planning a publication
    /// approves the version as it is now: a draft saved later (by a writer, say) waits for its own approval.
    /// </summary>
    public Task<ContentOperationResult> ScheduleAsync(Guid key, DateTime? publishAtUtc, DateTime? unpublishAtUtc, Actor actor, CancellationToken ct = default)
    {
        if (publishAtUtc is { } p && unpublishAtUtc is { } u && u <= p)
            return Task.FromResult(ContentOperationResult.Invalid(new ContentValidationError("unpublishAt", "Depubliceren moet later zijn dan publiceren.")));
        return writer.WriteAsync(actor, async write =>
        {
            var node = await write.Db.ContentNodes.FindAsync([key], ct);
            if (node is null) return ContentEditingService.Refuse(write, ContentOperationResult.NotFound());
            if (await write.AskAsync(new ContentChangingNotification(ContentOperation.Schedule, key, write.Actor), ct) is { } refused)
                return ContentEditingService.Refuse(write, new ContentValidationError("", refused));
            node.PublishAtUtc = publishAtUtc;
            node.ScheduledVersionId = publishAtUtc is null ? null : node.LatestVersionId;
            node.UnpublishAtUtc = unpublishAtUtc;
            write.Audit(AuditActions.Schedule, node.AuditTarget,
                $"publiceren {(publishAtUtc is { } at ? DutchFormat.DateTime(at) : "-")}, depubliceren {(unpublishAtUtc is { } off ? DutchFormat.DateTime(off) : "-")}");
            write.Raise(new ContentChangedNotification(ContentOperation.Schedule, PublishedTreeChanged: false));
            return ContentOperationResult.Ok(node);
        }, ct);
    }

    /// <summary>
    /// Carries out every plan that is due, each as its own unit with the actor "Planning": publishes the approved
    /// version, then unpublishes. Run every half minute by the site; running it twice, or on two nodes at once,
    /// changes nothing more (each unit checks the plan is still due inside its own transaction).
    /// </summary>
    public async Task<int> RunScheduleAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<Guid> toPublish, toUnpublish;
        await using (var db = database.Open())
        {
            toPublish = await db.ContentNodes.Where(n => n.PublishAtUtc != null && n.PublishAtUtc <= now && !n.Trashed).Select(n => n.Key).ToListAsync(ct);
            toUnpublish = await db.ContentNodes.Where(n => n.UnpublishAtUtc != null && n.UnpublishAtUtc <= now).Select(n => n.Key).ToListAsync(ct);
        }
        var done = 0;
        foreach (var key in toPublish)
        {
            var result = await writer.WriteAsync(Actor.Schedule, async write =>
            {
                var node = await write.Db.ContentNodes.FindAsync([key], ct);
                if (node?.PublishAtUtc is not { } at || at > write.Now) return ContentEditingService.Refuse(write, ContentOperationResult.NotFound());
                var published = await PublishAsync(write, key, node.ScheduledVersionId, $"gepland voor {DutchFormat.DateTime(at)}", ct);
                node.PublishAtUtc = null;
                node.ScheduledVersionId = null;
                return published;
            }, ct);
            if (result.Succeeded) done++;
        }
        foreach (var key in toUnpublish)
        {
            var result = await writer.WriteAsync(Actor.Schedule, async write =>
            {
                var node = await write.Db.ContentNodes.FindAsync([key], ct);
                if (node?.UnpublishAtUtc is not { } at || at > write.Now) return ContentEditingService.Refuse(write, ContentOperationResult.NotFound());
                var unpublished = await UnpublishAsync(write, key, $"gepland voor {DutchFormat.DateTime(at)}", ct);
                node.UnpublishAtUtc = null;
                return unpublished;
            }, ct);
            if (result.Succeeded) done++;
        }
        return done;
    }

    private async Task<ContentOperationResult> PublishAsync(SiteWrite write, Guid key, long? versionId, string details, CancellationToken ct)
    {
        var node = await write.Db.ContentNodes.FindAsync([key], ct);
        if (node?.LatestVersionId is null) return ContentEditingService.Refuse(write, ContentOperationResult.NotFound());
        var publishing = versionId ?? node.LatestVersionId.Value;
        var version = await write.Db.ContentVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == publishing && v.NodeKey == key, ct);
        if (version is null) return ContentEditingService.Refuse(write, ContentOperationResult.NotFound());
        if (await write.AskAsync(new ContentChangingNotification(ContentOperation.Publish, key, write.Actor), ct) is { } refused)
            return ContentEditingService.Refuse(write, new ContentValidationError("", refused));
        var segment = UrlSegments.For(version.Name, version.Values);
        await ContentRedirects.KeepOldAddressAsync(write, cache.Current, node, node.ParentKey, segment, ct);
        node.UrlSegment = segment;
        node.PublishedVersionId = version.Id;
        await write.Db.ContentVersions.Where(v => v.Id == version.Id && v.PublishedUtc == null)
            .ExecuteUpdateAsync(v => v.SetProperty(x => x.PublishedUtc, write.Now), ct);
        node.AwaitingPublication = node.AwaitingPublication && version.Id != node.LatestVersionId;
        node.UpdateDate = write.Now;
        write.Audit(AuditActions.Publish, node.AuditTarget, details);
        write.Raise(new ContentChangedNotification(ContentOperation.Publish, PublishedTreeChanged: true) { Page = key });
        return ContentOperationResult.Ok(node);
    }

    private static async Task<ContentOperationResult> UnpublishAsync(SiteWrite write, Guid key, string details, CancellationToken ct)
    {
        var node = await write.Db.ContentNodes.FindAsync([key], ct);
        if (node is null) return ContentEditingService.Refuse(write, ContentOperationResult.NotFound());
        if (await write.AskAsync(new ContentChangingNotification(ContentOperation.Unpublish, key, write.Actor), ct) is { } refused)
            return ContentEditingService.Refuse(write, new ContentValidationError("", refused));
        node.PublishedVersionId = null;
        node.UpdateDate = write.Now;
        write.Audit(AuditActions.Unpublish, node.AuditTarget, details);
        write.Raise(new ContentChangedNotification(ContentOperation.Unpublish, PublishedTreeChanged: true));
        return ContentOperationResult.Ok(node);
    }
}
