using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Content;

/// <summary>
/// Drafts: creating pages, saving versions, rolling back. Nothing here changes what visitors see; every save adds a
/// version, so nothing an editor wrote is ever lost. Each operation is one unit of the write path.
/// </summary>
public sealed class ContentEditingService(SiteWriter writer)
{
    /// <summary>A page with its values, validated against its type (imports, tests, tools).</summary>
    public Task<ContentOperationResult> CreateAsync(Guid? parentKey, string contentTypeAlias, string name, IReadOnlyList<ContentPropertyValue> values,
        Actor actor, CancellationToken ct = default) =>
        writer.WriteAsync(actor, async write =>
        {
            var types = await TypesAsync(write.Db, ct);
            if (!types.TryGetValue(contentTypeAlias, out var type))
                return Refuse(write, new ContentValidationError("", $"Onbekend documenttype '{contentTypeAlias}'."));
            ContentNode? parent = null;
            if (parentKey is { } pk && (parent = await write.Db.ContentNodes.FindAsync([pk], ct)) is null)
                return Refuse(write, new ContentValidationError("", "De bovenliggende pagina bestaat niet."));
            if (ContentStructure.WhyNot(parent, type, types) is { } whyNot) return Refuse(write, new ContentValidationError("", whyNot));
            var errors = Validate(type, types, name, values);
            if (errors.Count > 0) return Refuse(write, [.. errors]);
            return await AddAsync(write, parent, type, name, values, ct);
        }, ct);

    /// <summary>
    /// A new, empty, unpublished page of a type the parent allows: the editor fills it in next. The type's mandatory
    /// fields are checked on its first save and on publishing, not here, where nothing is filled in yet.
    /// </summary>
    /// <param name="values">What the page starts with (a blueprint's values); nothing for an empty page.</param>
    public Task<ContentOperationResult> CreateDraftAsync(Guid parentKey, string contentTypeAlias, string name, Actor actor, CancellationToken ct = default,
        IReadOnlyList<ContentPropertyValue>? values = null) =>
        writer.WriteAsync(actor, async write =>
        {
            var parent = await write.Db.ContentNodes.FindAsync([parentKey], ct);
            if (parent is null) return Refuse(write, ContentOperationResult.NotFound());
            var types = await TypesAsync(write.Db, ct);
            if (!types.TryGetValue(contentTypeAlias, out var type) || ContentStructure.WhyNot(parent, type, types) is not null)
                return Refuse(write, new ContentValidationError("", "Dit soort pagina mag hier niet staan."));
            if (string.IsNullOrWhiteSpace(name)) return Refuse(write, new ContentValidationError("name", "Geef de pagina een naam."));
            return await AddAsync(write, parent, type, name.Trim(), values ?? [], ct);
        }, ct);

    /// <summary>Saves a draft: a new version, while the published version stays live.</summary>
    /// <param name="basedOn">The version the editor's screen showed; when someone saved since, the two are merged (<see cref="ContentMerge"/>).</param>
    /// <param name="cultureNames">The names per language, when the editor changed one (a multilingual page edited in another language).</param>
    public Task<ContentOperationResult> SaveAsync(Guid key, string name, IReadOnlyList<ContentPropertyValue> values, Actor actor, long? basedOn = null,
        CancellationToken ct = default, IReadOnlyList<ContentCultureName>? cultureNames = null) =>
        writer.WriteAsync(actor, write => SaveAsync(write, key, name, values, basedOn, ct, cultureNames), ct);

