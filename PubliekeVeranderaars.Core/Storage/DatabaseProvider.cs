using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PubliekeVeranderaars.Core.Storage;

/// <summary>The two supported databases: SQLite for zero set-up, PostgreSQL for production and several web nodes.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public static class SiteDbContextOptions
{
    public static DbContextOptionsBuilder UseSiteDatabase(this DbContextOptionsBuilder options,
        DatabaseProvider provider, string connectionString) => provider switch
    {
        DatabaseProvider.Sqlite => options.UseSqlite(connectionString,
            sqlite => sqlite.MigrationsAssembly(typeof(SiteDbContext).Assembly.FullName)),
        DatabaseProvider.Postgres => options.UseNpgsql(connectionString,
            npgsql => npgsql.MigrationsAssembly(typeof(SiteDbContext).Assembly.FullName)),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
    };

    /// <summary>Creates the provider's own context type, so that its own migration set is applied.</summary>
    public static SiteDbContext Create(DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            var postgres = new DbContextOptionsBuilder<PostgresSiteDbContext>();
            postgres.UseSiteDatabase(provider, connectionString);
            return new PostgresSiteDbContext(postgres.Options);
        }
        var sqlite = new DbContextOptionsBuilder<SqliteSiteDbContext>();
        sqlite.UseSiteDatabase(provider, connectionString);
        return new SqliteSiteDbContext(sqlite.Options);
    }
}

/// <summary>Lets <c>dotnet ef migrations add --context SqliteSiteDbContext</c> build the model without the web host.</summary>
internal sealed class SqliteSiteDbContextDesignFactory : IDesignTimeDbContextFactory<SqliteSiteDbContext>
{
    public SqliteSiteDbContext CreateDbContext(string[] args) =>
        (SqliteSiteDbContext)SiteDbContextOptions.Create(DatabaseProvider.Sqlite, "Data Source=design.db");
}

/// <summary>Lets <c>dotnet ef migrations add --context PostgresSiteDbContext</c> build the model without a server.</summary>
internal sealed class PostgresSiteDbContextDesignFactory : IDesignTimeDbContextFactory<PostgresSiteDbContext>
{
    public PostgresSiteDbContext CreateDbContext(string[] args) =>
        (PostgresSiteDbContext)SiteDbContextOptions.Create(DatabaseProvider.Postgres, "Host=localhost;Database=design");
}
