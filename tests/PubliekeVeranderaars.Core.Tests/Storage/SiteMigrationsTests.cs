using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Tests.Storage;

/// <summary>
/// Start-up applies migrations only when some are pending; EF Core's own check that the model has no changes
/// without a migration (which costs ~0.5 s of every start) runs here instead, for both providers.
/// </summary>
public class SiteMigrationsTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=model-check.db")]
    [InlineData(DatabaseProvider.Postgres, "Host=localhost;Database=model-check")]
    public void Every_model_change_has_its_migration(DatabaseProvider provider, string connection)
    {
        using var db = SiteDbContextOptions.Create(provider, connection);
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model has changes without a migration: add one with dotnet ef migrations add (README, 'Migrations').");
    }

    [Fact]
    public async Task A_new_database_gets_every_migration_and_a_second_start_finds_none_pending()
    {
        var folder = Directory.CreateTempSubdirectory("pv-migrate-").FullName;
        var database = new SiteDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "site.db")};Pooling=false");

        await database.MigrateAsync();
        await database.MigrateAsync();

        await using var db = database.Open();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Directory.Delete(folder, recursive: true);
    }
}
