using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Signatures;

namespace PubliekeVeranderaars.Web.Backoffice;

/// <summary>Signatures for staff: counts per mail domain and the export, which is personal data and audited.</summary>
[Authorize(Policy = BackofficePolicies.PersonalData)]
[Route("backoffice")]
public sealed class BackofficeSignaturesController(SignatureExport export, SignatureDomainReport report, SignatureCounter counter,
    AuditLog audit, TimeProvider clock) : Controller
{
    [HttpGet("handtekeningen")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View("~/Views/Backoffice/Signatures.cshtml",
            new BackofficeSignaturesModel(await counter.ConfirmedCountAsync(cancellationToken), await report.BuildAsync(cancellationToken)));

    /// <summary>Streams the export straight to the response: a million rows never sit in memory.</summary>
    [HttpGet("signatures/export")]
    public async Task Export(string? format, CancellationToken cancellationToken)
    {
        var kind = string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase) ? SignatureExportFormat.Xlsx : SignatureExportFormat.Csv;
        await audit.WriteAsync(User.Identity?.Name ?? "", AuditActions.ExportPersonalData, "ondertekeningen", kind.ToString().ToLowerInvariant(), cancellationToken);
        Response.ContentType = kind == SignatureExportFormat.Xlsx
            ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            : "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"{SignatureExport.FileName(kind, clock.GetUtcNow().UtcDateTime)}\"";
        Response.Headers.CacheControl = "no-store";
        if (kind == SignatureExportFormat.Csv)
        {
            await export.WriteAsync(Response.Body, kind, cancellationToken);
            return;
        }
        // The XLSX zip writer makes a synchronous write, which Kestrel refuses: it goes to a temporary file that
        // deletes itself when closed, then to the response. Memory stays flat; the file lives for seconds.
        await using var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None,
            TemporaryFileBuffer, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await export.WriteAsync(file, kind, cancellationToken);
        file.Position = 0;
        await file.CopyToAsync(Response.Body, cancellationToken);
    }

    private const int TemporaryFileBuffer = 81920;
}

public sealed record BackofficeSignaturesModel(int Confirmed, IReadOnlyList<SignatureDomainLine> Domains);
