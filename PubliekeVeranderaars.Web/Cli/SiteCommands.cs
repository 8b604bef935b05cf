using PubliekeVeranderaars.Core.Signatures;
using PubliekeVeranderaars.Core.Storage;
using PubliekeVeranderaars.Core.Sync;
using PubliekeVeranderaars.Web.Infrastructure;

namespace PubliekeVeranderaars.Web.Cli;

/// <summary>
/// Commands on the same binary, run without starting the web server:
/// <c>dotnet run --project PubliekeVeranderaars.Web -- COMMAND</c>.
/// </summary>
public static class SiteCommands
{
    private const string Usage = """
        Commands:
          usync export [--folder DIR]               database -> uSync files
          usync import [--folder DIR] [--dry-run]   uSync files -> database (dry run: only report)
          export-signatures --format csv|xlsx --output FILE
                                                    confirmed signatures, for staff (personal data: handle with care)
          signatures report                         pending and confirmed signatures per mail domain
        """;

    private static readonly string[] Commands = ["usync", "export-signatures", "signatures"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0]);

    /// <returns>The process exit code.</returns>
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        await app.Services.GetRequiredService<SiteDatabase>().MigrateAsync();
        return (args[0], args.ElementAtOrDefault(1)) switch
        {
            ("usync", "export") => await USyncExportAsync(app, args),
            ("usync", "import") => await USyncImportAsync(app, args),
            ("export-signatures", _) => await ExportSignaturesAsync(app, args),
            ("signatures", "report") => await SignatureReportAsync(app),
            _ => await UsageAsync(),
        };
    }

    private static async Task<int> USyncExportAsync(WebApplication app, string[] args)
    {
        var folder = Folder(app, args);
        var written = await app.Services.GetRequiredService<USyncExportService>().ExportAsync(folder);
        Console.WriteLine($"uSync: {written} items written to {folder}");
        return 0;
    }

    private static async Task<int> USyncImportAsync(WebApplication app, string[] args)
    {
        var dryRun = args.Contains("--dry-run");
        var report = await app.Services.GetRequiredService<USyncImportService>().ImportAsync(Folder(app, args), dryRun);
        foreach (var line in report.Changes) Console.WriteLine($"{line.Change,-8} {line.Folder}/{line.Alias} ({line.Key})");
        Console.WriteLine($"uSync: {report.Changes.Count} changes{(dryRun ? " (dry run, nothing written)" : "")}, {report.Unchanged} unchanged");
        return 0;
    }

    private static async Task<int> ExportSignaturesAsync(WebApplication app, string[] args)
    {
        if (!Enum.TryParse<SignatureExportFormat>(Option(args, "--format"), ignoreCase: true, out var format) || Option(args, "--output") is not { } output)
            return await UsageAsync();
        var path = Path.GetFullPath(output);
        int count;
        await using (var file = File.Create(path))
        {
            count = await app.Services.GetRequiredService<SignatureExport>().WriteAsync(file, format);
        }
        Console.WriteLine($"{count} confirmed signatures written to {path}");
        return 0;
    }

    private static async Task<int> SignatureReportAsync(WebApplication app)
    {
        var lines = await app.Services.GetRequiredService<SignatureDomainReport>().BuildAsync();
        Console.WriteLine($"{"domain",-40} {"pending",8} {"confirmed",10}");
        foreach (var line in lines) Console.WriteLine($"{line.Domain,-40} {line.Pending,8} {line.Confirmed,10}");
        Console.WriteLine($"{"total",-40} {lines.Sum(l => l.Pending),8} {lines.Sum(l => l.Confirmed),10}");
        return 0;
    }

    private static async Task<int> UsageAsync()
    {
        await Console.Error.WriteLineAsync(Usage);
        return 2;
    }

    private static string Folder(WebApplication app, string[] args) =>
        Option(args, "--folder") is { } f ? Path.GetFullPath(f) : app.Services.GetRequiredService<SiteOptions>().USyncFolder;

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
