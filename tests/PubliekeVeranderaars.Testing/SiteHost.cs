using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Testing;

/// <summary>
/// The real site on a real Kestrel port with its own data directory and a fresh database, seeded from the
/// repository's uSync folder exactly as a first boot does.
/// </summary>
public sealed class SiteHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public DatabaseProvider Provider { get; }
    public string DataDirectory { get; }
    public string ConnectionString { get; }
    public Uri BaseAddress { get; private set; } = null!;

    public SiteHost(DatabaseProvider provider, IDictionary<string, string?>? settings = null)
    {
        Provider = provider;
        DataDirectory = Directory.CreateTempSubdirectory("pv-site-").FullName;
        ConnectionString = TestDatabases.New(provider, DataDirectory);
        _settings = new Dictionary<string, string?>
        {
            ["Site:DataDirectory"] = DataDirectory,
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:Default"] = ConnectionString,
            ["uSync:Folder"] = RepositoryPaths.USyncSeed,
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
        UseKestrel(0);
        StartServer();
        BaseAddress = ClientOptions.BaseAddress;
    }

    public T GetService<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A client that talks to the real port, as a browser would (no in-memory test server).</summary>
    public HttpClient CreateHttpClient(bool followRedirects = false) =>
        new(new HttpClientHandler { AllowAutoRedirect = followRedirects, UseCookies = true }) { BaseAddress = BaseAddress };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.UseEnvironment("Testing");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A log file may still be held open for a moment; the temp folder is cleaned by the OS.
        }
    }
}
