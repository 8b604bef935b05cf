using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Storage;
using PubliekeVeranderaars.Core.Sync;
using PubliekeVeranderaars.Web.Infrastructure;

namespace PubliekeVeranderaars.Web.Backoffice;

/// <summary>
/// Schema and content as uSync files: see what an import would change before it changes anything, then import;
/// or export the database to the folder.
/// </summary>
[Authorize(Policy = BackofficePolicies.Administration)]
[AutoValidateAntiforgeryToken]
[Route("backoffice/usync")]
public sealed class BackofficeUSyncController(USyncImportService importer, USyncExportService exporter, USyncOptions site, AuditLog audit) : Controller
{
    private const string ScreenView = "~/Views/Backoffice/USync.cshtml";

    [HttpGet("")]
    public IActionResult Index() => View(ScreenView, new BackofficeUSyncModel(site.Folder, site.ExportOnSave, null, null, null));

    [HttpPost("proefdraai")]
    public async Task<IActionResult> DryRun(CancellationToken cancellationToken) =>
        await RunAsync(dryRun: true, cancellationToken);

    [HttpPost("importeren")]
    public async Task<IActionResult> Import(CancellationToken cancellationToken) =>
        await RunAsync(dryRun: false, cancellationToken);

    [HttpPost("exporteren")]
    public async Task<IActionResult> Export(CancellationToken cancellationToken)
    {
        var written = await exporter.ExportAsync(site.Folder, cancellationToken: cancellationToken);
        await audit.WriteAsync(Actor, AuditActions.USyncExport, site.Folder, $"{written} bestanden", cancellationToken);
        return View(ScreenView, new BackofficeUSyncModel(site.Folder, site.ExportOnSave, null, null, $"{written} bestanden geschreven naar {site.Folder}."));
    }

    private Actor Actor => Actor.User(User.Identity?.Name ?? "");

    private async Task<IActionResult> RunAsync(bool dryRun, CancellationToken cancellationToken)
    {
        USyncImportReport report;
        try
        {
            report = await importer.ImportAsync(site.Folder, dryRun, Actor, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is USyncFormatException or DirectoryNotFoundException)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(ScreenView, new BackofficeUSyncModel(site.Folder, site.ExportOnSave, null, null, "De import kon niet worden gelezen: " + e.Message));
        }
        return View(ScreenView, new BackofficeUSyncModel(site.Folder, site.ExportOnSave, report, dryRun, null));
    }
}

public sealed record BackofficeUSyncModel(string Folder, bool ExportOnSave, USyncImportReport? Report, bool? DryRun, string? Message)
{
    public static string Dutch(USyncChange change) => change switch
    {
        USyncChange.Created => "Nieuw",
        USyncChange.Updated => "Gewijzigd",
        USyncChange.UpdatedOverDraft => "Gewijzigd; vervangt een concept (dat blijft in de versies)",
        USyncChange.Deleted => "Verwijderd",
        _ => change.ToString(),
    };
}
