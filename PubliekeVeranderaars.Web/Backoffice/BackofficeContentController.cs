using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using PubliekeVeranderaars.Core;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Media;
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
    ContentTreeService tree, FormDefinitionStore forms, RichTextSanitizer sanitizer, ContentPreviewLinks previewLinks, Core.Mail.MailLinks mailLinks,
    ContentBulkOperations bulk, MediaQueries media, Core.Sync.USyncBlueprints blueprints) : Controller
{
    public const string PropertyPrefix = "p:";
    /// <summary>The "soort pagina" choice that names a blueprint rather than a document type.</summary>
    public const string BlueprintChoicePrefix = "sjabloon:";
    private const string EditorView = "~/Views/Backoffice/ContentEditor.cshtml";

    [HttpGet("")]
    public async Task<IActionResult> Tree(string? filter, CancellationToken cancellationToken)
    {
        // A filter looks through every page; without one the tree shows only what fits (large folders as a count).
        if (!string.IsNullOrWhiteSpace(filter))
            return View("~/Views/Backoffice/ContentTree.cshtml", new BackofficeTreeModel(await queries.TreeAsync(cancellationToken), null, filter));
        var outline = await queries.OutlineAsync(BackofficeContentStatus.TreeLimit, cancellationToken);
        return View("~/Views/Backoffice/ContentTree.cshtml", new BackofficeTreeModel(outline.Nodes, null, null) { ChildCounts = outline.ChildCounts });
    }

    /// <summary>Pages per screen of a list view.</summary>
    public const int ListPageSize = 20;

    /// <summary>The pages under one page as a list: searched, filtered by state, a screen at a time, with bulk actions.</summary>
    [HttpGet("{key:guid}/lijst")]
    public async Task<IActionResult> List(Guid key, string? zoek, string? status, int? pagina, CancellationToken cancellationToken)
    {
        var filter = BackofficeContentStatus.Filters.FirstOrDefault(f => f.Value == (status ?? "")).Matches ?? (_ => true);
        var list = await queries.ChildrenAsync(key, filter, zoek, pagina ?? 1, ListPageSize, cancellationToken);
        if (list is null) return NotFound();
        return View("~/Views/Backoffice/ContentList.cshtml", new BackofficeListModel(list.Parent, list.Pages, list.Matching, list.Total,
            list.PageNumber, list.PageCount, zoek, status ?? "", BackofficeRoles.MayPublish(User), TempData[MessageKey] as string));
    }

    /// <summary>One action for the pages ticked in the list view; each page on its own, as if done one by one.</summary>
    [Authorize(Policy = BackofficePolicies.Publish)]
    [HttpPost("{key:guid}/lijst")]
    public async Task<IActionResult> Bulk(Guid key, [FromForm] string? action, [FromForm] List<Guid> pages, [FromForm] string? confirm,
        [FromForm] string? back, CancellationToken cancellationToken)
    {
        var kind = action switch
        {
            "publiceren" => ContentBulkAction.Publish,
            "depubliceren" => ContentBulkAction.Unpublish,
            "sluiten" => ContentBulkAction.CloseForSignUps,
            "prullenbak" => ContentBulkAction.Trash,
            _ => (ContentBulkAction?)null,
        };
        var list = Url.IsLocalUrl(back) && back!.StartsWith($"/backoffice/inhoud/{key}/lijst", StringComparison.Ordinal) ? back : $"/backoffice/inhoud/{key}/lijst";
        if (kind is null || pages.Count == 0)
            TempData[MessageKey] = "Vink eerst een of meer pagina's aan en kies wat ermee moet gebeuren.";
        else if (kind == ContentBulkAction.Trash && confirm != "on")
            TempData[MessageKey] = "Vink 'Zeker' aan om pagina's naar de prullenbak te verplaatsen.";
        else
        {
            var result = await bulk.RunAsync(kind.Value, pages, Actor, cancellationToken);
            TempData[MessageKey] = BulkMessage(kind.Value, result);
        }
        return Redirect(list);
    }

    private static string BulkMessage(ContentBulkAction action, ContentBulkResult result)
    {
        var done = DutchFormat.Count(result.Done, "pagina", "pagina's") + action switch
        {
            ContentBulkAction.Publish => " gepubliceerd.",
            ContentBulkAction.Unpublish => " van de site gehaald.",
            ContentBulkAction.CloseForSignUps => " gesloten voor aanmeldingen.",
            _ => " naar de prullenbak.",
        };
        return result.Refused.Count == 0 ? done : done + " Niet gelukt: " + string.Join("; ", result.Refused.Select(r => $"{r.Page}: {r.Reason}"));
    }

    /// <summary>The pages under one page in the order they were dragged into.</summary>
    [Authorize(Policy = BackofficePolicies.Publish)]
    [HttpPost("{key:guid}/volgorde")]
    public async Task<IActionResult> Reorder(Guid key, [FromForm] List<Guid> order, CancellationToken cancellationToken)
    {
        var result = await tree.ReorderAsync(key, order, Actor, cancellationToken);
        if (result.Status == ContentOperationStatus.NotFound) return NotFound();
        TempData[MessageKey] = result.Succeeded ? "De nieuwe volgorde staat op de site." : result.Errors.First().Message;
        return Redirect($"/backoffice/inhoud/{key}/lijst");
    }

    /// <summary>Most pages the link dialog lists for what was typed.</summary>
    public const int PickerResults = 20;

    /// <summary>Pages by name, for the rich text editor's link dialog.</summary>
    [HttpGet("kiezer")]
    public async Task<IActionResult> Picker(string? zoek, CancellationToken cancellationToken) =>
        Json((await queries.FindByNameAsync(zoek ?? "", PickerResults, cancellationToken))
            .Select(p => new { key = p.Key, name = p.Name, route = p.Route }));

    /// <summary>The query and form field naming the language a multilingual page is edited in.</summary>
    public const string LanguageField = "taal";

    [HttpGet("{key:guid}")]
    public async Task<IActionResult> Edit(Guid key, [FromQuery(Name = LanguageField)] string? language, CancellationToken cancellationToken) =>
        await EditorAsync(key, null, [], cancellationToken, language: language) is { } model ? View(EditorView, model) : NotFound();

    [HttpPost("{key:guid}")]
    public Task<IActionResult> Save(Guid key, CancellationToken cancellationToken) =>
        SaveAsync(key, "Opgeslagen als concept.",
            (name, values, basedOn, cultureNames) => editing.SaveAsync(key, name, values, Actor, basedOn, cancellationToken, cultureNames), cancellationToken);

    [HttpPost("{key:guid}/ter-publicatie")]
    public Task<IActionResult> SendForPublishing(Guid key, CancellationToken cancellationToken) =>
        SaveAsync(key, "Opgeslagen en ter publicatie aangeboden.",
            (name, values, basedOn, cultureNames) => publishing.SaveAndSendForPublishingAsync(key, name, values, Actor, basedOn, cancellationToken, cultureNames),
            cancellationToken);

    [Authorize(Policy = BackofficePolicies.Publish)]
    [HttpPost("{key:guid}/publiceren")]
    public Task<IActionResult> Publish(Guid key, CancellationToken cancellationToken) =>
        SaveAsync(key, "Opgeslagen en gepubliceerd.",
            (name, values, basedOn, cultureNames) => publishing.SaveAndPublishAsync(key, name, values, Actor, basedOn, cancellationToken, cultureNames),
            cancellationToken);

    [Authorize(Policy = BackofficePolicies.Publish)]
    [HttpPost("{key:guid}/depubliceren")]
    public async Task<IActionResult> Unpublish(Guid key, CancellationToken cancellationToken) =>
        Done(key, await publishing.UnpublishAsync(key, Actor, cancellationToken), "De pagina staat niet meer op de site.");

    /// <summary>Creates a page of one of the types the parent allows, unpublished, and opens it in the editor.</summary>
    [HttpPost("{key:guid}/nieuw")]
    public async Task<IActionResult> Create(Guid key, [FromForm] string? type, [FromForm] string? childName, CancellationToken cancellationToken)
    {
        var created = type is not null && type.StartsWith(BlueprintChoicePrefix, StringComparison.Ordinal) && Guid.TryParse(type[BlueprintChoicePrefix.Length..], out var blueprint)
            ? await blueprints.CreatePageAsync(blueprint, key, childName ?? "", Actor, cancellationToken)
            : await editing.CreateDraftAsync(key, type ?? "", childName ?? "", Actor, cancellationToken);
        if (created.Status == ContentOperationStatus.NotFound) return NotFound();
        if (!created.Succeeded) return Done(key, created, "");
        TempData[MessageKey] = "Nieuwe pagina aangemaakt als concept. Vul de velden in en sla op.";
        return RedirectToAction(nameof(Edit), new { key = created.Node!.Key });
    }

    /// <summary>The draft in the site's own layout, with a banner; never cached, never indexed.</summary>
    [HttpGet("{key:guid}/voorbeeld")]
    public async Task<IActionResult> Preview(Guid key, CancellationToken cancellationToken) =>
        await queries.PreviewAsync(key, cancellationToken) is { } preview
            ? Web.Content.ContentPreviewController.Render(this, preview, forms, editorLink: true)
            : NotFound();

    /// <summary>A link that shows the newest draft to someone without an account, for the days chosen.</summary>
    [HttpPost("{key:guid}/voorbeeldlinks")]
    public async Task<IActionResult> SharePreview(Guid key, [FromForm] int? days, CancellationToken cancellationToken)
    {
        var token = await previewLinks.CreateAsync(key, TimeSpan.FromDays(days ?? ContentPreviewLinks.DefaultLifetime.TotalDays), Actor, cancellationToken);
        if (token is null) return NotFound();
        TempData[SharedLinkKey] = mailLinks.To(ContentPreviewLinks.PathPrefix + token);
        return Redirect($"/backoffice/inhoud/{key}#voorbeeld-delen");
    }

    [HttpPost("{key:guid}/voorbeeldlinks/{id:long}/intrekken")]
    public async Task<IActionResult> RevokePreview(Guid key, long id, CancellationToken cancellationToken)
    {
        if (!await previewLinks.RevokeAsync(key, id, Actor, cancellationToken)) return NotFound();
        TempData[MessageKey] = "De voorbeeldlink werkt niet meer.";
        return Redirect($"/backoffice/inhoud/{key}#voorbeeld-delen");
    }

    /// <summary>TempData key: a shared link, shown once to whoever made it.</summary>
    private const string SharedLinkKey = "SharedPreviewLink";

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
    public async Task<IActionResult> Sort(Guid key, [FromForm] int direction, [FromForm] string? back, CancellationToken cancellationToken)
    {
        var result = await tree.SortAsync(key, direction, Actor, cancellationToken);
        var done = Done(key, result, direction < 0 ? "De pagina staat nu eerder." : "De pagina staat nu later.");
        // From a list view, back to the same screen of the list.
        return result.Succeeded && Url.IsLocalUrl(back) && back!.StartsWith("/backoffice/inhoud/", StringComparison.Ordinal) && back.Contains("/lijst", StringComparison.Ordinal)
            ? Redirect(back)
            : done;
    }

    /// <summary>Every version of the page, newest first, each to compare or restore, a screen at a time.</summary>
    [HttpGet("{key:guid}/versies")]
    public async Task<IActionResult> Versions(Guid key, int? pagina, CancellationToken cancellationToken)
    {
        // The page and its versions: not the editor's tree, pickers and images.
        var number = pagina ?? 1;
        if (number < 1 || await queries.NodeAsync(key, cancellationToken) is not { } node) return NotFound();
        // One screen's versions from the database, not every version of a page saved daily for years.
        var screen = await queries.VersionScreenAsync(key, (number - 1) * BackofficeVersionHistoryModel.PageSize,
            BackofficeVersionHistoryModel.PageSize, cancellationToken);
        return screen.Shown.Count == 0
            ? NotFound()
            : View("~/Views/Backoffice/ContentVersions.cshtml", new BackofficeVersionHistoryModel(node, screen, BackofficeRoles.MayPublish(User), number));
    }

    [HttpGet("{key:guid}/vergelijk/{versionId:long}")]
    public async Task<IActionResult> Compare(Guid key, long versionId, CancellationToken cancellationToken)
    {
        var older = await queries.VersionAsync(key, versionId, cancellationToken);
        var model = older is null ? null : await EditorAsync(key, null, [], cancellationToken, named: older.Values);
        if (model is null || older is null) return NotFound();
        return View("~/Views/Backoffice/ContentCompare.cshtml", new BackofficeCompareModel(model, older));
    }

    [Authorize(Policy = BackofficePolicies.Publish)]
    /// <summary>Asks first: what goes to the bin, with how many pages below it.</summary>
    [Authorize(Policy = BackofficePolicies.Publish)]
    [HttpGet("{key:guid}/prullenbak")]
    public async Task<IActionResult> ConfirmTrash(Guid key, CancellationToken cancellationToken) =>
        await TrashQuestionAsync(key, null, cancellationToken) is { } view ? view : NotFound();

    private async Task<ViewResult?> TrashQuestionAsync(Guid key, string? error, CancellationToken cancellationToken)
    {
        var nodes = await queries.TreeAsync(cancellationToken);
        var node = nodes.FirstOrDefault(n => n.Key == key);
        if (node is null) return null;
        var below = 0;
        var stack = new Stack<Guid>([key]);
        while (stack.TryPop(out var parent))
            foreach (var child in nodes.Where(n => n.ParentKey == parent)) { below++; stack.Push(child.Key); }
        return View("~/Views/Backoffice/ContentTrash.cshtml", new BackofficeTrashModel(node, below, error));
    }

    [Authorize(Policy = BackofficePolicies.Publish)]
    [HttpPost("{key:guid}/prullenbak")]
    public async Task<IActionResult> Trash(Guid key, [FromForm] string? confirm, CancellationToken cancellationToken)
    {
        if (confirm != "on")
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await TrashQuestionAsync(key, "Vink aan dat je de pagina naar de prullenbak wilt verplaatsen.", cancellationToken) is { } view ? view : NotFound();
        }
        var result = await tree.TrashAsync(key, Actor, cancellationToken);
        if (!result.Succeeded) return Done(key, result, "");
        TempData[MessageKey] = $"'{result.Node!.Name}' staat in de prullenbak en is niet meer op de site.";
        return RedirectToAction(nameof(Bin));
    }

    [HttpGet("prullenbak")]
    public async Task<IActionResult> Bin(CancellationToken cancellationToken) =>
        View("~/Views/Backoffice/ContentBin.cshtml", (await queries.TrashedAsync(cancellationToken), TempData[MessageKey] as string));

    /// <summary>Deletes one page from the bin for good, with everything below it; asked for with a tick.</summary>
    [Authorize(Policy = BackofficePolicies.Publish)]
    [HttpPost("{key:guid}/definitief-verwijderen")]
    public async Task<IActionResult> DeleteForGood(Guid key, [FromForm] string? confirm, CancellationToken cancellationToken)
    {
        if (confirm != "on") TempData[MessageKey] = "Vink 'Zeker' aan om een pagina definitief te verwijderen.";
        else
        {
            var result = await tree.DeleteForGoodAsync(key, Actor, cancellationToken);
            if (result.Status == ContentOperationStatus.NotFound) return NotFound();
            TempData[MessageKey] = result.Succeeded ? $"'{result.Node!.Name}' is definitief verwijderd." : result.Errors.First().Message;
        }
        return RedirectToAction(nameof(Bin));
    }

    [Authorize(Policy = BackofficePolicies.Publish)]
    [HttpPost("prullenbak/legen")]
    public async Task<IActionResult> EmptyBin([FromForm] string? confirm, CancellationToken cancellationToken)
    {
        if (confirm != "on") TempData[MessageKey] = "Vink 'Zeker' aan om de prullenbak te legen.";
        else
        {
            var emptied = await tree.EmptyBinAsync(Actor, cancellationToken);
            TempData[MessageKey] = emptied.Refused
                ?? $"De prullenbak is geleegd: {DutchFormat.Count(emptied.Deleted, "pagina", "pagina's")} definitief verwijderd.";
        }
        return RedirectToAction(nameof(Bin));
    }

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

    /// <summary>The hidden field that says which version the editor's screen showed.</summary>
    public const string BasedOnField = "basedOn";

    /// <summary>Reads the editor's form and runs the operation; invalid input comes back in the editor with the messages.</summary>
    private async Task<IActionResult> SaveAsync(Guid key, string done,
        Func<string, List<ContentPropertyValue>, long, IReadOnlyList<ContentCultureName>?, Task<ContentOperationResult>> operation,
        CancellationToken cancellationToken)
    {
        var data = await queries.EditingAsync(key, cancellationToken);
        if (data is null) return NotFound();
        // What the screen showed: the version it was opened on, which someone may have followed with a save since.
        var basedOn = long.TryParse(Request.Form[BasedOnField], out var id) ? id : data.Version.Id;
        var shown = basedOn == data.Version.Id ? data.Version : await queries.VersionAsync(key, basedOn, cancellationToken) ?? data.Version;
        // A multilingual page in a language other than its default: the name on the screen is that language's name.
        var language = ContentVariants.Language(shown, Request.Form[LanguageField].ToString() is { Length: > 0 } l ? l : null);
        if (ContentVariants.SameCulture(language, ContentVariants.DefaultCulture(shown))) language = null;
        var postedName = Request.Form["name"].ToString();
        var shownName = ContentVariants.NameIn(shown, language);
        // A name posted as it was shown stays as it was stored (a text box drops line breaks; we trim a changed name).
        var typedName = PropertyEditorValues.PostsUnchanged(EditorAliases.TextBox, [postedName], shownName) ? shownName : postedName.Trim();
        var (name, cultureNames) = language is null
            ? (typedName, (IReadOnlyList<ContentCultureName>?)null)
            : (shown.Name, ContentVariants.RenamedIn(shown.CultureNames, language, typedName));
        var values = ReadValues(data.Properties, shown, language);
        var result = await operation(name, values, shown.Id, cultureNames);
        if (result.Status == ContentOperationStatus.NotFound) return NotFound();
        if (result.Status == ContentOperationStatus.Conflict)
        {
            // Shown again with both people's work merged, the fields both changed holding this editor's values, and
            // based on the newest version: saving again is a deliberate choice for what is on the screen.
            Response.StatusCode = StatusCodes.Status409Conflict;
            var merge = result.Merge!;
            return View(EditorView, await EditorAsync(key, (merge.Name, [.. merge.Values]), [], cancellationToken, result.Latest!.Id, result, language));
        }
        if (!result.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(EditorView, await EditorAsync(key, (name, values), result.Errors, cancellationToken, shown.Id, language: language,
                cultureNames: cultureNames));
        }
        TempData[MessageKey] = done;
        return Redirect($"/backoffice/inhoud/{key}" + (language is null ? "" : $"?{LanguageField}={Uri.EscapeDataString(language)}"));
    }

    /// <summary>
    /// Each property of the document type from the post, encoded by its editor; a field posted as it was shown keeps
    /// its stored value. A multilingual page is edited in its default language (<see cref="ContentVariants"/>). Values the
    /// screen does not edit (properties the type does not know, the other languages' values) are carried over
    /// unchanged, in their place: an editor's save never drops or reorders them.
    /// </summary>
    private List<ContentPropertyValue> ReadValues(IReadOnlyList<DocumentTypeProperty> typeProperties, ContentVersion shown, string? language)
    {
        var properties = typeProperties.ToDictionary(p => p.Alias, StringComparer.Ordinal);
        var values = new List<ContentPropertyValue>();
        foreach (var value in shown.Values)
        {
            values.Add(ContentVariants.IsEdited(shown, value, language) && properties.Remove(value.Alias, out var property)
                ? value with { Value = FromForm(property, value.Value) }
                : value);
        }
        // A first value of a property that varies by language belongs to the language on the screen.
        var culture = language ?? ContentVariants.DefaultCulture(shown);
        values.AddRange(properties.Values
            .Select(p => new ContentPropertyValue(p.Alias, culture is not null && p.Variations.Contains("Culture", StringComparison.OrdinalIgnoreCase) ? culture : null, FromForm(p, "")))
            .Where(v => v.Value.Length > 0));
        return values;
    }

    private string FromForm(DocumentTypeProperty property, string stored) =>
        PropertyEditorValues.FromForm(property.EditorAlias, [.. Request.Form[PropertyPrefix + property.Alias].Select(v => v ?? "")], stored, sanitizer);

    /// <summary>The library's newest images, and every image the page picks even when it is older than those.</summary>
    private async Task<IReadOnlyList<MediaItem>> PickableImagesAsync(ContentEditorData data, ContentVersion version, CancellationToken ct)
    {
        var pickers = data.Properties.Where(p => p.EditorAlias == EditorAliases.MediaPicker3).Select(p => p.Alias).ToHashSet();
        if (pickers.Count == 0) return [];
        var newest = await media.ImagesAsync(ct);
        var picked = version.Values.Where(v => pickers.Contains(v.Alias)).SelectMany(v => MediaPickerValue.Read(v.Value)).Select(p => p.MediaKey)
            .Where(k => newest.All(m => m.Key != k)).ToList();
        return [.. newest, .. (await media.FindManyAsync(picked, ct)).Where(m => m.IsImage && !m.Trashed)];
    }

    private static readonly ContentEditorLimits EditorLimits =
        new(BackofficeContentStatus.TreeLimit, BackofficeEditorModel.PagePickerListLimit, BackofficeEditorModel.PagePickerListedLevels,
            BackofficeEditorModel.VersionsShown);

    /// <param name="basedOn">The version the form is based on, when it is not the newest (a refused save).</param>
    /// <param name="conflict">A save refused because someone else changed the same fields.</param>
    /// <param name="language">The language a multilingual page is edited in (null or unknown: its default language).</param>
    /// <param name="cultureNames">The names per language as posted, when another language's name was edited.</param>
    /// <param name="named">Values shown besides the page's (a compared older version): the pages they pick are named too.</param>
    private async Task<BackofficeEditorModel?> EditorAsync(Guid key, (string Name, List<ContentPropertyValue> Values)? posted,
        IReadOnlyList<ContentValidationError> errors, CancellationToken cancellationToken, long? basedOn = null, ContentOperationResult? conflict = null,
        string? language = null, IReadOnlyList<ContentCultureName>? cultureNames = null, IEnumerable<ContentPropertyValue>? named = null)
    {
        var data = await queries.EditorAsync(key, cancellationToken, EditorLimits,
            [.. posted?.Values.Select(v => v.Value) ?? [], .. named?.Select(v => v.Value) ?? []]);
        if (data is null) return null;
        var version = posted is { } p
            ? new ContentVersion
            {
                Id = data.Version.Id, NodeKey = key, Name = p.Name, Values = p.Values, CreatedUtc = data.Version.CreatedUtc,
                CultureNames = [.. cultureNames ?? ContentVariants.Renamed(data.Version.CultureNames, data.Version.Name, p.Name)],
            }
            : data.Version;
        language = ContentVariants.Language(version, language);
        if (ContentVariants.SameCulture(language, ContentVariants.DefaultCulture(version))) language = null;
        return new BackofficeEditorModel(data with { Version = version }, forms.All.OrderBy(f => f.Name).ToList(), errors,
            BackofficeRoles.MayPublish(User), TempData[MessageKey] as string)
        {
            Images = await PickableImagesAsync(data, version, cancellationToken),
            BasedOn = basedOn ?? data.Version.Id,
            Conflict = conflict,
            PreviewLinks = await previewLinks.ActiveAsync(key, cancellationToken),
            SharedLink = TempData[SharedLinkKey] as string,
            Language = language,
            Blueprints = (await blueprints.AllAsync(cancellationToken)).Where(b => data.ChildTypes.Any(t => string.Equals(t.Alias, b.ContentTypeAlias, StringComparison.OrdinalIgnoreCase))).ToList(),
        };
    }
}

