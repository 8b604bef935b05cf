using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PubliekeVeranderaars.Core;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Forms;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Web.Backoffice;

/// <summary>
/// The content tree and the page editor. Binds the forms and renders the screens; every rule and every write is a
/// Core operation (<see cref="ContentEditingService"/>, <see cref="ContentPublishingService"/>, <see cref="ContentTreeService"/>).
/// </summary>
[Authorize(Policy = BackofficePolicies.Content)]
[AutoValidateAntiforgeryToken]
[Route("backoffice/inhoud")]
public sealed class BackofficeContentController(ContentQueries queries, ContentEditingService editing, ContentPublishingService publishing,
    ContentTreeService tree, FormDefinitionStore forms, RichTextSanitizer sanitizer) : Controller
{
    public const string PropertyPrefix = "p:";
    public const string PreviewFlag = "Preview";
    private const string EditorView = "~/Views/Backoffice/ContentEditor.cshtml";

    [HttpGet("")]
    public async Task<IActionResult> Tree(CancellationToken cancellationToken) =>
        View("~/Views/Backoffice/ContentTree.cshtml", await queries.TreeAsync(cancellationToken));

    [HttpGet("{key:guid}")]
    public async Task<IActionResult> Edit(Guid key, CancellationToken cancellationToken) =>
        await EditorAsync(key, null, [], cancellationToken) is { } model ? View(EditorView, model) : NotFound();

    [HttpPost("{key:guid}")]
    public Task<IActionResult> Save(Guid key, CancellationToken cancellationToken) =>
        SaveAsync(key, "Opgeslagen als concept.", (name, values) => editing.SaveAsync(key, name, values, Actor, cancellationToken), cancellationToken);

    [HttpPost("{key:guid}/ter-publicatie")]
    public Task<IActionResult> SendForPublishing(Guid key, CancellationToken cancellationToken) =>
        SaveAsync(key, "Opgeslagen en ter publicatie aangeboden.",
            (name, values) => publishing.SaveAndSendForPublishingAsync(key, name, values, Actor, cancellationToken), cancellationToken);

    [Authorize(Policy = BackofficePolicies.Publish)]
    [HttpPost("{key:guid}/publiceren")]
    public Task<IActionResult> Publish(Guid key, CancellationToken cancellationToken) =>
        SaveAsync(key, "Opgeslagen en gepubliceerd.", (name, values) => publishing.SaveAndPublishAsync(key, name, values, Actor, cancellationToken),
            cancellationToken);

    [Authorize(Policy = BackofficePolicies.Publish)]
    [HttpPost("{key:guid}/depubliceren")]
    public async Task<IActionResult> Unpublish(Guid key, CancellationToken cancellationToken) =>
        Done(key, await publishing.UnpublishAsync(key, Actor, cancellationToken), "De pagina staat niet meer op de site.");

    /// <summary>Creates a page of one of the types the parent allows, unpublished, and opens it in the editor.</summary>
    [HttpPost("{key:guid}/nieuw")]
    public async Task<IActionResult> Create(Guid key, [FromForm] string? type, [FromForm] string? childName, CancellationToken cancellationToken)
    {
        var created = await editing.CreateDraftAsync(key, type ?? "", childName ?? "", Actor, cancellationToken);
        if (created.Status == ContentOperationStatus.NotFound) return NotFound();
        if (!created.Succeeded) return Done(key, created, "");
        TempData[MessageKey] = "Nieuwe pagina aangemaakt als concept. Vul de velden in en sla op.";
        return RedirectToAction(nameof(Edit), new { key = created.Node!.Key });
    }

    /// <summary>The draft in the site's own layout, with a banner; never cached, never indexed.</summary>
    [HttpGet("{key:guid}/voorbeeld")]
    public async Task<IActionResult> Preview(Guid key, CancellationToken cancellationToken)
    {
        if (await queries.PreviewAsync(key, cancellationToken) is not { } preview) return NotFound();
        Response.Headers["X-Robots-Tag"] = "noindex";
        Response.Headers.CacheControl = "no-store";
        ViewData[PreviewFlag] = true;
        return View($"~/Views/Content/{preview.Page.ContentTypeAlias}.cshtml", new Content.ContentPageModel(preview.Page, preview.Snapshot));
    }

    /// <summary>Plans publishing and unpublishing; times are entered in Dutch time and stored in UTC.</summary>
    [Authorize(Policy = BackofficePolicies.Publish)]
    [HttpPost("{key:guid}/planning")]
    public async Task<IActionResult> Schedule(Guid key, [FromForm] string? publishAt, [FromForm] string? unpublishAt, CancellationToken cancellationToken) =>
        Done(key, await publishing.ScheduleAsync(key, DutchFormat.FromLocalInput(publishAt), DutchFormat.FromLocalInput(unpublishAt), Actor, cancellationToken),
            "De planning is opgeslagen.");

    [Authorize(Policy = BackofficePolicies.Publish)]
    [HttpPost("{key:guid}/verplaatsen")]
    public async Task<IActionResult> Move(Guid key, [FromForm] Guid parent, CancellationToken cancellationToken) =>
        Done(key, await tree.MoveAsync(key, parent, Actor, cancellationToken), "De pagina is verplaatst. Het oude adres blijft werken.");

    [Authorize(Policy = BackofficePolicies.Publish)]
    [HttpPost("{key:guid}/sorteren")]
    public async Task<IActionResult> Sort(Guid key, [FromForm] int direction, CancellationToken cancellationToken) =>
        Done(key, await tree.SortAsync(key, direction, Actor, cancellationToken), direction < 0 ? "De pagina staat nu eerder." : "De pagina staat nu later.");

    [HttpGet("{key:guid}/vergelijk/{versionId:long}")]
    public async Task<IActionResult> Compare(Guid key, long versionId, CancellationToken cancellationToken)
    {
        var model = await EditorAsync(key, null, [], cancellationToken);
        var older = model?.Versions.FirstOrDefault(v => v.Id == versionId);
        if (model is null || older is null) return NotFound();
        return View("~/Views/Backoffice/ContentCompare.cshtml", new BackofficeCompareModel(model, older));
    }

    [Authorize(Policy = BackofficePolicies.Publish)]
    [HttpPost("{key:guid}/prullenbak")]
    public async Task<IActionResult> Trash(Guid key, CancellationToken cancellationToken)
    {
        var result = await tree.TrashAsync(key, Actor, cancellationToken);
        if (!result.Succeeded) return Done(key, result, "");
        TempData[MessageKey] = $"'{result.Node!.Name}' staat in de prullenbak en is niet meer op de site.";
        return RedirectToAction(nameof(Bin));
    }

    [HttpGet("prullenbak")]
    public async Task<IActionResult> Bin(CancellationToken cancellationToken) =>
        View("~/Views/Backoffice/ContentBin.cshtml", (await queries.TrashedAsync(cancellationToken), TempData[MessageKey] as string));

    [Authorize(Policy = BackofficePolicies.Publish)]
    [HttpPost("{key:guid}/terugzetten-uit-prullenbak")]
    public async Task<IActionResult> RestoreFromBin(Guid key, CancellationToken cancellationToken)
    {
        var result = await tree.RestoreAsync(key, Actor, cancellationToken);
        return Done(key, result, result.Succeeded ? $"'{result.Node!.Name}' is teruggezet." : "");
    }

    [Authorize(Policy = BackofficePolicies.Publish)]
    [HttpPost("{key:guid}/terugzetten")]
    public async Task<IActionResult> Rollback(Guid key, [FromForm] long versionId, CancellationToken cancellationToken) =>
        Done(key, await editing.RollbackAsync(key, versionId, Actor, cancellationToken),
            "De oudere versie is teruggezet als concept. Publiceer om hem op de site te zetten.");

    private const string MessageKey = "Melding";

    private Actor Actor => Actor.User(User.Identity?.Name ?? "");

    /// <summary>Back to the editor with what happened: the message on success, the reason otherwise; 404 for an unknown page.</summary>
    private IActionResult Done(Guid key, ContentOperationResult result, string success)
    {
        if (result.Status == ContentOperationStatus.NotFound) return NotFound();
        TempData[MessageKey] = result.Succeeded ? success : string.Join(" ", result.Errors.Select(e => e.Message));
        return RedirectToAction(nameof(Edit), new { key });
    }

    /// <summary>Reads the editor's form and runs the operation; invalid input comes back in the editor with the messages.</summary>
    private async Task<IActionResult> SaveAsync(Guid key, string done, Func<string, List<ContentPropertyValue>, Task<ContentOperationResult>> operation,
        CancellationToken cancellationToken)
    {
        var data = await queries.EditorAsync(key, cancellationToken);
        if (data is null) return NotFound();
        var name = Request.Form["name"].ToString().Trim();
        var values = ReadValues(data);
        var result = await operation(name, values);
        if (result.Status == ContentOperationStatus.NotFound) return NotFound();
        if (!result.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(EditorView, await EditorAsync(key, (name, values), result.Errors, cancellationToken));
        }
        TempData[MessageKey] = done;
        return RedirectToAction(nameof(Edit), new { key });
    }

    /// <summary>
    /// Each property of the document type from the post, encoded by its editor. Values of properties the type does
    /// not know (imported from elsewhere) are carried over unchanged: an editor's save never drops them.
    /// </summary>
    private List<ContentPropertyValue> ReadValues(ContentEditorData data)
    {
        var known = data.Properties.Select(p => p.Alias).ToHashSet(StringComparer.Ordinal);
        var values = data.Version.Values.Where(v => !known.Contains(v.Alias)).ToList();
        foreach (var property in data.Properties)
        {
            var posted = Request.Form[PropertyPrefix + property.Alias].Select(v => v ?? "").ToList();
            values.Add(new ContentPropertyValue(property.Alias, null, PropertyEditorValues.FromForm(property.EditorAlias, posted, sanitizer)));
        }
        return values;
    }

    private async Task<BackofficeEditorModel?> EditorAsync(Guid key, (string Name, List<ContentPropertyValue> Values)? posted,
        IReadOnlyList<ContentValidationError> errors, CancellationToken cancellationToken)
    {
        var data = await queries.EditorAsync(key, cancellationToken);
        if (data is null) return null;
        var version = posted is { } p
            ? new ContentVersion { Id = data.Version.Id, NodeKey = key, Name = p.Name, Values = p.Values, CreatedUtc = data.Version.CreatedUtc }
            : data.Version;
        return new BackofficeEditorModel(data with { Version = version }, forms.All.OrderBy(f => f.Name).ToList(), errors,
            BackofficeRoles.MayPublish(User), TempData[MessageKey] as string);
    }
}

