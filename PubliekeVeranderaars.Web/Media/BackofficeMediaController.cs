using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Media;
using PubliekeVeranderaars.Core.Storage;
using PubliekeVeranderaars.Web.Backoffice;

namespace PubliekeVeranderaars.Web.Media;

/// <summary>
/// The media section: folders, upload (several files at once, by button or drag-and-drop), an item's details with
/// its alt text and focal point, where it is used, and the recycle bin.
/// </summary>
[Authorize(Policy = BackofficePolicies.Content)]
[Route("backoffice/media")]
public sealed class BackofficeMediaController(MediaLibrary library, MediaQueries queries, MediaCrops crops, MediaLimits limits) : Controller
{
    private const string MessageKey = "media-message";
    private const string ErrorKey = "media-message-fout";
    /// <summary>Room above the largest file for the form's other fields and the multipart boundaries.</summary>
    public const long UploadOverhead = 1024 * 1024;
    /// <summary>Files in one form post; the page's script sends them one by one, so only a form without script meets this.</summary>
    public const int MaxFilesPerPost = 20;
    private Actor Me => Actor.User(User.Identity?.Name ?? "");

    [HttpGet("")]
    public async Task<IActionResult> Index(Guid? map, string? zoek, CancellationToken ct)
    {
        var folder = map is { } key ? await queries.FindAsync(key, ct) : null;
        if (map is not null && (folder is null || !folder.IsFolder || folder.Trashed)) return NotFound();
        var items = await queries.ListAsync(map, zoek, ct);
        return View("~/Views/Backoffice/Media.cshtml", new MediaLibraryModel(folder, await queries.AncestorsAsync(map, ct), items, zoek?.Trim() ?? "",
            await queries.FoldersAsync(ct), limits, TempData[MessageKey] as string, TempData[ErrorKey] as string));
    }

    /// <summary>
    /// One or more files. The page's script sends each file on its own (with progress) and asks for JSON; a form
    /// without script sends them all and gets the folder back with what happened to each.
    /// </summary>
    [HttpPost("uploaden")]
    [ValidateAntiForgeryToken]
    [ReadUploadForm]
    public async Task<IActionResult> Upload(Guid? map, List<IFormFile> bestanden, CancellationToken ct)
    {
        var wantsJson = Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);
        var outcomes = new List<MediaUploadOutcome>();
        if (bestanden.Count == 0) outcomes.Add(new MediaUploadOutcome("", null, "Kies eerst een of meer bestanden."));
        foreach (var file in bestanden.Take(MaxFilesPerPost))
        {
            if (file.Length > limits.MaxBytes)
            {
                outcomes.Add(new MediaUploadOutcome(file.FileName, null,
                    $"'{file.FileName}' is te groot: het maximum is {limits.MaxBytes / 1024 / 1024} MB."));
                continue;
            }
            // One array of the file's own length: a growing stream and its copy would be two more photos' worth of
            // large-object heap per upload, which the server GC keeps long after.
            var content = new byte[file.Length];
            await using (var upload = file.OpenReadStream()) await upload.ReadExactlyAsync(content, ct);
            var result = await library.UploadAsync(file.FileName, content, map, Me, ct: ct);
            MediaNativeMemory.ReturnFreedMemory();
            outcomes.Add(new MediaUploadOutcome(file.FileName, result.Item, result.Errors.Values.FirstOrDefault()));
        }
        if (bestanden.Count > MaxFilesPerPost)
            outcomes.Add(new MediaUploadOutcome("", null, $"Er kunnen {MaxFilesPerPost} bestanden tegelijk; de rest is niet geüpload."));