/// <summary>A screen of a list view: the pages under one page, filtered, and what the user may do with them.</summary>
public sealed record BackofficeListModel(ContentNode Parent, IReadOnlyList<ContentNode> Pages, int Matching, int Total, int PageNumber, int PageCount,
    string? Search, string Status, bool CanPublish, string? Message)
{
    /// <summary>Dragging sets the order of all pages, so only when all are on the screen, unfiltered.</summary>
    public bool CanDrag => CanPublish && Matching == Total && PageCount == 1 && Total > 1;

    public bool HasInitiatives => Pages.Any(p => p.ContentTypeAlias == Core.Initiatives.InitiativeStatus.InitiativeTypeAlias);

    public string PageLink(int number) =>
        $"/backoffice/inhoud/{Parent.Key}/lijst?pagina={number}" + (Search is { Length: > 0 } s ? "&zoek=" + Uri.EscapeDataString(s) : "")
        + (Status.Length > 0 ? "&status=" + Uri.EscapeDataString(Status) : "");
}

/// <summary>The question before a page goes to the bin.</summary>
public sealed record BackofficeTrashModel(ContentNode Node, int Below, string? Error);

/// <summary>One choice in a list on the editor screen.</summary>
public sealed record BackofficeOption(string Value, string Label, bool Selected);

