using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Web.Infrastructure;

/// <summary>The <c>Site:*</c> settings: where the site keeps its data, and its public address.</summary>
public sealed class SiteOptions
{
    public const string Section = "Site";
    public const string DefaultDataDirectoryName = "App_Data";
    public const string SearchIndexFolderName = "search";
    /// <summary>Data-protection keys (session cookies, antiforgery tokens).</summary>
    public const string KeysFolderName = "keys";
    public const string MailFolderName = "mail";
    public const string BaseUrlExample = "https://publiekeveranderaars.nl";

    /// <summary>Everything the site writes; relative to the content root; <see cref="DefaultDataDirectoryName"/> when unset.</summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>The public address, without a trailing slash; required in Production (links in mail come only from here).</summary>
    public string? BaseUrl { get; set; }

    /// <summary>This node's search index: rebuilt from the published pages when missing, so safe to delete.</summary>
    public string SearchIndexDirectory => Path.Combine(DataDirectory, SearchIndexFolderName);
    public string KeysDirectory => Path.Combine(DataDirectory, KeysFolderName);
    /// <summary>Where mail goes as .eml files when no SMTP host is set.</summary>
    public string MailPickupDirectory => Path.Combine(DataDirectory, MailFolderName);
}

/// <summary><c>Database:Provider</c> and <c>ConnectionStrings:Default</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string ConnectionStringName = "Default";
    public const string SqliteFileName = "publiekeveranderaars.db";

    /// <summary>Sqlite or Postgres, as configured (checked by <see cref="SiteOptionsValidation"/>).</summary>
    public string Provider { get; set; } = nameof(DatabaseProvider.Sqlite);

    /// <summary>From <c>ConnectionStrings:Default</c>; for SQLite the file in the data directory when unset.</summary>
    public string ConnectionString { get; set; } = "";

    public DatabaseProvider DatabaseProvider => Enum.Parse<DatabaseProvider>(Provider, ignoreCase: true);
}

/// <summary>The <c>uSync:*</c> settings: the folder of schema and seed content, and what happens with it.</summary>
public sealed class USyncOptions
{
    public const string Section = "uSync";
    public const string FolderName = "uSync";
    public const string VersionFolder = "v17";

    /// <summary>Relative to the content root; the repository's (or the publish output's) uSync/v17 when unset.</summary>
    public string Folder { get; set; } = "";
    public bool ImportOnFirstBoot { get; set; } = true;
    /// <summary>Write schema and content back to the uSync folder after every change staff make.</summary>
    public bool ExportOnSave { get; set; }
}

/// <summary>
/// Checks the settings the site and its commands cannot run without, when they start. Each failure names the key to
/// set, as a configuration key and as an environment variable, so the one line in the service's journal says what to do.
/// </summary>
public sealed class SiteOptionsValidation : IValidateOptions<SiteOptions>, IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, SiteOptions options)
    {
        if (options.BaseUrl is null) return ValidateOptionsResult.Success;
        return Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && uri.Query.Length == 0 && uri.Fragment.Length == 0
            ? ValidateOptionsResult.Success
            : Fail("Site:BaseUrl", $"must be the site's public address (http or https, no query), not '{options.BaseUrl}'", SiteOptions.BaseUrlExample);
    }

    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        if (!Enum.TryParse<DatabaseProvider>(options.Provider, ignoreCase: true, out var provider))
            return Fail("Database:Provider", $"must be Sqlite or Postgres, not '{options.Provider}'", "Postgres");
        return provider == DatabaseProvider.Postgres && options.ConnectionString.Length == 0
            ? Fail("ConnectionStrings:Default", "is needed with Database:Provider=Postgres", "\"Host=localhost;Database=publiekeveranderaars;Username=pv;Password=...\"")
            : ValidateOptionsResult.Success;
    }

    internal static ValidateOptionsResult Fail(string key, string problem, string example) =>
        ValidateOptionsResult.Fail(new SiteConfigurationException(key, problem, example).Message);
}

