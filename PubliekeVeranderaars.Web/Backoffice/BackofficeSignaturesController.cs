using PubliekeVeranderaars.Core.Exports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Signatures;
using PubliekeVeranderaars.Core.Storage;

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
        var kind = ExportDownload.Format(format);
        await audit.WriteAsync(Actor.User(User.Identity?.Name ?? ""), AuditActions.ExportPersonalData, "ondertekeningen", kind.ToString().ToLowerInvariant(), cancellationToken);
        await ExportDownload.SendAsync(Response, kind, SignatureExport.FileName(kind, clock.GetUtcNow().UtcDateTime),
            (stream, ct) => export.WriteAsync(stream, kind, ct), cancellationToken);
    }
}

public sealed record BackofficeSignaturesModel(int Confirmed, IReadOnlyList<SignatureDomainLine> Domains);