/// <summary>An older version next to the current draft: per field, the words that changed, read as people read them.</summary>
public sealed record BackofficeCompareModel(BackofficeEditorModel Current, ContentVersion Older)
{
    public IReadOnlyList<BackofficeComparedField> Fields { get; } = Compare(Current, Older);

    private static IReadOnlyList<BackofficeComparedField> Compare(BackofficeEditorModel current, ContentVersion older)
    {
        string Value(ContentVersion version, string alias) => ContentVariants.EditedValue(version, alias);
        var fields = new List<BackofficeComparedField> { Field("Naam van de pagina", EditorAliases.TextBox, older.Name, current.Version.Name, current) };
        fields.AddRange(current.Properties.Select(p => Field(p.Name, p.EditorAlias, Value(older, p.Alias), Value(current.Version, p.Alias), current)));
        return fields;
    }

    private static BackofficeComparedField Field(string label, string editor, string before, string after, BackofficeEditorModel current)
    {
        var readableBefore = PropertyEditorValues.Readable(editor, before, current.ReferenceName);
        var readableAfter = PropertyEditorValues.Readable(editor, after, current.ReferenceName);
        return new BackofficeComparedField(label, before != after, readableBefore == readableAfter, TextDiff.Words(readableBefore, readableAfter));
    }
}

