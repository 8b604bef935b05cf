using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Content;

/// <summary>
/// Creates, saves and publishes content. Every save adds a version; publishing points the node at its newest
/// version and rebuilds the published cache, so the site shows the change at once.
/// </summary>
public sealed class ContentService(SiteDatabase database, PublishedContentCache cache, TimeProvider clock)
{
    /// <summary>A regex from a document type must not hang a save on a hostile or careless pattern.</summary>
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(250);

    public async Task<ContentResult> CreateAsync(Guid? parentKey, string contentTypeAlias, string name,
        IReadOnlyList<ContentPropertyValue> values, string user, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var types = await db.DocumentTypes.AsNoTracking().ToDictionaryAsync(t => t.Alias, StringComparer.OrdinalIgnoreCase, ct);
        if (!types.TryGetValue(contentTypeAlias, out var type))
            return ContentResult.Invalid(new ContentValidationError("", $"Onbekend documenttype '{contentTypeAlias}'."));

        ContentNode? parent = null;
        if (parentKey is { } pk)
        {
            parent = await db.ContentNodes.FindAsync([pk], ct);
            if (parent is null) return ContentResult.Invalid(new ContentValidationError("", "De bovenliggende pagina bestaat niet."));
            var parentType = types.GetValueOrDefault(parent.ContentTypeAlias);
            if (parentType is not null && parentType.AllowedChildren.All(c => !string.Equals(c.Alias, type.Alias, StringComparison.OrdinalIgnoreCase)))
                return ContentResult.Invalid(new ContentValidationError("", $"Een '{type.Name}' mag niet onder een '{parentType.Name}' staan."));
        }
        else if (!type.AllowAtRoot)
        {
            return ContentResult.Invalid(new ContentValidationError("", $"Een '{type.Name}' mag niet in de hoofdmap staan."));
        }

        var errors = Validate(type, types, name, values);
        if (errors.Count > 0) return ContentResult.Invalid([.. errors]);

        var now = clock.GetUtcNow().UtcDateTime;
        var siblings = await db.ContentNodes.Where(n => n.ParentKey == parentKey).Select(n => n.SortOrder).ToListAsync(ct);
        var node = new ContentNode
        {
            Key = Guid.NewGuid(),
            ParentKey = parentKey,
            ContentTypeAlias = type.Alias,
            Level = (parent?.Level ?? 0) + 1,
            SortOrder = siblings.Count == 0 ? 0 : siblings.Max() + 1,
            Name = name,
            UrlSegment = UrlSegments.For(name, values),
            CreateDate = now,
            UpdateDate = now,
        };
        db.ContentNodes.Add(node);
        await AddVersionAsync(db, node, name, values, user, now, ct);
        return ContentResult.Ok(node);
    }

    /// <summary>
    /// A new, empty, unpublished page of a type the parent allows: the editor fills it in next. The type's mandatory
    /// fields are checked on its first save and on publishing, not here, where nothing is filled in yet.
    /// </summary>
    public async Task<ContentResult> CreateDraftAsync(Guid parentKey, string contentTypeAlias, string name, string user, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var parent = await db.ContentNodes.FindAsync([parentKey], ct);
        if (parent is null) return ContentResult.NotFound();
        var types = await db.DocumentTypes.AsNoTracking().ToDictionaryAsync(t => t.Alias, StringComparer.OrdinalIgnoreCase, ct);
        if (!types.TryGetValue(parent.ContentTypeAlias, out var parentType) || !types.TryGetValue(contentTypeAlias, out var type)
            || parentType.AllowedChildren.All(c => !string.Equals(c.Alias, type.Alias, StringComparison.OrdinalIgnoreCase)))
            return ContentResult.Invalid(new ContentValidationError("", "Dit soort pagina mag hier niet staan."));
        if (string.IsNullOrWhiteSpace(name)) return ContentResult.Invalid(new ContentValidationError("name", "Geef de pagina een naam."));
        var now = clock.GetUtcNow().UtcDateTime;
        var siblings = await db.ContentNodes.Where(n => n.ParentKey == parentKey).Select(n => n.SortOrder).ToListAsync(ct);
        var node = new ContentNode
        {
            Key = Guid.NewGuid(), ParentKey = parentKey, ContentTypeAlias = type.Alias, Level = parent.Level + 1,
            SortOrder = siblings.Count == 0 ? 0 : siblings.Max() + 1, Name = name, UrlSegment = UrlSegments.FromName(name),
            CreateDate = now, UpdateDate = now,
        };
        db.ContentNodes.Add(node);
        await AddVersionAsync(db, node, name, [], user, now, ct);
        return ContentResult.Ok(node);
    }

