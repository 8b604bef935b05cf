using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Testing;

/// <summary>
/// The real site on a real Kestrel port with its own data directory and a fresh database, seeded from the
/// repository's uSync folder exactly as a first boot does.
/// </summary>
public sealed class SiteHost : WebApplicationFactory<Program>
{
    public const string TestingEnvironment = "Testing";

    private readonly Dictionary<string, string?> _settings;
    private readonly string _environment;
    private readonly Action<IServiceCollection>? _services;
    /// <summary>Set before disposing a host that another host will restart on the same data (a crash test).</summary>
    public bool KeepDataOnDispose { get; set; }

    private int _users;

    public DatabaseProvider Provider { get; }

    /// <summary>Numbers test users of this site in the order they are made: the same names every run (stable screenshots).</summary>
    public int NextUserNumber() => Interlocked.Increment(ref _users);
    public string DataDirectory { get; }
    public string ConnectionString { get; }
    public Uri BaseAddress { get; private set; } = null!;

    /// <param name="provider">The database to run on.</param>
    /// <param name="settings">Configuration on top of the test defaults.</param>
    /// <param name="reuse">Another, disposed host's data directory and database: a restart of that site.</param>
    /// <param name="environment">The hosting environment; "Production" runs the site as it is deployed.</param>
    /// <param name="services">Replaces or wraps services after the site registered its own (test doubles that count).</param>
    /// <param name="emptyDatabase">Start on an empty database, as a new site does: it migrates and imports its uSync folder itself.</param>
    /// <param name="restored">A data directory and database put in place by other means (a restored backup).</param>
    public SiteHost(DatabaseProvider provider, IDictionary<string, string?>? settings = null, SiteHost? reuse = null,
        string environment = TestingEnvironment, Action<IServiceCollection>? services = null, bool emptyDatabase = false,
        (string DataDirectory, string ConnectionString)? restored = null)
    {
        _environment = environment;
        _services = services;
        Provider = provider;
        DataDirectory = restored?.DataDirectory ?? reuse?.DataDirectory ?? Directory.CreateTempSubdirectory("pv-site-").FullName;
        ConnectionString = restored?.ConnectionString ?? reuse?.ConnectionString
                           ?? (emptyDatabase ? TestDatabases.Empty(provider, DataDirectory) : TestDatabases.New(provider, DataDirectory));
        _settings = new Dictionary<string, string?>
        {
            ["Site:DataDirectory"] = DataDirectory,
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:Default"] = ConnectionString,
            ["uSync:Folder"] = RepositoryPaths.USyncSeed,
            ["Serilog:MinimumLevel:Default"] = "Warning",
            // Every test logs in from 127.0.0.1, many times per class; the login limit has tests of its own.
            ["Backoffice:RateLimit:PermitsPerMinute"] = "100000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
        // Kestrel picks a free port itself ("urls" below): the factory's own port setting changes the server's
        // addresses after the host is built, and the site, which goes on preparing itself meanwhile, may already have
        // started its server by then ("Addresses cannot be modified after the server has started", seen under load).
        UseKestrel();
        StartServer();
        BaseAddress = ClientOptions.BaseAddress;
    }

    /// <summary>Settings that send the site's mail to a test SMTP server and check the outbox often.</summary>
    public static Dictionary<string, string?> MailTo(TestSmtpServer smtp) => new()
    {
        ["Mail:Smtp:Host"] = "127.0.0.1",
        ["Mail:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:Outbox:PollSeconds"] = "1",
    };

    public T GetService<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A client that talks to the real port, as a browser would (no in-memory test server).</summary>
    public HttpClient CreateHttpClient(bool followRedirects = false) =>
        new(new HttpClientHandler { AllowAutoRedirect = followRedirects, UseCookies = true }) { BaseAddress = BaseAddress };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
        builder.UseEnvironment(_environment);
        if (_services is not null) builder.ConfigureTestServices(_services);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing || KeepDataOnDispose) return;
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