/// <summary>The web site in Production needs its public address: mail links come from it and from nowhere else.</summary>
public sealed class BaseUrlRequiredInProduction(IHostEnvironment environment) : IValidateOptions<SiteOptions>
{
    public ValidateOptionsResult Validate(string? name, SiteOptions options) =>
        options.BaseUrl is null && environment.IsProduction()
            ? SiteOptionsValidation.Fail("Site:BaseUrl", "is not set: links in mail need the site's public address", SiteOptions.BaseUrlExample)
            : ValidateOptionsResult.Success;
}

/// <summary>Every setting of the site in one style: bound from its section, completed, validated when the site starts.</summary>
public static class SiteOptionsExtensions
{
    public static TBuilder AddSiteOptions<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddSingleton<SiteOptionsValidation>();
        builder.Services.AddSingleton<IValidateOptions<SiteOptions>>(services => services.GetRequiredService<SiteOptionsValidation>());
        builder.Services.AddSingleton<IValidateOptions<DatabaseOptions>>(services => services.GetRequiredService<SiteOptionsValidation>());

        builder.Services.AddOptions<SiteOptions>().BindConfiguration(SiteOptions.Section)
            .PostConfigure(site =>
            {
                site.DataDirectory = site.DataDirectory.Length > 0
                    ? Path.GetFullPath(site.DataDirectory, contentRoot)
                    : Path.Combine(contentRoot, SiteOptions.DefaultDataDirectoryName);
                site.BaseUrl = site.BaseUrl?.Trim() is { Length: > 0 } url ? url.TrimEnd('/') : null;
            })
            .ValidateOnStart();
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section)
            .PostConfigure<IOptions<SiteOptions>, IConfiguration>((database, site, configuration) =>
            {
                database.ConnectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName) is { Length: > 0 } configured
                    ? configured
                    : string.Equals(database.Provider, nameof(DatabaseProvider.Sqlite), StringComparison.OrdinalIgnoreCase)
                        ? $"Data Source={Path.Combine(site.Value.DataDirectory, DatabaseOptions.SqliteFileName)}"
                        : "";
            })
            .ValidateOnStart();
        builder.Services.AddOptions<USyncOptions>().BindConfiguration(USyncOptions.Section)
            .PostConfigure(usync => usync.Folder = usync.Folder.Length > 0 ? Path.GetFullPath(usync.Folder, contentRoot) : FindUSyncFolder(contentRoot))
            .ValidateOnStart();
        // Classes take the settings themselves; the options are complete and validated when first read.
        builder.Services.AddSingleton(services => services.GetRequiredService<IOptions<SiteOptions>>().Value);
        builder.Services.AddSingleton(services => services.GetRequiredService<IOptions<DatabaseOptions>>().Value);
        builder.Services.AddSingleton(services => services.GetRequiredService<IOptions<USyncOptions>>().Value);
        // The site answers only requests for its own host, unless AllowedHosts says otherwise.
        builder.Services.AddOptions<HostFilteringOptions>().PostConfigure<IOptions<SiteOptions>, IConfiguration>((hosts, site, configuration) =>
        {
            if (string.IsNullOrEmpty(configuration["AllowedHosts"]) && site.Value.BaseUrl is { } baseUrl)
                hosts.AllowedHosts = [new Uri(baseUrl).IdnHost];
        });
        return builder;
    }

    /// <summary>
    /// The uSync/v17 folder: found above the content root (dotnet run from the repository) or next to the binaries
    /// (the publish output carries it).
    /// </summary>
    private static string FindUSyncFolder(string contentRoot)
    {
        foreach (var start in new[] { contentRoot, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, USyncOptions.FolderName, USyncOptions.VersionFolder);
                if (Directory.Exists(candidate)) return candidate;
            }
        }
        return Path.Combine(contentRoot, USyncOptions.FolderName, USyncOptions.VersionFolder);
    }
}
