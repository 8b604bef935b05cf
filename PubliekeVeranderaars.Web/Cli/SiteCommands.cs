using PubliekeVeranderaars.Core.Sync;
using PubliekeVeranderaars.Web.Infrastructure;

namespace PubliekeVeranderaars.Web.Cli;

/// <summary>
/// Commands on the same binary, run without starting the web server:
/// <c>dotnet run --project PubliekeVeranderaars.Web -- usync export|import [--folder DIR] [--dry-run]</c>.
/// </summary>
public static class SiteCommands
{
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] is "usync";

    /// <returns>The process exit code.</returns>
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var options = app.Services.GetRequiredService<SiteOptions>();
        var folder = Option(args, "--folder") is { } f ? Path.GetFullPath(f) : options.USyncFolder;
        await app.Services.GetRequiredService<Core.Storage.SiteDatabase>().MigrateAsync();
        switch (args.ElementAtOrDefault(1))
        {
            case "export":
                var written = await app.Services.GetRequiredService<USyncExportService>().ExportAsync(folder);
                Console.WriteLine($"uSync: {written} items written to {folder}");
                return 0;
            case "import":
                var dryRun = args.Contains("--dry-run");
                var report = await app.Services.GetRequiredService<USyncImportService>().ImportAsync(folder, dryRun);
                foreach (var line in report.Changes) Console.WriteLine($"{line.Change,-8} {line.Folder}/{line.Alias} ({line.Key})");
                Console.WriteLine($"uSync: {report.Changes.Count} changes{(dryRun ? " (dry run, nothing written)" : "")}, {report.Unchanged} unchanged");
                return 0;
            default:
                await Console.Error.WriteLineAsync("Usage: usync export|import [--folder DIR] [--dry-run]");
                return 2;
        }
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
