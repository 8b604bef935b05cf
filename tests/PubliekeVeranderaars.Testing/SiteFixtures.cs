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