        if (wantsJson)
        {
            var failed = outcomes.Any(o => o.Error is not null);
            return StatusCode(failed ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK, outcomes.Select(o => new
            {
                name = o.FileName,
                error = o.Error,
                key = o.Item?.Key,
                url = o.Item is { } item ? $"/backoffice/media/{item.Key}" : null,
                needsAltText = o.Item?.NeedsAltText ?? false,
            }));
        }
        var done = outcomes.Count(o => o.Error is null);
        if (done > 0) TempData[MessageKey] = done == 1 ? "1 bestand geüpload." : $"{done} bestanden geüpload.";
        var errors = outcomes.Where(o => o.Error is not null).Select(o => o.Error!).ToList();
        if (errors.Count > 0) TempData[ErrorKey] = string.Join(" ", errors);
        return Redirect(FolderUrl(map));
    }

    [HttpPost("mappen")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> CreateFolder(Guid? map, string? naam, CancellationToken ct)
    {
        var result = await library.CreateFolderAsync(naam ?? "", map, Me, ct);
        if (result.Succeeded) TempData[MessageKey] = $"Map '{result.Item!.Name}' gemaakt.";
        else TempData[ErrorKey] = result.Errors.Values.FirstOrDefault() ?? "De map kon niet worden gemaakt.";
        return Redirect(FolderUrl(map));
    }

    /// <summary>Images for the rich text editor's image dialog: the newest, or those whose name or alt text holds the search.</summary>
    [HttpGet("kiezer")]
    public async Task<IActionResult> Picker(string? zoek, CancellationToken ct)
    {
        var images = string.IsNullOrWhiteSpace(zoek)
            ? await queries.ImagesAsync(ct)
            : (await queries.ListAsync(null, zoek, ct)).Where(m => m.IsImage).ToList();
        return Json(images.Take(PickerResults).Select(m => new
        {
            key = m.Key.ToString("N"),
            name = m.Name,
            alt = m.AltText,
            decorative = m.IsDecorative,
            src = m.Src,
            thumb = MediaImageMarkup.Url(m, 240, 4.0 / 3),
        }));
    }

    /// <summary>A dialog's worth: the search narrows it down.</summary>
    private const int PickerResults = 40;

    [HttpGet("{key:guid}")]
    public async Task<IActionResult> Item(Guid key, CancellationToken ct) => await ShowItemAsync(key, null, null, ct);

    [HttpPost("{key:guid}")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Save(Guid key, string? naam, string? alt, bool decoratief, string? focusLinks, string? focusBoven, CancellationToken ct)
    {
        var details = new MediaDetails(naam ?? "", alt ?? "", decoratief, Fraction(focusLinks) / 100, Fraction(focusBoven) / 100);
        if (await WhyOnlyAnEditorMayAsync(key, "wijzigen", ct) is { } refusal)
            return await ShowItemAsync(key, details, new Dictionary<string, string> { [MediaItemModel.EditorOnlyField] = refusal }, ct);
        var result = await library.SaveAsync(key, details, Me, ct);
        if (result.NotFound) return NotFound();
        if (!result.Succeeded) return await ShowItemAsync(key, details, result.Errors, ct);
        TempData[MessageKey] = "Opgeslagen.";
        return Redirect($"/backoffice/media/{key}");
    }

    [HttpPost("{key:guid}/verplaatsen")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Move(Guid key, Guid? map, CancellationToken ct)
    {
        var result = await library.MoveAsync(key, map, Me, ct);
        if (result.NotFound) return NotFound();
        if (!result.Succeeded) return await ShowItemAsync(key, null, result.Errors, ct);
        TempData[MessageKey] = "Verplaatst.";
        return Redirect($"/backoffice/media/{key}");
    }

    /// <summary>To the bin. An item that pages use needs the editor's confirmation: those pages lose the image.</summary>
    [HttpPost("{key:guid}/verwijderen")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Trash(Guid key, bool bevestigd, CancellationToken ct)
    {
        var item = await queries.FindAsync(key, ct);
        if (item is null) return NotFound();
        var references = await queries.ReferencesAsync(key, ct);
        // Taking an image off pages is a change to what visitors see: an editor's, as publishing is.
        if (references.Count > 0 && !BackofficeRoles.MayPublish(User))
            return await ShowItemAsync(key, null, new Dictionary<string, string>
            {
                [MediaItemModel.ConfirmField] = $"Dit item is in gebruik op {Pages(references.Count)}. Alleen een redacteur kan het verwijderen; vraag het een redacteur.",
            }, ct);
        if (references.Count > 0 && !bevestigd)
            return await ShowItemAsync(key, null, new Dictionary<string, string>
            {
                [MediaItemModel.ConfirmField] = $"Dit item is in gebruik op {Pages(references.Count)}. Vink aan dat het toch weg mag; die pagina's tonen het dan niet meer.",
            }, ct);
        await library.TrashAsync(key, Me, ct);
        TempData[MessageKey] = $"'{item.Name}' staat in de prullenbak.";
        return Redirect(FolderUrl(item.ParentKey));
    }

    [HttpGet("prullenbak")]
    public async Task<IActionResult> Bin(CancellationToken ct) =>
        View("~/Views/Backoffice/MediaBin.cshtml", new MediaBinModel(await queries.BinAsync(ct), TempData[MessageKey] as string, TempData[ErrorKey] as string));

    [HttpPost("{key:guid}/terugzetten")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Restore(Guid key, CancellationToken ct)
    {
        if (await WhyOnlyAnEditorMayAsync(key, "terugzetten", ct) is { } refusal)
        {
            TempData[ErrorKey] = refusal;
            return Redirect("/backoffice/media/prullenbak");
        }
        var result = await library.RestoreAsync(key, Me, ct);
        if (result.NotFound) return NotFound();
        TempData[MessageKey] = $"'{result.Item!.Name}' is teruggezet.";
        return Redirect("/backoffice/media/prullenbak");
    }

    [HttpPost("{key:guid}/definitief-verwijderen")]
    [ValidateAntiForgeryToken]
    [Authorize(Policy = BackofficePolicies.Publish)]
    public async Task<IActionResult> Delete(Guid key, bool bevestigd, CancellationToken ct)
    {
        if (!bevestigd)
        {
            TempData[MessageKey] = "Vink 'Zeker' aan om definitief te verwijderen.";
            return Redirect("/backoffice/media/prullenbak");
        }
        var result = await library.DeleteAsync(key, Me, ct);
        if (result.NotFound) return NotFound();
        TempData[MessageKey] = result.Succeeded ? $"'{result.Item!.Name}' is definitief verwijderd." : result.Errors.Values.First();
        return Redirect("/backoffice/media/prullenbak");
    }

    private async Task<IActionResult> ShowItemAsync(Guid key, MediaDetails? posted, IReadOnlyDictionary<string, string>? errors, CancellationToken ct)
    {
        var item = await queries.FindAsync(key, ct);
        if (item is null || item.IsFolder) return NotFound();
        if (errors is { Count: > 0 }) Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("~/Views/Backoffice/MediaItem.cshtml", new MediaItemModel(item, posted, errors ?? new Dictionary<string, string>(),
            await queries.ReferencesAsync(key, ct), await queries.VersionsAsync(key, ct), await queries.AncestorsAsync(item.ParentKey, ct),
            await queries.FoldersAsync(ct), await crops.AllAsync(ct), TempData[MessageKey] as string));
    }

    /// <summary>
    /// Changing what pages show now (an image's name and alt text, or bringing it back from the bin) is an editor's
    /// decision, as publishing is; a writer may still change what only drafts use.
    /// </summary>
    /// <returns>Why this user may not, in Dutch; null when they may.</returns>
    private async Task<string?> WhyOnlyAnEditorMayAsync(Guid key, string change, CancellationToken ct)
    {
        if (BackofficeRoles.MayPublish(User)) return null;
        var live = (await queries.ReferencesAsync(key, ct)).Count(r => r.Live);
        return live == 0 ? null
            : $"Dit item staat op {Pages(live)} die bezoekers nu zien. Alleen een redacteur kan het {change}; vraag het een redacteur.";
    }

    private static string FolderUrl(Guid? folder) => folder is { } key ? $"/backoffice/media?map={key}" : "/backoffice/media";

    private static string Pages(int count) => count == 1 ? "1 pagina" : $"{count} pagina's";

    /// <summary>A number from the form (the focal point in per cent), with a point or a comma; null when empty or not a number.</summary>
    private static double? Fraction(string? value) =>
        double.TryParse(value?.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) ? number : null;
}

public sealed record MediaUploadOutcome(string FileName, MediaItem? Item, string? Error);

public sealed record MediaLibraryModel(MediaItem? Folder, IReadOnlyList<MediaItem> Path, IReadOnlyList<MediaItem> Items, string Search,
    IReadOnlyList<MediaItem> Folders, MediaLimits Limits, string? Message, string? Error);

public sealed record MediaBinModel(IReadOnlyList<MediaItem> Items, string? Message, string? Error);

public sealed record MediaItemModel(MediaItem Item, MediaDetails? Posted, IReadOnlyDictionary<string, string> Errors,
    IReadOnlyList<MediaReference> References, IReadOnlyList<MediaVersion> Versions, IReadOnlyList<MediaItem> Path,
    IReadOnlyList<MediaItem> Folders, IReadOnlyList<MediaCrop> Crops, string? Message)
{
    public const string ConfirmField = "bevestigd";
    /// <summary>The error of a change only an editor may make (it has no field of its own).</summary>
    public const string EditorOnlyField = "redacteur";
    public string Name => Posted?.Name ?? Item.Name;
    public string AltText => Posted?.AltText ?? Item.AltText;
    public bool IsDecorative => Posted?.IsDecorative ?? Item.IsDecorative;
    public MediaFocalPoint Focus => Posted is { FocalLeft: { } l, FocalTop: { } t } ? MediaFocalPoint.Clamped(l, t) : Item.FocalPoint;
    public string? Error(string field) => Errors.GetValueOrDefault(field);
}