/// <param name="Changed">The stored value differs.</param>
/// <param name="ReadsTheSame">What a person reads is the same: only markup or form changed.</param>
public sealed record BackofficeComparedField(string Label, bool Changed, bool ReadsTheSame, IReadOnlyList<TextDiffPart> Parts)
{
    /// <summary>
    /// The text with its changes marked, without a character of white space between the parts (the text keeps its
    /// own line breaks). Screen readers hear what was taken out and put in: they do not announce del and ins.
    /// </summary>
    public static IHtmlContent Markup(IReadOnlyList<TextDiffPart> parts)
    {
        var html = new HtmlContentBuilder();
        foreach (var part in parts)
        {
            var (tag, css, spoken) = part.Kind switch
            {
                TextDiffKind.Removed => ("del", "backoffice-diff__removed", "weggehaald"),
                TextDiffKind.Added => ("ins", "backoffice-diff__added", "toegevoegd"),
                _ => ("", "", ""),
            };
            if (tag.Length == 0)
            {
                html.Append(part.Text);
                continue;
            }
            html.AppendHtml($"<{tag} class=\"{css}\"><span class=\"site-visually-hidden\">[{spoken}: </span>");
            html.Append(part.Text);
            html.AppendHtml($"<span class=\"site-visually-hidden\">]</span></{tag}>");
        }
        return html;
    }
}

