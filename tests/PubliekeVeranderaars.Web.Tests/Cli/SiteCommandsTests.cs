using System.Diagnostics;
using System.Text;
using PubliekeVeranderaars.Core.Signatures;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Web.Tests.Cli;

/// <summary>The command line on the site's own binary, run as a separate process as staff would run it.</summary>
public sealed class SiteCommandsTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("pv-cli-").FullName;

    private async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
            Environment =
            {
                ["Site__DataDirectory"] = _data, ["uSync__Folder"] = RepositoryPaths.USyncSeed,
                ["Serilog__MinimumLevel__Default"] = "Warning", ["ASPNETCORE_ENVIRONMENT"] = "Production",
            },
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "PubliekeVeranderaars.Web.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output + error);
    }

    private async Task SeedSignaturesAsync()
    {
        var database = new SiteDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_data, "publiekeveranderaars.db")}");
        await database.MigrateAsync();
        await using var db = database.Open();
        var now = DateTime.UtcNow;
        db.Signatures.AddRange(
            new Signature { Key = Guid.NewGuid(), Name = "Anna", Email = "anna@gemeente.example", Status = SignatureStatus.Confirmed, CreatedUtc = now, ConfirmedUtc = now, LastMailUtc = now },
            new Signature { Key = Guid.NewGuid(), Name = "=Bob", Email = "bob@gemeente.example", Status = SignatureStatus.Confirmed, CreatedUtc = now, ConfirmedUtc = now, LastMailUtc = now },
            new Signature { Key = Guid.NewGuid(), Name = "Cas", Email = "cas@flood.example", Status = SignatureStatus.Pending, CreatedUtc = now, LastMailUtc = now });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Export_signatures_writes_the_confirmed_signatures_to_a_csv_file()
    {
        await SeedSignaturesAsync();
        var file = Path.Combine(_data, "export.csv");

        var (exit, output) = await RunAsync("export-signatures", "--format", "csv", "--output", file);

        Assert.True(exit == 0, output);
        Assert.Contains("2 confirmed signatures", output);
        var text = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file));
        Assert.StartsWith("\uFEFFNaam;E-mailadres", text);
        Assert.Contains("'=Bob", text);
        Assert.DoesNotContain("cas@flood.example", text);
    }

    [Fact]
    public async Task Export_signatures_writes_xlsx()
    {
        await SeedSignaturesAsync();
        var file = Path.Combine(_data, "export.xlsx");

        var (exit, output) = await RunAsync("export-signatures", "--format", "xlsx", "--output", file);

        Assert.True(exit == 0, output);
        Assert.Equal("PK"u8.ToArray(), (await File.ReadAllBytesAsync(file))[..2]);
    }

    [Fact]
    public async Task Signatures_report_counts_pending_and_confirmed_per_domain()
    {
        await SeedSignaturesAsync();

        var (exit, output) = await RunAsync("signatures", "report");

        Assert.True(exit == 0, output);
        Assert.Matches(@"gemeente\.example\s+0\s+2", output);
        Assert.Matches(@"flood\.example\s+1\s+0", output);
    }

    [Fact]
    public async Task Search_rebuild_writes_the_index_of_the_published_pages_into_the_data_directory()
    {
        Assert.Equal(0, (await RunAsync("usync", "import")).Exit);
        var index = Path.Combine(_data, "search");
        Directory.CreateDirectory(index);
        File.WriteAllText(Path.Combine(index, "segments_9"), "damaged");

        var (exit, output) = await RunAsync("search", "rebuild");

        Assert.True(exit == 0, output);
        Assert.Matches(@"search: 20 pages indexed in \d+\.\d s", output);
        using var directory = Lucene.Net.Store.FSDirectory.Open(index);
        using var reader = Lucene.Net.Index.DirectoryReader.Open(directory);
        Assert.Equal(20, reader.NumDocs);
    }

    [Fact]
    public async Task A_wrong_command_prints_the_usage_and_exits_with_2()
    {
        var (exit, output) = await RunAsync("export-signatures", "--format", "pdf", "--output", "x");

        Assert.Equal(2, exit);
        Assert.Contains("export-signatures --format csv|xlsx", output);
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);
}
