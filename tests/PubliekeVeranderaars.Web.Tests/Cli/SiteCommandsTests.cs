using System.Text;
using PubliekeVeranderaars.Core.Signatures;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Web.Tests.Cli;

/// <summary>The command line on the site's own binary, run as a separate process as staff would run it.</summary>
public sealed class SiteCommandsTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("pv-cli-").FullName;

    private Task<(int Exit, string Output)> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string>(), args);

    private Task<(int Exit, string Output)> RunAsync(IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        var environment = new Dictionary<string, string>
        {
            ["Site__DataDirectory"] = _data, ["uSync__Folder"] = RepositoryPaths.USyncSeed, ["Serilog__MinimumLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings) environment[key] = value;
        return SiteProcess.RunAsync(environment, TimeSpan.FromMinutes(2), args);
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
    public async Task Privacy_retention_lists_each_kind_of_personal_data_with_its_count_and_period()
    {
        await SeedSignaturesAsync();

        var (exit, output) = await RunAsync("privacy", "retention");

        Assert.True(exit == 0, output);
        Assert.Matches(@"Onbevestigde ondertekeningen\s+1\s+verwijderd 14 dagen na het ondertekenen", output);
        Assert.Matches(@"Bevestigde ondertekeningen\s+2\s+", output);
        Assert.Matches(@"Aanmeldingen: Doe mee\s+0\s+verwijderd 180 dagen", output);
        Assert.Contains("Logbestanden", output);
        Assert.Matches(@"de volgende keer om \d+ \w+ \d{4}", output);
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
        var pages = Directory.GetFiles(Path.Combine(RepositoryPaths.USyncSeed, "Content"), "*.config").Length;
        Assert.Matches($@"search: {pages} pages indexed in \d+\.\d s", output);
        using var directory = Lucene.Net.Store.FSDirectory.Open(index);
        using var reader = Lucene.Net.Index.DirectoryReader.Open(directory);
        Assert.Equal(pages, reader.NumDocs);
    }

    [Fact]
    public async Task A_wrong_option_value_prints_the_commands_usage_and_exits_with_2()
    {
        var (exit, output) = await RunAsync("export-signatures", "--format", "pdf", "--output", "x");

        Assert.Equal(2, exit);
        Assert.Contains("error:", output);
        Assert.Contains("--format", output);
        Assert.Contains("--output", output);
        Assert.DoesNotContain("Now listening", output);
    }

    [Theory]
    [InlineData("help")]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_lists_every_command_and_exits_with_0_without_starting_the_site(string help)
    {
        var (exit, output) = await RunAsync(help);

        Assert.True(exit == 0, output);
        foreach (var command in new[] { "usync", "export-signatures", "signatures", "search" }) Assert.Contains(command, output);
        Assert.DoesNotContain("Now listening", output);
    }

    [Fact]
    public async Task Help_on_a_command_shows_its_own_options()
    {
        var (exit, output) = await RunAsync("help", "usync", "import");

        Assert.True(exit == 0, output);
        Assert.Contains("--folder", output);
        Assert.Contains("--dry-run", output);
    }

    [Fact]
    public async Task An_unknown_command_prints_the_usage_and_exits_with_2_without_starting_the_site()
    {
        var (exit, output) = await RunAsync("frobnicate");

        Assert.Equal(2, exit);
        Assert.Contains("frobnicate", output);
        Assert.Contains("Commands:", output);
        Assert.DoesNotContain("Now listening", output);
    }

    [Fact]
    public async Task Importing_a_missing_folder_says_so_in_one_line_and_exits_with_1()
    {
        var missing = Path.Combine(_data, "bestaat-niet");

        var (exit, output) = await RunAsync("usync", "import", "--folder", missing);

        Assert.Equal(1, exit);
        Assert.Equal($"error: uSync folder not found: {missing}", output.Trim());
    }

    [Fact]
    public async Task Exporting_from_a_clone_where_the_site_never_ran_prepares_the_database_as_the_site_would()
    {
        var folder = Path.Combine(_data, "export");

        var (exit, output) = await RunAsync("usync", "export", "--folder", folder);

        Assert.True(exit == 0, output);
        Assert.Matches(@"uSync: 4\d items written to", output);
        Assert.Equal(Directory.GetFiles(Path.Combine(RepositoryPaths.USyncSeed, "Content")).Length, Directory.GetFiles(Path.Combine(folder, "Content")).Length);
    }

    [Fact]
    public async Task Exporting_an_empty_database_without_a_first_import_says_why_and_exits_with_1()
    {
        var (exit, output) = await RunAsync(new Dictionary<string, string> { ["uSync__ImportOnFirstBoot"] = "false" },
            "usync", "export", "--folder", Path.Combine(_data, "export"));

        Assert.Equal(1, exit);
        Assert.Contains("The database is empty", output);
        Assert.DoesNotContain("   at ", output);
        Assert.False(Directory.Exists(Path.Combine(_data, "export")));
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);
}