    /// <summary>Saves a draft: a new version, while the published version stays live.</summary>
    public async Task<ContentResult> SaveAsync(Guid key, string name, IReadOnlyList<ContentPropertyValue> values, string user,
        CancellationToken ct = default)
    {
        await using var db = database.Open();
        var node = await db.ContentNodes.FindAsync([key], ct);
        if (node is null) return ContentResult.NotFound();
        var types = await db.DocumentTypes.AsNoTracking().ToDictionaryAsync(t => t.Alias, StringComparer.OrdinalIgnoreCase, ct);
        if (types.TryGetValue(node.ContentTypeAlias, out var type))
        {
            var errors = Validate(type, types, name, values);
            if (errors.Count > 0) return ContentResult.Invalid([.. errors]);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        node.Name = name;
        node.UpdateDate = now;
        await AddVersionAsync(db, node, name, values, user, now, ct);
        return ContentResult.Ok(node);
    }

    /// <summary>
    /// Makes a version live: the newest, or the one given (a planned publication's approved version). A changed name
    /// gives a new URL segment, as in Umbraco; the old address is kept as a redirect so links elsewhere keep working.
    /// </summary>
    public async Task<ContentResult> PublishAsync(Guid key, CancellationToken ct = default) => await PublishAsync(key, null, ct);

    private async Task<ContentResult> PublishAsync(Guid key, long? versionId, CancellationToken ct)
    {
        await using var db = database.Open();
        var node = await db.ContentNodes.FindAsync([key], ct);
        if (node is null || node.LatestVersionId is null) return ContentResult.NotFound();
        var publishing = versionId ?? node.LatestVersionId.Value;
        var version = await db.ContentVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == publishing && v.NodeKey == key, ct);
        if (version is null) return ContentResult.NotFound();
        var oldRoute = cache.Current.ByKey(key)?.Route;
        var now = clock.GetUtcNow().UtcDateTime;
        node.UrlSegment = UrlSegments.For(version.Name, version.Values);
        node.PublishedVersionId = version.Id;
        node.AwaitingPublication = node.AwaitingPublication && version.Id != node.LatestVersionId;
        node.UpdateDate = now;
        await db.SaveChangesAsync(ct);
        await cache.ChangedAsync(ct);
        await KeepOldAddressAsync(db, key, oldRoute, now, ct);
        return ContentResult.Ok(node);
    }

    /// <summary>If the page's address changed (rename, move), the old one becomes a 301 to the new one.</summary>
    private async Task KeepOldAddressAsync(SiteDbContext db, Guid key, string? oldRoute, DateTime now, CancellationToken ct)
    {
        var newRoute = cache.Current.ByKey(key)?.Route;
        if (oldRoute is null || newRoute is null || oldRoute == newRoute || oldRoute == "/") return;
        await db.RedirectUrls.Where(r => r.Route == oldRoute).ExecuteDeleteAsync(ct);
        db.RedirectUrls.Add(new RedirectUrl { Route = oldRoute, NodeKey = key, CreatedUtc = now });
        await db.SaveChangesAsync(ct);
        await cache.ChangedAsync(ct);
    }

