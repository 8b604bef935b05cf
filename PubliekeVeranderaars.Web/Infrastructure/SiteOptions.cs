using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Web.Infrastructure;

/// <summary>The site's configuration, resolved once at start-up from the keys in ARCHITECTURE.md.</summary>
public sealed class SiteOptions
{
    public const string DefaultDataDirectoryName = "App_Data";
    public const string SqliteFileName = "publiekeveranderaars.db";
    public const string USyncFolderName = "uSync";
    public const string USyncVersionFolder = "v17";
    public const string SearchIndexFolderName = "search";
    /// <summary>Data-protection keys (session cookies, antiforgery tokens).</summary>
    public const string KeysFolderName = "keys";

    public required string DataDirectory { get; init; }
    public required DatabaseProvider DatabaseProvider { get; init; }
    public required string ConnectionString { get; init; }
    public required string USyncFolder { get; init; }
    public required bool ImportOnFirstBoot { get; init; }
    /// <summary>Write schema and content back to the uSync folder after every save in the back office.</summary>
    public bool ExportOnSave { get; init; }
    public string? BaseUrl { get; init; }
    /// <summary>This node's search index: rebuilt from the published pages when missing, so safe to delete.</summary>
    public string SearchIndexDirectory => Path.Combine(DataDirectory, SearchIndexFolderName);

    /// <summary>Resolves the options once per host; logging and storage both need them before the app is built.</summary>
    public static SiteOptions For(IHostApplicationBuilder builder)
    {
        if (builder.Properties.TryGetValue(typeof(SiteOptions), out var cached)) return (SiteOptions)cached;
        var options = From(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Properties[typeof(SiteOptions)] = options;
        return options;
    }

    public static SiteOptions From(IConfiguration configuration, string contentRoot)
    {
        var dataDirectory = configuration["Site:DataDirectory"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, contentRoot)
            : Path.Combine(contentRoot, DefaultDataDirectoryName);
        Directory.CreateDirectory(dataDirectory);

        var providerName = configuration["Database:Provider"] is { Length: > 0 } p ? p : nameof(DatabaseProvider.Sqlite);
        if (!Enum.TryParse<DatabaseProvider>(providerName, ignoreCase: true, out var provider))
            throw new SiteConfigurationException("Database:Provider", $"must be Sqlite or Postgres, not '{providerName}'", "Postgres");

        var connectionString = configuration.GetConnectionString("Default") is { Length: > 0 } cs
            ? cs
            : provider == DatabaseProvider.Sqlite
                ? $"Data Source={Path.Combine(dataDirectory, SqliteFileName)}"
                : throw new SiteConfigurationException("ConnectionStrings:Default", "is needed with Database:Provider=Postgres",
                    "\"Host=localhost;Database=publiekeveranderaars;Username=pv;Password=...\"");

        return new SiteOptions
        {
            DataDirectory = dataDirectory,
            DatabaseProvider = provider,
            ConnectionString = connectionString,
            USyncFolder = configuration["uSync:Folder"] is { Length: > 0 } folder
                ? Path.GetFullPath(folder, contentRoot)
                : FindRepositoryUSyncFolder(contentRoot),
            ImportOnFirstBoot = configuration.GetValue("uSync:ImportOnFirstBoot", true),
            ExportOnSave = configuration.GetValue("uSync:ExportOnSave", false),
            BaseUrl = configuration["Site:BaseUrl"] is { Length: > 0 } baseUrl ? ValidBaseUrl(baseUrl) : null,
        };
    }

    public const string BaseUrlExample = "https://publiekeveranderaars.nl";

    private static string ValidBaseUrl(string value) =>
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && uri.Query.Length == 0 && uri.Fragment.Length == 0
            ? uri.GetLeftPart(UriPartial.Path).TrimEnd('/')
            : throw new SiteConfigurationException("Site:BaseUrl", $"must be the site's public address (http or https, no query), not '{value}'", BaseUrlExample);

    /// <summary>
    /// The repository's uSync/v17 folder: found above the content root (dotnet run) or next to the binaries (publish).
    /// </summary>
    private static string FindRepositoryUSyncFolder(string contentRoot)
    {
        foreach (var start in new[] { contentRoot, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, USyncFolderName, USyncVersionFolder);
                if (Directory.Exists(candidate)) return candidate;
            }
        }
        return Path.Combine(contentRoot, USyncFolderName, USyncVersionFolder);
    }
}