    /// <summary>
    /// Restores an older version by saving its name and values as the newest version: history only grows, so the
    /// rollback itself can be rolled back.
    /// </summary>
    public Task<ContentOperationResult> RollbackAsync(Guid key, long versionId, Actor actor, CancellationToken ct = default) =>
        writer.WriteAsync(actor, async write =>
        {
            var node = await write.Db.ContentNodes.FindAsync([key], ct);
            var version = await write.Db.ContentVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == versionId && v.NodeKey == key, ct);
            if (node is null || version is null) return Refuse(write, ContentOperationResult.NotFound());
            if (await write.AskAsync(new ContentChangingNotification(ContentOperation.Rollback, key, write.Actor), ct) is { } refused)
                return Refuse(write, new ContentValidationError("", refused));
            node.Name = version.Name;
            node.UpdateDate = write.Now;
            await AddVersionAsync(write, node, version.Name, version.Values, ct, restoredFrom: version);
            write.Audit(AuditActions.Rollback, node.AuditTarget, $"versie {versionId}");
            write.Raise(new ContentChangedNotification(ContentOperation.Rollback, PublishedTreeChanged: false));
            return ContentOperationResult.Ok(node);
        }, ct);

    /// <summary>A save inside a larger operation (save and publish, save and send for publishing).</summary>
    internal static async Task<ContentOperationResult> SaveAsync(SiteWrite write, Guid key, string name, IReadOnlyList<ContentPropertyValue> values,
        long? basedOn, CancellationToken ct, IReadOnlyList<ContentCultureName>? cultureNames = null)
    {
        var node = await write.Db.ContentNodes.FindAsync([key], ct);
        if (node is null) return Refuse(write, ContentOperationResult.NotFound());
        // Someone saved since this editor's screen was opened: what only one of them changed is kept from each; a
        // field both changed is refused, so nobody's work disappears without a word. Checked inside the write, so
        // two saves at the same moment cannot both pass.
        if (basedOn is { } basisId && node.LatestVersionId is { } latestId && latestId != basisId
            && await write.Db.ContentVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == basisId && v.NodeKey == key, ct) is { } basis)
        {
            var latest = await write.Db.ContentVersions.AsNoTracking().FirstAsync(v => v.Id == latestId, ct);
            var merged = ContentMerge.ThreeWay(basis, name, values, latest);
            if (merged.Conflicts.Count > 0) return Refuse(write, ContentOperationResult.Conflict(latest, merged));
            (name, values) = (merged.Name, merged.Values);
        }
        var types = await TypesAsync(write.Db, ct);
        if (types.TryGetValue(node.ContentTypeAlias, out var type))
        {
            var errors = Validate(type, types, name, values).ToList();
            errors.AddRange(await UnknownChoicesAsync(write.Db, type.AllProperties(types), values, node.LatestVersionId, ct));
            if (errors.Count > 0) return Refuse(write, [.. errors]);
        }
        if (await write.AskAsync(new ContentChangingNotification(ContentOperation.Save, key, write.Actor), ct) is { } refused)
            return Refuse(write, new ContentValidationError("", refused));
        node.Name = name;
        node.UpdateDate = write.Now;
        await AddVersionAsync(write, node, name, values, ct, cultureNames: cultureNames);
        write.Audit(AuditActions.Save, node.AuditTarget);
        write.Raise(new ContentChangedNotification(ContentOperation.Save, PublishedTreeChanged: false));
        return ContentOperationResult.Ok(node);
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

    /// <summary>
    /// A dropdown holds one of its data type's choices, or a value it already held (a choice since removed, an import):
    /// nothing else can be typed into it, so a post that does is refused.
    /// </summary>
    private static async Task<List<ContentValidationError>> UnknownChoicesAsync(SiteDbContext db, IEnumerable<DocumentTypeProperty> properties,
        IReadOnlyList<ContentPropertyValue> values, long? latestVersionId, CancellationToken ct)
    {
        var dropdowns = properties.Where(p => p.EditorAlias == EditorAliases.DropDownFlexible).ToList();
        if (dropdowns.Count == 0) return [];
        var dataTypeKeys = dropdowns.Select(p => p.DataTypeKey).ToList();
        var dataTypes = await db.DataTypes.AsNoTracking().Where(d => dataTypeKeys.Contains(d.Key)).ToDictionaryAsync(d => d.Key, ct);
        var held = latestVersionId is { } id ? (await db.ContentVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, ct))?.Values ?? [] : [];
        var errors = new List<ContentValidationError>();
        foreach (var property in dropdowns)
        {
            var allowed = PropertyEditorValues.Choices(dataTypes.GetValueOrDefault(property.DataTypeKey))
                .Concat(PropertyEditorValues.Selected(held.FirstOrDefault(v => v.Alias == property.Alias && v.Culture is null)?.Value ?? ""))
                .ToHashSet(StringComparer.Ordinal);
            var chosen = PropertyEditorValues.Selected(values.FirstOrDefault(v => v.Alias == property.Alias && v.Culture is null)?.Value ?? "");
            if (chosen.Any(c => !allowed.Contains(c)))
                errors.Add(new ContentValidationError(property.Alias, $"'{property.Name}': kies een van de mogelijkheden."));
        }
        return errors;
    }

    internal static async Task<Dictionary<string, DocumentType>> TypesAsync(SiteDbContext db, CancellationToken ct) =>
        await db.DocumentTypes.AsNoTracking().ToDictionaryAsync(t => t.Alias, StringComparer.OrdinalIgnoreCase, ct);

    /// <summary>Nothing of the operation is written; the caller learns why.</summary>
    internal static ContentOperationResult Refuse(SiteWrite write, params ContentValidationError[] errors) =>
        Refuse(write, ContentOperationResult.Invalid(errors));

    internal static ContentOperationResult Refuse(SiteWrite write, ContentOperationResult result)
    {
        write.Abandon();
        return result;
    }

    private static async Task<ContentOperationResult> AddAsync(SiteWrite write, ContentNode? parent, DocumentType type, string name,
        IReadOnlyList<ContentPropertyValue> values, CancellationToken ct)
    {
        var parentKey = parent?.Key;
        var siblings = await write.Db.ContentNodes.Where(n => n.ParentKey == parentKey).Select(n => (int?)n.SortOrder).MaxAsync(ct);
        var node = new ContentNode
        {
            Key = Guid.NewGuid(), ParentKey = parentKey, ContentTypeAlias = type.Alias, Level = (parent?.Level ?? 0) + 1,
            SortOrder = (siblings ?? -1) + 1, Name = name, UrlSegment = UrlSegments.For(name, values),
            CreateDate = write.Now, UpdateDate = write.Now,
        };
        write.Db.ContentNodes.Add(node);
        await AddVersionAsync(write, node, name, values, ct);
        write.Audit(AuditActions.Create, node.AuditTarget, type.Name);
        write.Raise(new ContentChangedNotification(ContentOperation.Create, PublishedTreeChanged: false));
        return ContentOperationResult.Ok(node);
    }

    /// <summary>The version needs its id before the node can point at it; both saves are in the operation's transaction.</summary>
    /// <param name="restoredFrom">The older version a rollback restores, names per language and all.</param>
    /// <remarks>
    /// The names per language of a multilingual page travel from version to version: the editor shows one name, and a
    /// save must not drop the others.
    /// </remarks>
    private static async Task AddVersionAsync(SiteWrite write, ContentNode node, string name, IReadOnlyList<ContentPropertyValue> values,
        CancellationToken ct, ContentVersion? restoredFrom = null, IReadOnlyList<ContentCultureName>? cultureNames = null)
    {
        var previous = node.LatestVersionId is { } latest && restoredFrom is null && cultureNames is null
            ? await write.Db.ContentVersions.AsNoTracking().Where(v => v.Id == latest).Select(v => new { v.Name, v.CultureNames }).FirstOrDefaultAsync(ct)
            : null;
        cultureNames ??= restoredFrom?.CultureNames
            ?? (previous is null ? null : ContentVariants.Renamed(previous.CultureNames, previous.Name, name))
            ?? [];
        var version = new ContentVersion
        {
            NodeKey = node.Key, Name = name, CreatedUtc = write.Now, CreatedBy = write.Actor.Name, Values = [.. values],
            CultureNames = [.. cultureNames], RestoredFromId = restoredFrom?.Id,
        };
        write.Db.ContentVersions.Add(version);
        await write.Db.SaveChangesAsync(ct);
        node.LatestVersionId = version.Id;
    }

    private static bool Matches(string pattern, string value)
    {
        try
        {
            // A regex from a document type must not hang a save on a hostile or careless pattern.
            return ValidationPattern.IsMatch(value, pattern);
        }
        catch (ArgumentException)
        {
            // A broken pattern in the schema must not block editors; the schema screen reports it.
            return true;
        }
    }
}

public sealed record ContentValidationError(string Alias, string Message);

public sealed record ContentOperationResult(ContentOperationStatus Status, ContentNode? Node, IReadOnlyList<ContentValidationError> Errors)
{
    /// <summary>On a conflict: the version saved since, and the merge with the fields both changed (holding the editor's values).</summary>
    public ContentVersion? Latest { get; init; }
    public ContentMergeResult? Merge { get; init; }

    public bool Succeeded => Status == ContentOperationStatus.Ok;
    public static ContentOperationResult Conflict(ContentVersion latest, ContentMergeResult merge) =>
        new(ContentOperationStatus.Conflict, null, []) { Latest = latest, Merge = merge };
    public static ContentOperationResult Ok(ContentNode node) => new(ContentOperationStatus.Ok, node, []);
    public static ContentOperationResult NotFound() => new(ContentOperationStatus.NotFound, null, []);
    public static ContentOperationResult Invalid(params ContentValidationError[] errors) => new(ContentOperationStatus.Invalid, null, errors);
}

public enum ContentOperationStatus
{
    Ok,
    NotFound,
    Invalid,
    /// <summary>Someone else changed the same field since the editor's screen was opened.</summary>
    Conflict,
}