/// <summary>Versions of a page to list: the editor's newest, or a screen of the page's history.</summary>
/// <param name="Versions">All of them: a restored version is named by the version it came from.</param>
public sealed record BackofficeVersionsModel(ContentNode Node, IReadOnlyList<ContentVersion> Versions, IReadOnlyList<ContentVersion> Shown, bool CanPublish)
{
    public static BackofficeVersionsModel Of(ContentNode node, ContentVersionScreen screen, bool canPublish) =>
        new(node, screen.All, screen.Shown, canPublish);

    public string VersionState(ContentVersion version) => ContentVersionStates.Of(Node, version, Versions);
}

/// <summary>One screen of a page's history, newest first.</summary>
public sealed record BackofficeVersionHistoryModel(ContentNode Node, ContentVersionScreen Screen, bool CanPublish, int PageNumber)
{
    /// <summary>Each version carries a restore form and its token: a screen stays a size a phone loads quickly.</summary>
    public const int PageSize = 50;

    public int PageCount => Math.Max(1, (Screen.Count + PageSize - 1) / PageSize);

    public BackofficeVersionsModel Versions => BackofficeVersionsModel.Of(Node, Screen, CanPublish);

    public BackofficePager Pager => new("Schermen met versies", PageNumber, PageCount, number => $"/backoffice/inhoud/{Node.Key}/versies?pagina={number}");
}