    /// <summary>
    /// Moves a page, with everything below it, under another page that allows its type; last among its new siblings.
    /// </summary>
    public async Task<ContentResult> MoveAsync(Guid key, Guid newParentKey, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var all = await db.ContentNodes.ToListAsync(ct);
        var node = all.FirstOrDefault(n => n.Key == key);
        var parent = all.FirstOrDefault(n => n.Key == newParentKey);
        if (node is null || parent is null) return ContentResult.NotFound();
        for (var p = parent; p is not null; p = all.FirstOrDefault(n => n.Key == p.ParentKey))
        {
            if (p.Key == key) return ContentResult.Invalid(new ContentValidationError("", "Een pagina kan niet onder zichzelf staan."));
        }
        var types = await db.DocumentTypes.AsNoTracking().ToDictionaryAsync(t => t.Alias, StringComparer.OrdinalIgnoreCase, ct);
        if (!types.TryGetValue(parent.ContentTypeAlias, out var parentType)
            || parentType.AllowedChildren.All(c => !string.Equals(c.Alias, node.ContentTypeAlias, StringComparison.OrdinalIgnoreCase)))
            return ContentResult.Invalid(new ContentValidationError("", $"Dit soort pagina mag niet onder '{parent.Name}' staan."));
        var oldRoute = cache.Current.ByKey(key)?.Route;
        node.ParentKey = parent.Key;
        node.SortOrder = all.Where(n => n.ParentKey == parent.Key && n.Key != key).Select(n => n.SortOrder).DefaultIfEmpty(-1).Max() + 1;
        var shift = parent.Level + 1 - node.Level;
        var moving = new HashSet<Guid> { key };
        foreach (var n in all.OrderBy(n => n.Level))
        {
            if (n.Key == key || (n.ParentKey is { } pk && moving.Contains(pk)))
            {
                moving.Add(n.Key);
                n.Level += shift;
            }
        }
        var now = clock.GetUtcNow().UtcDateTime;
        node.UpdateDate = now;
        await db.SaveChangesAsync(ct);
        await cache.ChangedAsync(ct);
        await KeepOldAddressAsync(db, key, oldRoute, now, ct);
        return ContentResult.Ok(node);
    }

    /// <summary>Swaps a page with its previous (-1) or next (+1) sibling: the order of menus and lists.</summary>
    public async Task<ContentResult> ShiftAsync(Guid key, int direction, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var node = await db.ContentNodes.FindAsync([key], ct);
        if (node is null) return ContentResult.NotFound();
        var siblings = await db.ContentNodes.Where(n => n.ParentKey == node.ParentKey && !n.Trashed).OrderBy(n => n.SortOrder).ToListAsync(ct);
        var index = siblings.FindIndex(n => n.Key == key);
        var other = index + Math.Sign(direction);
        if (other < 0 || other >= siblings.Count) return ContentResult.Ok(node);
        // Renumber first, so equal sort orders from an import cannot make the swap a no-op.
        for (var i = 0; i < siblings.Count; i++) siblings[i].SortOrder = i;
        (siblings[index].SortOrder, siblings[other].SortOrder) = (siblings[other].SortOrder, siblings[index].SortOrder);
        await db.SaveChangesAsync(ct);
        await cache.ChangedAsync(ct);
        return ContentResult.Ok(node);
    }

    /// <summary>Plans a publication and/or an unpublication; null clears that half of the plan.</summary>
    public async Task<ContentResult> ScheduleAsync(Guid key, DateTime? publishAtUtc, DateTime? unpublishAtUtc, CancellationToken ct = default)
    {
        if (publishAtUtc is { } p && unpublishAtUtc is { } u && u <= p)
            return ContentResult.Invalid(new ContentValidationError("unpublishAt", "Depubliceren moet later zijn dan publiceren."));
        await using var db = database.Open();
        var node = await db.ContentNodes.FindAsync([key], ct);
        if (node is null) return ContentResult.NotFound();
        node.PublishAtUtc = publishAtUtc;
        // Planning approves the version as it is now; a draft saved later waits for its own approval.
        node.ScheduledVersionId = publishAtUtc is null ? null : node.LatestVersionId;
        node.UnpublishAtUtc = unpublishAtUtc;
        await db.SaveChangesAsync(ct);
        return ContentResult.Ok(node);
    }

