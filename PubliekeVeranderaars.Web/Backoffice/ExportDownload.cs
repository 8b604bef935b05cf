using PubliekeVeranderaars.Core.Exports;

namespace PubliekeVeranderaars.Web.Backoffice;

/// <summary>Sends an export as a file download, streamed.</summary>
public static class ExportDownload
{
    private const int TemporaryFileBuffer = 81920;

    public static ExportFormat Format(string? format) =>
        string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase) ? ExportFormat.Xlsx : ExportFormat.Csv;

    public static async Task SendAsync(HttpResponse response, ExportFormat format, string fileName,
        Func<Stream, CancellationToken, Task<int>> write, CancellationToken cancellationToken)
    {
        response.ContentType = SpreadsheetExport.ContentType(format);
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        response.Headers.CacheControl = "no-store";
        if (format == ExportFormat.Csv)
        {
            await write(response.Body, cancellationToken);
            return;
        }
        // The XLSX zip writer makes a synchronous write, which Kestrel refuses: it goes to a temporary file that
        // deletes itself when closed, then to the response. Memory stays flat; the file lives for seconds.
        await using var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None,
            TemporaryFileBuffer, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await write(file, cancellationToken);
        file.Position = 0;
        await file.CopyToAsync(response.Body, cancellationToken);
    }
}
