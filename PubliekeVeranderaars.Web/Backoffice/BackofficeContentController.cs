using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Forms;
using PubliekeVeranderaars.Core.Storage;
using PubliekeVeranderaars.Core.Sync;

namespace PubliekeVeranderaars.Web.Backoffice;

/// <summary>The content tree and the page editor: save a draft, send for publishing, publish, unpublish, roll back.</summary>
[Authorize(Policy = BackofficePolicies.Content)]
[AutoValidateAntiforgeryToken]
[Route("backoffice/inhoud")]
public sealed class BackofficeContentController(ContentService content, SiteDatabase database, FormDefinitionStore forms,
    PublishedContentCache cache, RichTextSanitizer sanitizer, AuditLog audit, USyncExportService usync, Infrastructure.SiteOptions site) : Controller
{
    public const string PropertyPrefix = "p:";
    private const string EditorView = "~/Views/Backoffice/ContentEditor.cshtml";

    [HttpGet("")]
    public async Task<IActionResult> Tree(CancellationToken cancellationToken) =>
        View("~/Views/Backoffice/ContentTree.cshtml", await content.TreeAsync(cancellationToken));

    [HttpGet("{key:guid}")]
    public async Task<IActionResult> Edit(Guid key, CancellationToken cancellationToken)
    {
        var model = await EditorModelAsync(key, null, null, cancellationToken);
        return model is null ? NotFound() : View(EditorView, model);
    }

    [HttpPost("{key:guid}")]
    public Task<IActionResult> Save(Guid key, CancellationToken cancellationToken) =>
        SaveThenAsync(key, "Opgeslagen als concept.", AuditActions.Save, null, cancellationToken);

    [HttpPost("{key:guid}/ter-publicatie")]
    public Task<IActionResult> SendForPublishing(Guid key, CancellationToken cancellationToken) =>
        SaveThenAsync(key, "Opgeslagen en ter publicatie aangeboden.", AuditActions.SendForPublishing,
            (k, ct) => content.SendForPublishingAsync(k, ct), cancellationToken);

    [Authorize(Policy = BackofficePolicies.Publish)]
    [HttpPost("{key:guid}/publiceren")]
    public Task<IActionResult> Publish(Guid key, CancellationToken cancellationToken) =>
        SaveThenAsync(key, "Opgeslagen en gepubliceerd.", AuditActions.Publish, (k, ct) => content.PublishAsync(k, ct), cancellationToken);

    [Authorize(Policy = BackofficePolicies.Publish)]
    [HttpPost("{key:guid}/depubliceren")]
    public async Task<IActionResult> Unpublish(Guid key, CancellationToken cancellationToken)
    {
        var result = await content.UnpublishAsync(key, cancellationToken);
        if (!result.Succeeded) return NotFound();
        await audit.WriteAsync(UserName, AuditActions.Unpublish, Target(result.Node!));
        TempData["Melding"] = "De pagina staat niet meer op de site.";
        return RedirectToAction(nameof(Edit), new { key });
    }

    /// <summary>Creates a page of one of the types the parent allows, unpublished, and opens it in the editor.</summary>
    [HttpPost("{key:guid}/nieuw")]
    public async Task<IActionResult> Create(Guid key, [FromForm] string? type, [FromForm] string? childName, CancellationToken cancellationToken)
    {
        var model = await EditorModelAsync(key, null, null, cancellationToken);
        if (model is null) return NotFound();
        var name = (childName ?? "").Trim();
        if (type is null || model.Type?.AllowedChildren.Any(c => c.Alias == type) != true || name.Length == 0)
        {
            TempData["Melding"] = "Kies een soort pagina en geef de nieuwe pagina een naam.";
            return RedirectToAction(nameof(Edit), new { key });
        }
        // Mandatory fields are filled in the editor next; the type's validation runs on every save after this one.
        var created = await content.CreateDraftAsync(key, type, name, UserName, cancellationToken);
        if (!created.Succeeded)
        {
            TempData["Melding"] = string.Join(" ", created.Errors.Select(e => e.Message));
            return RedirectToAction(nameof(Edit), new { key });
        }
        await audit.WriteAsync(UserName, AuditActions.Save, Target(created.Node!), "nieuwe pagina");
        TempData["Melding"] = "Nieuwe pagina aangemaakt als concept. Vul de velden in en sla op.";
        return RedirectToAction(nameof(Edit), new { key = created.Node!.Key });
    }

    /// <summary>The draft in the site's own layout, with a banner; never cached, never indexed.</summary>
    [HttpGet("{key:guid}/voorbeeld")]
    public async Task<IActionResult> Preview(Guid key, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        var node = await db.ContentNodes.AsNoTracking().FirstOrDefaultAsync(n => n.Key == key, cancellationToken);
        if (node?.LatestVersionId is null) return NotFound();
        var version = await db.ContentVersions.AsNoTracking().FirstAsync(v => v.Id == node.LatestVersionId, cancellationToken);
        var types = await db.DocumentTypes.AsNoTracking().ToDictionaryAsync(t => t.Alias, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var snapshot = cache.Current;
        var parent = node.ParentKey is { } parentKey ? snapshot.ByKey(parentKey) : null;
        var route = snapshot.ByKey(key)?.Route ?? (parent?.Route ?? "/") + UrlSegments.FromName(version.Name) + "/";
        var draft = PublishedSnapshot.Preview(new PublishedSource(node, version), route, types, sanitizer);
        Response.Headers["X-Robots-Tag"] = "noindex";
        Response.Headers.CacheControl = "no-store";
        ViewData[PreviewFlag] = true;
        return View($"~/Views/Content/{node.ContentTypeAlias}.cshtml", new Content.ContentPageModel(draft, snapshot));
    }

    public const string PreviewFlag = "Preview";

    /// <summary>Plans publishing and unpublishing; times are entered in Dutch time and stored in UTC.</summary>
    [Authorize(Policy = BackofficePolicies.Publish)]
    [HttpPost("{key:guid}/planning")]
    public async Task<IActionResult> Schedule(Guid key, [FromForm] string? publishAt, [FromForm] string? unpublishAt, CancellationToken cancellationToken)
    {
        var result = await content.ScheduleAsync(key, BackofficeEditorModel.ToUtc(publishAt), BackofficeEditorModel.ToUtc(unpublishAt), cancellationToken);
        if (result.Status == ContentResultStatus.NotFound) return NotFound();
        TempData["Melding"] = result.Succeeded ? "De planning is opgeslagen." : result.Errors[0].Message;
        if (result.Succeeded)
            await audit.WriteAsync(UserName, AuditActions.Publish, Target(result.Node!), $"gepland: publiceren {publishAt ?? "-"}, depubliceren {unpublishAt ?? "-"}");
        return RedirectToAction(nameof(Edit), new { key });
    }

    [Authorize(Policy = BackofficePolicies.Publish)]
    [HttpPost("{key:guid}/verplaatsen")]
    public async Task<IActionResult> Move(Guid key, [FromForm] Guid parent, CancellationToken cancellationToken)
    {
        var result = await content.MoveAsync(key, parent, cancellationToken);
        if (result.Status == ContentResultStatus.NotFound) return NotFound();
        if (result.Succeeded) await audit.WriteAsync(UserName, AuditActions.Move, Target(result.Node!), $"naar {parent}");
        TempData["Melding"] = result.Succeeded ? "De pagina is verplaatst. Het oude adres blijft werken." : result.Errors[0].Message;
        return RedirectToAction(nameof(Edit), new { key });
    }

    [Authorize(Policy = BackofficePolicies.Publish)]
    [HttpPost("{key:guid}/sorteren")]
    public async Task<IActionResult> Shift(Guid key, [FromForm] int direction, CancellationToken cancellationToken)
    {
        var result = await content.ShiftAsync(key, direction, cancellationToken);
        if (!result.Succeeded) return NotFound();
        await audit.WriteAsync(UserName, AuditActions.Sort, Target(result.Node!), direction < 0 ? "eerder" : "later");
        TempData["Melding"] = direction < 0 ? "De pagina staat nu eerder." : "De pagina staat nu later.";
        return RedirectToAction(nameof(Edit), new { key });
    }

    [HttpGet("{key:guid}/vergelijk/{versionId:long}")]
    public async Task<IActionResult> Compare(Guid key, long versionId, CancellationToken cancellationToken)
    {
        var model = await EditorModelAsync(key, null, null, cancellationToken);
        var older = model?.Versions.FirstOrDefault(v => v.Id == versionId);
        if (model is null || older is null) return NotFound();
        return View("~/Views/Backoffice/ContentCompare.cshtml", new BackofficeCompareModel(model, older));
    }

    [Authorize(Policy = BackofficePolicies.Publish)]
    [HttpPost("{key:guid}/prullenbak")]
    public async Task<IActionResult> Trash(Guid key, CancellationToken cancellationToken)
    {
        var result = await content.TrashAsync(key, cancellationToken);
        if (result.Status == ContentResultStatus.NotFound) return NotFound();
        if (!result.Succeeded)
        {
            TempData["Melding"] = result.Errors[0].Message;
            return RedirectToAction(nameof(Edit), new { key });
        }
        await audit.WriteAsync(UserName, AuditActions.Delete, Target(result.Node!), "naar de prullenbak");
        TempData["Melding"] = $"'{result.Node!.Name}' staat in de prullenbak en is niet meer op de site.";
        return RedirectToAction(nameof(Bin));
    }

    [HttpGet("prullenbak")]
    public async Task<IActionResult> Bin(CancellationToken cancellationToken) =>
        View("~/Views/Backoffice/ContentBin.cshtml", (await content.TrashedAsync(cancellationToken), TempData["Melding"] as string));

    [Authorize(Policy = BackofficePolicies.Publish)]
    [HttpPost("{key:guid}/terugzetten-uit-prullenbak")]
    public async Task<IActionResult> RestoreFromBin(Guid key, CancellationToken cancellationToken)
    {
        var result = await content.RestoreAsync(key, cancellationToken);
        if (!result.Succeeded) return NotFound();
        await audit.WriteAsync(UserName, AuditActions.Restore, Target(result.Node!), "uit de prullenbak");
        TempData["Melding"] = $"'{result.Node!.Name}' is teruggezet.";
        return RedirectToAction(nameof(Edit), new { key });
    }

    [Authorize(Policy = BackofficePolicies.Publish)]
    [HttpPost("{key:guid}/terugzetten")]
    public async Task<IActionResult> Rollback(Guid key, [FromForm] long versionId, CancellationToken cancellationToken)
    {
        var result = await content.RollbackAsync(key, versionId, UserName, cancellationToken);
        if (!result.Succeeded) return NotFound();
        await audit.WriteAsync(UserName, AuditActions.Rollback, Target(result.Node!), $"versie {versionId}");
        TempData["Melding"] = "De oudere versie is teruggezet als concept. Publiceer om hem op de site te zetten.";
        return RedirectToAction(nameof(Edit), new { key });
    }

    private async Task<IActionResult> SaveThenAsync(Guid key, string done, string action,
        Func<Guid, CancellationToken, Task<Core.Content.ContentResult>>? then, CancellationToken cancellationToken)
    {
        var model = await EditorModelAsync(key, null, null, cancellationToken);
        if (model is null) return NotFound();
        var name = (Request.Form["name"].ToString() ?? "").Trim();
        var values = ReadValues(model);
        var saved = await content.SaveAsync(key, name, values, UserName, cancellationToken);
        if (!saved.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(EditorView, await EditorModelAsync(key, (name, values), saved.Errors, cancellationToken));
        }
        await audit.WriteAsync(UserName, AuditActions.Save, Target(saved.Node!));
        if (then is not null)
        {
            await then(key, cancellationToken);
            await audit.WriteAsync(UserName, action, Target(saved.Node!));
        }
        // With export on save the uSync folder follows every change, ready for version control.
        if (site.ExportOnSave) await usync.ExportAsync(site.USyncFolder, cancellationToken);
        TempData["Melding"] = done;
        return RedirectToAction(nameof(Edit), new { key });
    }

    /// <summary>
    /// Reads each property of the document type from the post, in the shape Umbraco stores it. Values of properties
    /// the type does not know (imported from elsewhere) are carried over unchanged: an editor's save never drops them.
    /// </summary>
    private List<ContentPropertyValue> ReadValues(BackofficeEditorModel model)
    {
        var known = model.Properties.Select(p => p.Alias).ToHashSet(StringComparer.Ordinal);
        var values = model.Version.Values.Where(v => !known.Contains(v.Alias)).ToList();
        foreach (var property in model.Properties)
        {
            var posted = Request.Form[PropertyPrefix + property.Alias];
            var value = property.EditorAlias switch
            {
                EditorAliases.TrueFalse => posted.Count > 0 ? "1" : "0",
                EditorAliases.MultipleTextstring => JsonSerializer.Serialize(
                    (posted.ToString() ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)),
                var editor when EditorAliases.IsRichText(editor) => sanitizer.SanitizeStored(posted.ToString() ?? ""),
                _ => (posted.ToString() ?? "").Trim(),
            };
            values.Add(new ContentPropertyValue(property.Alias, null, value));
        }
        return values;
    }

    private async Task<BackofficeEditorModel?> EditorModelAsync(Guid key, (string Name, List<ContentPropertyValue> Values)? posted,
        IReadOnlyList<ContentValidationError>? errors, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        var node = await db.ContentNodes.AsNoTracking().FirstOrDefaultAsync(n => n.Key == key, cancellationToken);
        if (node?.LatestVersionId is null) return null;
        var types = await db.DocumentTypes.AsNoTracking().ToDictionaryAsync(t => t.Alias, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var dataTypes = await db.DataTypes.AsNoTracking().ToDictionaryAsync(d => d.Key, cancellationToken);
        var version = await db.ContentVersions.AsNoTracking().FirstAsync(v => v.Id == node.LatestVersionId, cancellationToken);
        if (posted is { } p) version = new ContentVersion { Id = version.Id, NodeKey = key, Name = p.Name, Values = p.Values, CreatedUtc = version.CreatedUtc };
        var type = types.GetValueOrDefault(node.ContentTypeAlias);
        var nodes = await db.ContentNodes.AsNoTracking().Where(n => !n.Trashed).OrderBy(n => n.Level).ThenBy(n => n.SortOrder).ToListAsync(cancellationToken);
        var childTypes = type?.AllowedChildren.Select(c => types.GetValueOrDefault(c.Alias)).OfType<DocumentType>().ToList() ?? [];
        // Where the page may go: pages whose type allows it, not the page itself nor anything below it.
        var below = new HashSet<Guid> { key };
        foreach (var n in nodes.OrderBy(n => n.Level)) if (n.ParentKey is { } pk && below.Contains(pk)) below.Add(n.Key);
        var moveTargets = nodes.Where(n => !below.Contains(n.Key) && n.Key != node.ParentKey
            && types.GetValueOrDefault(n.ContentTypeAlias)?.AllowedChildren.Any(c => string.Equals(c.Alias, node.ContentTypeAlias, StringComparison.OrdinalIgnoreCase)) == true).ToList();
        return new BackofficeEditorModel
        {
            ChildTypes = childTypes,
            MoveTargets = moveTargets,
            Node = node,
            Type = type,
            Version = version,
            Properties = type?.AllProperties(types) ?? [],
            DataTypes = dataTypes,
            Tabs = type is null ? [] : [.. type.Tabs, .. type.Compositions.SelectMany(c => types.GetValueOrDefault(c.Alias)?.Tabs ?? [])],
            Nodes = nodes,
            Forms = forms.All.OrderBy(f => f.Name).ToList(),
            Versions = await content.VersionsAsync(key, cancellationToken),
            Errors = errors ?? [],
            PublishedRoute = cache.Current.ByKey(key)?.Route,
            CanPublish = BackofficeRoles.MayPublish(User),
            Message = TempData["Melding"] as string,
        };
    }

    private string UserName => User.Identity?.Name ?? "";
    private static string Target(ContentNode node) => $"{node.Name} ({node.Key})";
}

public sealed record BackofficeCompareModel(BackofficeEditorModel Current, ContentVersion Older)
{
    public string OlderValue(string alias) => Older.Values.FirstOrDefault(v => v.Alias == alias && v.Culture is null)?.Value ?? "";
}

public sealed class BackofficeEditorModel
{
    public required ContentNode Node { get; init; }
    public required DocumentType? Type { get; init; }
    public required ContentVersion Version { get; init; }
    public required IReadOnlyList<DocumentTypeProperty> Properties { get; init; }
    public required IReadOnlyDictionary<Guid, DataType> DataTypes { get; init; }
    public required IReadOnlyList<DocumentTypeTab> Tabs { get; init; }
    public required IReadOnlyList<ContentNode> Nodes { get; init; }
    public required IReadOnlyList<FormDefinition> Forms { get; init; }
    public required IReadOnlyList<DocumentType> ChildTypes { get; init; }
    public required IReadOnlyList<ContentNode> MoveTargets { get; init; }
    public required IReadOnlyList<ContentVersion> Versions { get; init; }
    public required IReadOnlyList<ContentValidationError> Errors { get; init; }
    public string? PublishedRoute { get; init; }
    public bool CanPublish { get; init; }
    public string? Message { get; init; }

    public string Value(string alias) => Version.Values.FirstOrDefault(v => v.Alias == alias && v.Culture is null)?.Value ?? "";
    public string? Error(string alias) => Errors.FirstOrDefault(e => e.Alias == alias)?.Message;

    /// <summary>A dropdown's choices, from its data type's configuration (Umbraco's "items").</summary>
    public IReadOnlyList<string> Choices(DocumentTypeProperty property)
    {
        if (!DataTypes.TryGetValue(property.DataTypeKey, out var dataType)) return [];
        try
        {
            using var config = JsonDocument.Parse(dataType.ConfigJson);
            return config.RootElement.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array
                ? items.EnumerateArray().Select(i => i.ValueKind == JsonValueKind.String ? i.GetString()! : i.TryGetProperty("value", out var v) ? v.GetString() ?? "" : "").ToList()
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>A multiple-text-strings value, one string per line for the editor.</summary>
    public string Lines(string alias)
    {
        var raw = Value(alias);
        if (!raw.TrimStart().StartsWith('[')) return raw;
        try
        {
            return string.Join('\n', JsonSerializer.Deserialize<List<string>>(raw) ?? []);
        }
        catch (JsonException)
        {
            return raw;
        }
    }

    /// <summary>The value of a datetime-local input, in Dutch time.</summary>
    public static string Local(DateTime? utc) =>
        utc is { } value ? TimeZoneInfo.ConvertTimeFromUtc(value, Amsterdam).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture) : "";

    public static DateTime? ToUtc(string? local) =>
        DateTime.TryParseExact(local, "yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(value, DateTimeKind.Unspecified), Amsterdam)
            : null;

    public static string When(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, Amsterdam).ToString("d MMMM yyyy HH:mm", CultureInfo.GetCultureInfo("nl-NL"));

    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
}