    /// <summary>
    /// Carries out every plan that is due: publishes, then unpublishes. Run every half minute by the site; running it
    /// twice, or on two nodes at once, changes nothing more.
    /// </summary>
    public async Task<int> RunScheduleAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<ContentNode> toPublish, toUnpublish;
        await using (var db = database.Open())
        {
            toPublish = await db.ContentNodes.AsNoTracking().Where(n => n.PublishAtUtc != null && n.PublishAtUtc <= now && !n.Trashed).ToListAsync(ct);
            toUnpublish = await db.ContentNodes.AsNoTracking().Where(n => n.UnpublishAtUtc != null && n.UnpublishAtUtc <= now).ToListAsync(ct);
        }
        foreach (var node in toPublish)
        {
            await PublishAsync(node.Key, node.ScheduledVersionId, ct);
            await using var db = database.Open();
            await db.ContentNodes.Where(n => n.Key == node.Key).ExecuteUpdateAsync(s => s
                .SetProperty(n => n.PublishAtUtc, (DateTime?)null).SetProperty(n => n.ScheduledVersionId, (long?)null), ct);
        }
        foreach (var node in toUnpublish)
        {
            await UnpublishAsync(node.Key, ct);
            await using var db = database.Open();
            await db.ContentNodes.Where(n => n.Key == node.Key).ExecuteUpdateAsync(s => s.SetProperty(n => n.UnpublishAtUtc, (DateTime?)null), ct);
        }
        return toPublish.Count + toUnpublish.Count;
    }

    /// <summary>A writer's "ready": the newest version waits for an editor to publish it.</summary>
    public async Task<ContentResult> SendForPublishingAsync(Guid key, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var node = await db.ContentNodes.FindAsync([key], ct);
        if (node is null) return ContentResult.NotFound();
        node.AwaitingPublication = true;
        await db.SaveChangesAsync(ct);
        return ContentResult.Ok(node);
    }

    /// <summary>Every saved version of a page, newest first.</summary>
    public async Task<IReadOnlyList<ContentVersion>> VersionsAsync(Guid key, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.ContentVersions.AsNoTracking().Where(v => v.NodeKey == key).OrderByDescending(v => v.Id).ToListAsync(ct);
    }

    /// <summary>
    /// Restores an older version by saving its name and values as the newest version: history only grows, so the
    /// rollback itself can be rolled back.
    /// </summary>
    public async Task<ContentResult> RollbackAsync(Guid key, long versionId, string user, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var node = await db.ContentNodes.FindAsync([key], ct);
        var version = await db.ContentVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == versionId && v.NodeKey == key, ct);
        if (node is null || version is null) return ContentResult.NotFound();
        var now = clock.GetUtcNow().UtcDateTime;
        node.Name = version.Name;
        node.UpdateDate = now;
        await AddVersionAsync(db, node, version.Name, version.Values, user, now, ct);
        return ContentResult.Ok(node);
    }

    /// <summary>
    /// Moves a page and everything below it to the recycle bin: off the site at once, nothing deleted, restorable.
    /// The home page stays: without it there is no site.
    /// </summary>
    public async Task<ContentResult> TrashAsync(Guid key, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var node = await db.ContentNodes.FindAsync([key], ct);
        if (node is null) return ContentResult.NotFound();
        if (node.ParentKey is null) return ContentResult.Invalid(new ContentValidationError("", "De startpagina kan niet naar de prullenbak."));
        node.Trashed = true;
        node.UpdateDate = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        await cache.ChangedAsync(ct);
        return ContentResult.Ok(node);
    }

    /// <summary>Takes a page out of the recycle bin; it is live again if it was published.</summary>
    public async Task<ContentResult> RestoreAsync(Guid key, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var node = await db.ContentNodes.FindAsync([key], ct);
        if (node is null || !node.Trashed) return ContentResult.NotFound();
        node.Trashed = false;
        node.UpdateDate = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        await cache.ChangedAsync(ct);
        return ContentResult.Ok(node);
    }

    public async Task<IReadOnlyList<ContentNode>> TrashedAsync(CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.ContentNodes.AsNoTracking().Where(n => n.Trashed).OrderByDescending(n => n.UpdateDate).ToListAsync(ct);
    }

    /// <summary>The whole tree as the back office shows it: every node that is not in the recycle bin.</summary>
    public async Task<IReadOnlyList<ContentNode>> TreeAsync(CancellationToken ct = default)
    {
        await using var db = database.Open();
        var nodes = await db.ContentNodes.AsNoTracking().OrderBy(n => n.Level).ThenBy(n => n.SortOrder).ToListAsync(ct);
        // A page under a trashed page is in the bin with it.
        var trashed = nodes.Where(n => n.Trashed).Select(n => n.Key).ToHashSet();
        foreach (var n in nodes.Where(n => n.ParentKey is { } p && trashed.Contains(p))) trashed.Add(n.Key);
        return nodes.Where(n => !trashed.Contains(n.Key)).ToList();
    }

    public async Task<ContentNode?> NodeAsync(Guid key, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.ContentNodes.AsNoTracking().FirstOrDefaultAsync(n => n.Key == key, ct);
    }

    public async Task<ContentResult> UnpublishAsync(Guid key, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var node = await db.ContentNodes.FindAsync([key], ct);
        if (node is null) return ContentResult.NotFound();
        node.PublishedVersionId = null;
        node.UpdateDate = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        await cache.ChangedAsync(ct);
        return ContentResult.Ok(node);
    }

    public async Task<ContentVersion?> GetLatestVersionAsync(Guid key, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var node = await db.ContentNodes.AsNoTracking().FirstOrDefaultAsync(n => n.Key == key, ct);
        return node?.LatestVersionId is { } id ? await db.ContentVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, ct) : null;
    }

    /// <summary>Checks a page against its document type: a name, mandatory values, and each property's own regex.</summary>
    public static IReadOnlyList<ContentValidationError> Validate(DocumentType type, IReadOnlyDictionary<string, DocumentType> types,
        string name, IReadOnlyList<ContentPropertyValue> values)
    {
        var errors = new List<ContentValidationError>();
        if (string.IsNullOrWhiteSpace(name)) errors.Add(new ContentValidationError("name", "Geef de pagina een naam."));
        foreach (var property in type.AllProperties(types))
        {
            var value = values.FirstOrDefault(v => v.Alias == property.Alias)?.Value ?? "";
            if (property.Mandatory && string.IsNullOrWhiteSpace(value))
            {
                errors.Add(new ContentValidationError(property.Alias, property.MandatoryMessage is { Length: > 0 } m
                    ? m : $"'{property.Name}' is verplicht."));
            }
            else if (value.Length > 0 && property.ValidationRegex.Length > 0 && !Matches(property.ValidationRegex, value))
            {
                errors.Add(new ContentValidationError(property.Alias, property.ValidationRegexMessage is { Length: > 0 } m
                    ? m : $"'{property.Name}' heeft niet de juiste vorm."));
            }
        }
        return errors;
    }

    private static bool Matches(string pattern, string value)
    {
        try
        {
            return Regex.IsMatch(value, pattern, RegexOptions.None, RegexTimeout);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            // A broken pattern in the schema must not block editors; the schema screen reports it.
            return true;
        }
    }

    private static async Task AddVersionAsync(SiteDbContext db, ContentNode node, string name,
        IReadOnlyList<ContentPropertyValue> values, string user, DateTime now, CancellationToken ct)
    {
        var version = new ContentVersion
        {
            NodeKey = node.Key, Name = name, CreatedUtc = now, CreatedBy = user, Values = [.. values],
        };
        db.ContentVersions.Add(version);
        await db.SaveChangesAsync(ct);
        node.LatestVersionId = version.Id;
        await db.SaveChangesAsync(ct);
    }
}

public sealed record ContentValidationError(string Alias, string Message);

public sealed record ContentResult(ContentResultStatus Status, ContentNode? Node, IReadOnlyList<ContentValidationError> Errors)
{
    public bool Succeeded => Status == ContentResultStatus.Ok;
    public static ContentResult Ok(ContentNode node) => new(ContentResultStatus.Ok, node, []);
    public static ContentResult NotFound() => new(ContentResultStatus.NotFound, null, []);
    public static ContentResult Invalid(params ContentValidationError[] errors) => new(ContentResultStatus.Invalid, null, errors);
}

public enum ContentResultStatus
{
    Ok,
    NotFound,
    Invalid,
}