public sealed record BackofficeCompareModel(BackofficeEditorModel Current, ContentVersion Older)
{
    public string OlderValue(string alias) => Older.Values.FirstOrDefault(v => v.Alias == alias && v.Culture is null)?.Value ?? "";
}

/// <summary>The editor screen: a page with everything its editor needs, and what the current user may do with it.</summary>
public sealed record BackofficeEditorModel(ContentEditorData Data, IReadOnlyList<FormDefinition> Forms, IReadOnlyList<ContentValidationError> Errors,
    bool CanPublish, string? Message)
{
    public ContentNode Node => Data.Node;
    public DocumentType? Type => Data.Type;
    public ContentVersion Version => Data.Version;
    public IReadOnlyList<DocumentTypeProperty> Properties => Data.Properties;
    public IReadOnlyList<DocumentTypeTab> Tabs => Data.Tabs;
    public IReadOnlyList<ContentNode> Nodes => Data.Tree;
    public IReadOnlyList<DocumentType> ChildTypes => Data.ChildTypes;
    public IReadOnlyList<ContentNode> MoveTargets => Data.MoveTargets;
    public IReadOnlyList<ContentVersion> Versions => Data.Versions;
    public string? PublishedRoute => Data.PublishedRoute;

    public string Value(string alias) => Version.Values.FirstOrDefault(v => v.Alias == alias && v.Culture is null)?.Value ?? "";
    public string? Error(string alias) => Errors.FirstOrDefault(e => e.Alias == alias)?.Message;
    public IReadOnlyList<string> Choices(DocumentTypeProperty property) => PropertyEditorValues.Choices(Data.DataTypes.GetValueOrDefault(property.DataTypeKey));
    public string Lines(string alias) => PropertyEditorValues.Lines(Value(alias));
}
