using Xunit;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Testing;

/// <summary>One seeded site per test class, on SQLite.</summary>
public sealed class SqliteSiteFixture : IDisposable
{
    public SiteHost Site { get; } = new(DatabaseProvider.Sqlite);
    public void Dispose() => Site.Dispose();
}

/// <summary>One seeded site per test class, on a fresh PostgreSQL database.</summary>
public sealed class PostgresSiteFixture : IDisposable
{
    public SiteHost Site { get; } = new(DatabaseProvider.Postgres);
    public void Dispose() => Site.Dispose();
}

/// <summary>A seeded site whose mail goes to a real SMTP server in the test process.</summary>
public abstract class MailSiteFixture : IAsyncLifetime
{
    public TestSmtpServer Smtp { get; } = new();
    public SiteHost Site { get; }

    protected MailSiteFixture(DatabaseProvider provider)
    {
        var settings = SiteHost.MailTo(Smtp);
        // Every test in a class posts from 127.0.0.1; the rate limit has a test of its own.
        settings["Forms:RateLimit:PermitsPerMinute"] = "1000000";
        Site = new SiteHost(provider, settings);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        Site.Dispose();
        await Smtp.DisposeAsync();
    }
}

public sealed class SqliteMailSiteFixture() : MailSiteFixture(DatabaseProvider.Sqlite);

public sealed class PostgresMailSiteFixture() : MailSiteFixture(DatabaseProvider.Postgres);
