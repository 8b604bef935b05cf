using Npgsql;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Testing;

/// <summary>
/// A fresh, empty database per test host. PostgreSQL comes from the throwaway cluster that test.sh starts; its
/// connection string arrives in <see cref="PostgresVariable"/>. Without it the PostgreSQL tests fail, never skip.
/// </summary>
public static class TestDatabases
{
    public const string PostgresVariable = "PV_TEST_POSTGRES";

    public static string NewSqlite(string directory) => $"Data Source={Path.Combine(directory, "test.db")}";

    public static string NewPostgres()
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrEmpty(server))
            throw new InvalidOperationException(
                $"{PostgresVariable} is not set. Run ./test.sh, which starts a throwaway PostgreSQL cluster and sets it.");
        var name = "pv_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            create.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public static string New(DatabaseProvider provider, string directory) =>
        provider == DatabaseProvider.Postgres ? NewPostgres() : NewSqlite(directory);
}
