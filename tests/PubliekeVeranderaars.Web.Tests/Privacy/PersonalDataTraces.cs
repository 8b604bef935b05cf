using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Web.Tests.Privacy;

/// <summary>
/// Everything a site keeps, as text to search: every row of every table, every file under the data directory (the
/// database file itself, its journal, the logs, the mail pickup folder, the search index). A person who is gone must
/// be in none of it.
/// </summary>
public static class PersonalDataTraces
{
    public static async Task<IReadOnlyList<string>> WhereAsync(SiteHost site, params string[] needles)
    {
        var found = new List<string>();
        await using (var db = site.GetService<SiteDatabase>().Open())
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            foreach (var table in db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct())
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT * FROM \"{table}\"";
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    var row = Row(reader);
                    foreach (var needle in needles.Where(n => row.Contains(n, StringComparison.OrdinalIgnoreCase))) found.Add($"table {table}: {needle} in {row}");
                }
            }
        }
        foreach (var file in Directory.EnumerateFiles(site.DataDirectory, "*", SearchOption.AllDirectories))
        {
            var text = await ReadSharedAsync(file);
            foreach (var needle in needles.Where(n => text.Contains(n, StringComparison.OrdinalIgnoreCase)))
                found.Add($"file {Path.GetRelativePath(site.DataDirectory, file)}: {needle}");
        }
        return found;
    }

    private static string Row(DbDataReader reader)
    {
        var row = new StringBuilder();
        for (var i = 0; i < reader.FieldCount; i++) row.Append(reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append(" | ");
        return row.ToString();
    }

    /// <summary>Files the site holds open (the log, the database) are read alongside it; bytes as Latin-1, so nothing fails to decode.</summary>
    private static async Task<string> ReadSharedAsync(string file)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory);
        var bytes = memory.ToArray();
        // UTF-8 and Latin-1 readings both: a name with accents is found in either encoding of the file.
        return Encoding.UTF8.GetString(bytes) + "\n" + Encoding.Latin1.GetString(bytes);
    }
}
