using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using PubliekeVeranderaars.Core.Backups;
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
/// export of a million signatures starts at once and stays small in memory. Each prepares the database as the site
/// does (migrations, the first import into an empty database) and writes what it changes to the audit trail as "CLI".
/// </summary>
public static class SiteCommands
{
    public const int Succeeded = 0;
    /// <summary>The command ran and could not do its work (a missing folder, an empty database); one line says why.</summary>
    public const int Failed = 1;
    /// <summary>The command line itself was wrong: an unknown command or option (the shell convention for misuse).</summary>
    public const int Misused = 2;

    private static readonly string[] HelpWords = ["help", "--help", "-h", "-?", "/?"];

    /// <summary>
    /// A command, rather than the site: a first word that is not an option for the web host ("--urls", "--Key=value")
    /// nor a setting ("Key=value"). An unknown word is a command too, so it gets usage instead of starting a server.
    /// </summary>
    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (HelpWords.Contains(args[0]) || (!args[0].StartsWith('-') && !args[0].Contains('=')));

    /// <returns>The process exit code.</returns>
    public static async Task<int> RunAsync(string[] args)
    {
        var root = Commands();
        // "help usync" means "usync --help", as in git.
        if (args is ["help", .. var topic]) args = [.. topic, "--help"];
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) await Console.Error.WriteLineAsync($"error: {error.Message}");
            await Console.Error.WriteLineAsync();
            await root.Parse([.. CommandPath(parsed), "--help"]).InvokeAsync(new InvocationConfiguration { Output = Console.Error });
            return Misused;
        }
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (IsFailure(e))
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return e is SiteConfigurationException or OptionsValidationException ? SiteConfigurationException.ExitCode : Failed;
        }
    }

    /// <summary>Problems a person can fix (a path, a setting, a file): one line, no stack trace. Anything else is a bug and shows its trace.</summary>
    private static bool IsFailure(Exception e) =>
        e is CommandFailedException or SiteConfigurationException or OptionsValidationException or USyncFormatException or BackupException or IOException
            or UnauthorizedAccessException;

    private static RootCommand Commands()
    {
        var root = new RootCommand("Wij, Publieke Veranderaars: commands on the site's own data, without starting the web server. " +
                                   "Settings come from appsettings.json and environment variables (Site__DataDirectory=...), as for the site.");

        var folder = new Option<string?>("--folder") { Description = "The uSync folder (default: uSync:Folder, the repository's uSync/v17)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Report what would change, write nothing." };
        var usync = new Command("usync", "Schema and content as uSync files.");
        var export = new Command("export", "Database -> uSync files.") { folder };
        export.SetAction((result, ct) => RunAsync(services => USyncExportAsync(services, result.GetValue(folder), ct)));
        var import = new Command("import", "uSync files -> database.") { folder, dryRun };
        import.SetAction((result, ct) => RunAsync(services => USyncImportAsync(services, result.GetValue(folder), result.GetValue(dryRun), ct), firstBootImport: false));
        usync.Add(export);
        usync.Add(import);
        root.Add(usync);

        var format = new Option<ExportFormat>("--format") { Description = "csv (Dutch Excel: semicolons, UTF-8 with BOM) or xlsx.", Required = true };
        var output = new Option<FileInfo>("--output") { Description = "The file to write.", Required = true };
        var exportSignatures = new Command("export-signatures", "Confirmed signatures, for staff. Personal data: handle with care.") { format, output };
        exportSignatures.SetAction((result, ct) => RunAsync(services => ExportSignaturesAsync(services, result.GetValue(format), result.GetValue(output)!, ct)));
        root.Add(exportSignatures);

        var signatures = new Command("signatures", "Signatures.");
        var report = new Command("report", "Pending and confirmed signatures per mail domain.");
        report.SetAction((_, ct) => RunAsync(services => SignatureReportAsync(services, ct)));
        signatures.Add(report);
        root.Add(signatures);

        var backupOutput = new Option<FileInfo>("--output") { Description = "The backup file to write (a zip).", Required = true };
        var backup = new Command("backup", "A consistent copy of the running site's data: database, data-protection keys, the uSync folder if the site writes it.") { backupOutput };
        backup.SetAction((result, ct) => RunAsync(services => BackupAsync(services, result.GetValue(backupOutput)!, ct)));
        root.Add(backup);
        var restoreInput = new Option<FileInfo>("--input") { Description = "A file made by 'backup'.", Required = true };
        var restore = new Command("restore", "Puts a backup into this site's empty data directory and empty database; refuses anything else.") { restoreInput };
        // No preparation: an empty database must stay empty for the restore (the backup brings its own schema).
        restore.SetAction((result, ct) => RunAsync(services => RestoreAsync(services, result.GetValue(restoreInput)!, ct), prepare: false));
        root.Add(restore);

        var privacy = new Command("privacy", "Personal data.");
        var retention = new Command("retention", "Every kind of personal data stored, how many records, and how long each is kept.");
        retention.SetAction((_, ct) => RunAsync(services => RetentionAsync(services, ct)));
        privacy.Add(retention);
        root.Add(privacy);

        var search = new Command("search", "This node's search index.");
        var rebuild = new Command("rebuild", "Writes the index anew from the published pages; safe while the site runs.");
        rebuild.SetAction((_, ct) => RunAsync(services => SearchRebuildAsync(services, ct)));
        search.Add(rebuild);
        root.Add(search);
        return root;
    }

    /// <summary>Runs a command on its own services (storage only), with the database prepared as the site would prepare it.</summary>
    private static async Task<int> RunAsync(Func<IServiceProvider, Task<int>> command, bool firstBootImport = true, bool prepare = true)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.AddSiteStorage();
        builder.Services.AddSingleton<Core.Backoffice.AuditLog>();
        builder.Services.AddSingleton<SignatureExport>();
        builder.Services.AddSingleton<SignatureDomainReport>();
        builder.Services.AddSingleton<Core.Forms.FormDefinitionStore>();
        builder.Services.AddSingleton<Core.Privacy.PersonalDataRetention>();
        var host = builder.Build();
        try
        {
            host.Services.GetService<IStartupValidator>()?.Validate();
            if (prepare) await SiteStorageExtensions.PrepareDatabaseAsync(host.Services, Actor.CommandLine, firstBootImport);
            return await command(host.Services);
        }
        finally
        {
            // The write path's group commit finishes its last batch on an asynchronous dispose.
            await ((IAsyncDisposable)host).DisposeAsync();
        }
    }

    private static async Task<int> USyncExportAsync(IServiceProvider services, string? folder, CancellationToken ct)
    {
        var target = Folder(services, folder);
        if (await services.GetRequiredService<SiteDatabase>().IsEmptyAsync(ct))
            throw new CommandFailedException("The database is empty (uSync:ImportOnFirstBoot is off and nothing was imported): there is nothing to export. Run 'usync import' first.");
        var written = await services.GetRequiredService<USyncExportService>().ExportAsync(target, Progress("files written"), ct);
        Console.WriteLine($"uSync: {written} items written to {target}");
        await services.GetRequiredService<Core.Backoffice.AuditLog>().WriteAsync(Actor.CommandLine, Core.Backoffice.AuditActions.USyncExport, target, $"{written} bestanden", ct);
        return Succeeded;
    }

    private static async Task<int> USyncImportAsync(IServiceProvider services, string? folder, bool dryRun, CancellationToken ct)
    {
        var source = Folder(services, folder);
        if (!Directory.Exists(source)) throw new CommandFailedException($"uSync folder not found: {source}");
        var report = await services.GetRequiredService<USyncImportService>().ImportAsync(source, dryRun, Actor.CommandLine, Progress("content items read"), ct);
        foreach (var line in report.Changes) Console.WriteLine($"{line.Change,-8} {line.Folder}/{line.Alias} ({line.Key})");
        foreach (var duplicate in report.Duplicates) Console.WriteLine($"skipped  {duplicate.SkippedFile}: same key as {duplicate.KeptFile}");
        foreach (var missing in report.MissingReferences) Console.WriteLine($"missing  {missing}");
        foreach (var file in report.MissingFiles) Console.WriteLine($"no file  {file}");
        foreach (var file in report.RefusedFiles) Console.WriteLine($"refused  {file}");
        Console.WriteLine($"uSync: {report.Changes.Count} changes{(dryRun ? " (dry run, nothing written)" : "")}, {report.Unchanged} unchanged");
        return Succeeded;
    }

    private static async Task<int> ExportSignaturesAsync(IServiceProvider services, ExportFormat format, FileInfo output, CancellationToken ct)
    {
        int count;
        await using (var file = File.Create(output.FullName))
        {
            count = await services.GetRequiredService<SignatureExport>().WriteAsync(file, format, ct);
        }
        await services.GetRequiredService<Core.Backoffice.AuditLog>()
            .WriteAsync(Actor.CommandLine, Core.Backoffice.AuditActions.ExportPersonalData, "ondertekeningen", $"{format.ToString().ToLowerInvariant()} naar {output.FullName}", ct);
        Console.WriteLine($"{count} confirmed signatures written to {output.FullName}");
        return Succeeded;
    }

    private static async Task<int> SignatureReportAsync(IServiceProvider services, CancellationToken ct)
    {
        var lines = await services.GetRequiredService<SignatureDomainReport>().BuildAsync(ct);
        Console.WriteLine($"{"domain",-40} {"pending",8} {"confirmed",10}");
        foreach (var line in lines) Console.WriteLine($"{line.Domain,-40} {line.Pending,8} {line.Confirmed,10}");
        Console.WriteLine($"{"total",-40} {lines.Sum(l => l.Pending),8} {lines.Sum(l => l.Confirmed),10}");
        return Succeeded;
    }

    private static SiteBackup Backup(IServiceProvider services)
    {
        var database = services.GetRequiredService<DatabaseOptions>();
        var usync = services.GetRequiredService<USyncOptions>();
        return new SiteBackup(services.GetRequiredService<SiteDatabase>(), new BackupLocations(database.DatabaseProvider, database.ConnectionString,
            services.GetRequiredService<SiteOptions>().KeysDirectory, usync.ExportOnSave ? usync.Folder : null,
            services.GetRequiredService<Core.Media.IMediaFileStore>() is Core.Media.FolderMediaFileStore folder ? folder.Root : null));
    }

    private static async Task<int> BackupAsync(IServiceProvider services, FileInfo output, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var manifest = await Backup(services).WriteAsync(output.FullName, ct);
        Console.WriteLine($"backup: {output.FullName} ({new FileInfo(output.FullName).Length / 1024} KB, {clock.Elapsed.TotalSeconds:0.0} s): " +
                          $"{manifest.Provider} at {manifest.LastMigration}, {manifest.ConfirmedSignatures} confirmed signatures, {manifest.Entries} entries" +
                          (manifest.HasKeys ? ", data-protection keys" : ", NO data-protection keys (sessions and protected links will not survive)") +
                          (manifest.HasUSync ? ", uSync folder" : ""));
        return Succeeded;
    }

    private static async Task<int> RestoreAsync(IServiceProvider services, FileInfo input, CancellationToken ct)
    {
        if (!input.Exists) throw new BackupException($"{input.FullName} does not exist");
        var manifest = await Backup(services).RestoreAsync(input.FullName, ct);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Console.WriteLine($"restore: the backup of {manifest.MadeUtc:yyyy-MM-dd HH:mm:ss} UTC is in place ({manifest.ConfirmedSignatures} confirmed signatures, " +
                          $"{manifest.Entries} entries). Start the site: it brings the schema up to date and rebuilds its search index.");
        return Succeeded;
    }

    /// <summary>The retention overview, as the back office shows it, for an operator's terminal.</summary>
    private static async Task<int> RetentionAsync(IServiceProvider services, CancellationToken ct)
    {
        await services.GetRequiredService<Core.Forms.FormDefinitionStore>().RefreshAsync(ct);
        var kinds = await services.GetRequiredService<Core.Privacy.PersonalDataRetention>().OverviewAsync(SiteLoggingExtensions.RetainedLogFiles, ct);
        Console.WriteLine($"{"soort",-40} {"aantal",8}  bewaartermijn");
        foreach (var kind in kinds) Console.WriteLine($"{kind.Kind,-40} {(kind.Count >= 0 ? kind.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-"),8}  {kind.Rule}");
        var next = Jobs.DeleteExpiredPersonalDataJob.Schedule.GetNextOccurrence(DateTime.UtcNow, TimeZoneInfo.Utc);
        Console.WriteLine($"Opruimen: elk uur (cron '{Jobs.DeleteExpiredPersonalDataJob.Schedule}', UTC) zolang de site draait; "
            + (next is { } at ? $"de volgende keer om {Core.DutchFormat.DateTime(at)}." : "geen volgende keer gepland."));
        return Succeeded;
    }

    /// <summary>
    /// Rebuilds the index the site reads. A running site keeps answering from the old index until the new one is
    /// committed, and picks it up within a second.
    /// </summary>
    private static async Task<int> SearchRebuildAsync(IServiceProvider services, CancellationToken ct)
    {
        var cache = services.GetRequiredService<Core.Content.PublishedContentCache>();
        await cache.RebuildAsync(ct);
        var pages = cache.Current.All.ToList();
        var path = services.GetRequiredService<SiteOptions>().SearchIndexDirectory;
        using var index = new ContentSearchIndex(path, services.GetRequiredService<ILogger<ContentSearchIndex>>(), TimeProvider.System);
        var clock = Stopwatch.StartNew();
        var count = index.Rebuild(pages, Progress($"of {pages.Count} pages indexed"));
        Console.WriteLine($"search: {count} pages indexed in {clock.Elapsed.TotalSeconds:0.0} s into {path}");
        await services.GetRequiredService<Core.Backoffice.AuditLog>().WriteAsync(Actor.CommandLine, Core.Backoffice.AuditActions.SearchRebuild, path, $"{count} pagina's", ct);
        return Succeeded;
    }

    private static string Folder(IServiceProvider services, string? option) =>
        option is { Length: > 0 } given ? Path.GetFullPath(given) : services.GetRequiredService<USyncOptions>().Folder;

    /// <summary>The words of the command that was meant, for its help after a mistake ("usync" for "usync exprot").</summary>
    private static IEnumerable<string> CommandPath(ParseResult parsed)
    {
        var path = new List<string>();
        for (var command = parsed.CommandResult; command.Parent is System.CommandLine.Parsing.CommandResult parent; command = parent)
            path.Insert(0, command.Command.Name);
        return path;
    }

    /// <summary>
    /// Progress on a terminal only, on one line of standard error, written at once (<see cref="Progress{T}"/> would
    /// post it to the thread pool). Redirected output (a script, a log) gets the result lines only.
    /// </summary>
    private static IProgress<int>? Progress(string unit) => Console.IsErrorRedirected ? null : new TerminalProgress(unit);

    private sealed class TerminalProgress(string unit) : IProgress<int>
    {
        public void Report(int value) => Console.Error.WriteLine($"{value} {unit}");
    }

    /// <summary>A command that cannot do its work for a reason the person running it can fix; the message says what.</summary>
    private sealed class CommandFailedException(string message) : Exception(message);
}
