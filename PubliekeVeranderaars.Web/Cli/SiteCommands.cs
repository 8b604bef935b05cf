using System.Diagnostics;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Exports;
using PubliekeVeranderaars.Core.Search;
using PubliekeVeranderaars.Core.Signatures;
using PubliekeVeranderaars.Core.Storage;
using PubliekeVeranderaars.Core.Sync;
using PubliekeVeranderaars.Web.Infrastructure;

namespace PubliekeVeranderaars.Web.Cli;

/// <summary>
/// Commands on the same binary, run without the web server: <c>dotnet run --project PubliekeVeranderaars.Web -- COMMAND</c>.
/// They run on a slim generic host with only the storage services: no MVC, no Kestrel, no background jobs, so an
/// export of a million signatures starts at once and stays small in memory.
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
          search rebuild                            writes this node's search index anew from the published pages
        """;

    private static readonly string[] Commands = ["usync", "export-signatures", "signatures", "search"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0]);

    /// <returns>The process exit code.</returns>
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.AddSiteStorage();
        builder.Services.AddSingleton<SignatureExport>();
        builder.Services.AddSingleton<SignatureDomainReport>();
        using var host = builder.Build();
        var services = host.Services;
        // uSync may meet an empty database; the signature commands only read one the site already created.
        if (args[0] is "usync" or "search") await services.GetRequiredService<SiteDatabase>().MigrateAsync();
        return (args[0], args.ElementAtOrDefault(1)) switch
        {
            ("usync", "export") => await USyncExportAsync(services, args),
            ("usync", "import") => await USyncImportAsync(services, args),
            ("export-signatures", _) => await ExportSignaturesAsync(services, args),
            ("signatures", "report") => await SignatureReportAsync(services),
            ("search", "rebuild") => await SearchRebuildAsync(services),
            _ => await UsageAsync(),
        };
    }

    private static async Task<int> USyncExportAsync(IServiceProvider services, string[] args)
    {
        var folder = Folder(services, args);
        var written = await services.GetRequiredService<USyncExportService>().ExportAsync(folder);
        Console.WriteLine($"uSync: {written} items written to {folder}");
        return 0;
    }

    private static async Task<int> USyncImportAsync(IServiceProvider services, string[] args)
    {
        var dryRun = args.Contains("--dry-run");
        var report = await services.GetRequiredService<USyncImportService>().ImportAsync(Folder(services, args), dryRun);
        foreach (var line in report.Changes) Console.WriteLine($"{line.Change,-8} {line.Folder}/{line.Alias} ({line.Key})");
        Console.WriteLine($"uSync: {report.Changes.Count} changes{(dryRun ? " (dry run, nothing written)" : "")}, {report.Unchanged} unchanged");
        return 0;
    }

    private static async Task<int> ExportSignaturesAsync(IServiceProvider services, string[] args)
    {
        if (!Enum.TryParse<ExportFormat>(Option(args, "--format"), ignoreCase: true, out var format) || Option(args, "--output") is not { } output)
            return await UsageAsync();
        var path = Path.GetFullPath(output);
        int count;
        await using (var file = File.Create(path))
        {
            count = await services.GetRequiredService<SignatureExport>().WriteAsync(file, format);
        }
        Console.WriteLine($"{count} confirmed signatures written to {path}");
        return 0;
    }

    private static async Task<int> SignatureReportAsync(IServiceProvider services)
    {
        var lines = await services.GetRequiredService<SignatureDomainReport>().BuildAsync();
        Console.WriteLine($"{"domain",-40} {"pending",8} {"confirmed",10}");
        foreach (var line in lines) Console.WriteLine($"{line.Domain,-40} {line.Pending,8} {line.Confirmed,10}");
        Console.WriteLine($"{"total",-40} {lines.Sum(l => l.Pending),8} {lines.Sum(l => l.Confirmed),10}");
        return 0;
    }

    /// <summary>
    /// Rebuilds the index the site reads. A running site keeps answering from the old index until the new one is
    /// committed, and picks it up within a second.
    /// </summary>
    private static async Task<int> SearchRebuildAsync(IServiceProvider services)
    {
        var cache = services.GetRequiredService<PublishedContentCache>();
        await cache.RebuildAsync();
        var pages = cache.Current.All.ToList();
        var path = services.GetRequiredService<SiteOptions>().SearchIndexDirectory;
        using var index = new ContentSearchIndex(path, services.GetRequiredService<ILogger<ContentSearchIndex>>(), TimeProvider.System);
        var clock = Stopwatch.StartNew();
        var count = index.Rebuild(pages, new ConsoleProgress($"of {pages.Count} pages indexed"));
        Console.WriteLine($"search: {count} pages indexed in {clock.Elapsed.TotalSeconds:0.0} s into {path}");
        return 0;
    }

    private static async Task<int> UsageAsync()
    {
        await Console.Error.WriteLineAsync(Usage);
        return 2;
    }

    private static string Folder(IServiceProvider services, string[] args) =>
        Option(args, "--folder") is { } f ? Path.GetFullPath(f) : services.GetRequiredService<SiteOptions>().USyncFolder;

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    /// <summary>Progress on standard error, written at once (<see cref="Progress{T}"/> would post it to the thread pool).</summary>
    private sealed class ConsoleProgress(string unit) : IProgress<int>
    {
        public void Report(int value) => Console.Error.WriteLine($"{value} {unit}");
    }
}