/// <summary>Links to the screens of a long list (<c>_Pager.cshtml</c>).</summary>
public sealed record BackofficePager(string Label, int PageNumber, int PageCount, Func<int, string> Link);

/// <summary>The editor screen: a page with everything its editor needs, and what the current user may do with it.</summary>
public sealed record BackofficeEditorModel(ContentEditorData Data, IReadOnlyList<FormDefinition> Forms, IReadOnlyList<ContentValidationError> Errors,
    bool CanPublish, string? Message)
{
    public ContentNode Node => Data.Node;
    public DocumentType? Type => Data.Type;
    public ContentVersion Version => Data.Version;
    public IReadOnlyList<DocumentTypeProperty> Properties => Data.Properties;
    public IReadOnlyList<DocumentTypeTab> Tabs => Data.Tabs;
    /// <summary>The pages the page pickers list and name (<see cref="ContentEditorData.PickerPages"/>).</summary>
    public IReadOnlyList<ContentNode> Nodes => Data.PickerPages;
    public IReadOnlyList<DocumentType> ChildTypes => Data.ChildTypes;
    /// <summary>Blueprints of the types allowed here: a new page can start from one.</summary>
    public IReadOnlyList<Core.Sync.ContentBlueprint> Blueprints { get; init; } = [];
    public IReadOnlyList<ContentNode> MoveTargets => Data.MoveTargets;
    public int VersionCount => Data.VersionCount;
    public string? PublishedRoute => Data.PublishedRoute;

    /// <summary>The library's images, for the media pickers on this page (empty when the page has none).</summary>
    public IReadOnlyList<MediaItem> Images { get; init; } = [];

    /// <summary>A media picker's choices: the library's images, and any picked item that is not among them (in the bin, or not imported).</summary>
    public IReadOnlyList<(Guid Key, MediaItem? Item, bool Selected)> MediaOptions(DocumentTypeProperty property)
    {
        // The picks first, in their order (a save keeps it), then the library's other images.
        var picked = MediaPickerValue.Read(Value(property.Alias)).Select(p => p.MediaKey).Distinct().ToList();
        return
        [
            .. picked.Select(k => (k, Images.FirstOrDefault(m => m.Key == k), true)),
            .. Images.Where(m => !picked.Contains(m.Key)).Select(m => (m.Key, (MediaItem?)m, false)),
        ];
    }

    public bool AllowsManyMedia(DocumentTypeProperty property) => PropertyEditorValues.AllowsMany(Data.DataTypes.GetValueOrDefault(property.DataTypeKey));

    /// <summary>Links that show this page's draft to someone without an account, still working.</summary>
    public IReadOnlyList<ContentPreviewLink> PreviewLinks { get; init; } = [];
    /// <summary>A link just made: shown once, as only its hash is kept.</summary>
    public string? SharedLink { get; init; }

    /// <summary>The version the form is based on: what a save is merged against when someone saved since.</summary>
    public long BasedOn { get; init; }
    /// <summary>A save refused because someone else changed the same fields: their version, and both values per field.</summary>
    public ContentOperationResult? Conflict { get; init; }

    /// <summary>The name of the page or form a stored reference (a UDI or key) points at.</summary>
    public string? ReferenceName(string stored)
    {
        var text = stored.Contains("://", StringComparison.Ordinal) ? stored[(stored.LastIndexOf('/') + 1)..] : stored;
        if (!Guid.TryParse(text, out var key)) return null;
        return Nodes.FirstOrDefault(n => n.Key == key)?.Name ?? Forms.FirstOrDefault(f => f.Key == key)?.Name ?? Images.FirstOrDefault(m => m.Key == key)?.Name;
    }

    /// <summary>A field's name for the conflict list.</summary>
    public string FieldName(string alias) =>
        alias == ContentMerge.NameAlias ? "Naam van de pagina" : Properties.FirstOrDefault(p => p.Alias == alias)?.Name ?? alias;

    /// <summary>A value as a person reads it, for the conflict list: text, names of what is picked, as the compare screen.</summary>
    public string Readable(string alias, string value) =>
        PropertyEditorValues.Readable(Properties.FirstOrDefault(p => p.Alias == alias)?.EditorAlias ?? "", value, ReferenceName);

    public string Value(string alias) => ContentVariants.EditedValue(Version, alias, Language);

    /// <summary>The language a multilingual page is edited in, when not its default one.</summary>
    public string? Language { get; init; }
    /// <summary>The page's name in the language on the screen.</summary>
    public string ShownName => ContentVariants.NameIn(Version, Language);
    /// <summary>A multilingual page's languages, the default first, to switch between.</summary>
    public IReadOnlyList<ContentCultureName> Languages =>
        [.. Version.CultureNames.Where(n => n.Culture.Length > 0).OrderBy(n => ContentVariants.SameCulture(n.Culture, ContentVariants.DefaultCulture(Version)) ? 0 : 1)];
    public bool IsShown(ContentCultureName language) =>
        ContentVariants.SameCulture(language.Culture, Language ?? ContentVariants.DefaultCulture(Version));
    public string? Error(string alias) => Errors.FirstOrDefault(e => e.Alias == alias)?.Message;
    public string FormText(DocumentTypeProperty property) => PropertyEditorValues.FormText(property.EditorAlias, Value(property.Alias));
    public bool AllowsMany(DocumentTypeProperty property) =>
        PropertyEditorValues.AllowsMany(Data.DataTypes.GetValueOrDefault(property.DataTypeKey)) || PropertyEditorValues.Selected(Value(property.Alias)).Count > 1;

    /// <summary>A dropdown's choices, and any stored value that is no longer one of them: shown, so a save keeps it.</summary>
    public IReadOnlyList<BackofficeOption> ChoiceOptions(DocumentTypeProperty property)
    {
        var selected = PropertyEditorValues.Selected(Value(property.Alias));
        var choices = PropertyEditorValues.Choices(Data.DataTypes.GetValueOrDefault(property.DataTypeKey));
        return
        [
            .. choices.Select(c => new BackofficeOption(c, c, selected.Contains(c))),
            .. selected.Where(s => !choices.Contains(s)).Select(s => new BackofficeOption(s, $"{s} (geen keuze meer)", true)),
        ];
    }

    /// <summary>The pages a content picker can point at; a stored reference in another form or to a page not in the tree stays as it is.</summary>
    /// <summary>
    /// Past this many pages a content picker lists only the top of the tree (and the page picked) and finds the rest
    /// by search: a list of every page made the editor of a site with 10,000 initiatives weigh 3 MB.
    /// </summary>
    public const int PagePickerListLimit = 250;
    /// <summary>
    /// The versions the editor lists, newest first; the rest are on the page's history (<c>/versies</c>). Each listed
    /// version carries its own restore form and token: all of them made a page edited daily for a year weigh a megabyte.
    /// </summary>
    public const int VersionsShown = 10;
    /// <summary>Set by a screen with rich text to edit: the layout then loads the rich text editor's script (TipTap).</summary>
    public const string RichTextScriptKey = "RichTextScript";
    /// <summary>The levels a long content picker lists: the home page and its sections.</summary>
    public const int PagePickerListedLevels = 2;

    /// <summary>Whether content pickers list part of the tree and offer a search for the rest.</summary>
    public bool PagePickerSearches => Data.PageCount > PagePickerListLimit;

    public IReadOnlyList<BackofficeOption> PageOptions(DocumentTypeProperty property)
    {
        var stored = Value(property.Alias);
        var options = new List<BackofficeOption>();
        var found = false;
        foreach (var node in Nodes)
        {
            var udi = "umb://document/" + node.Key.ToString("N");
            var isStored = stored.Length > 0 && (stored == udi || UdiKey(stored) == node.Key);
            found |= isStored;
            if (PagePickerSearches && node.Level > PagePickerListedLevels && !isStored) continue;
            options.Add(new BackofficeOption(isStored ? stored : udi, $"{new string('·', node.Level - 1)} {node.Name}", isStored));
        }
        if (!found && stored.Length > 0) options.Insert(0, new BackofficeOption(stored, $"(onbekende pagina: {stored})", true));
        return options;
    }

    public IReadOnlyList<BackofficeOption> FormOptions(DocumentTypeProperty property)
    {
        var stored = Value(property.Alias);
        var options = Forms.Select(f => Guid.TryParse(stored, out var k) && k == f.Key
            ? new BackofficeOption(stored, f.Name, true)
            : new BackofficeOption(f.Key.ToString(), f.Name, false)).ToList();
        if (stored.Length > 0 && !options.Any(o => o.Selected)) options.Insert(0, new BackofficeOption(stored, $"(onbekend formulier: {stored})", true));
        return options;
    }

    private static Guid? UdiKey(string value)
    {
        var key = value.StartsWith("umb://document/", StringComparison.OrdinalIgnoreCase) ? value["umb://document/".Length..] : value;
        return Guid.TryParse(key, out var guid) ? guid : null;
    }
}
