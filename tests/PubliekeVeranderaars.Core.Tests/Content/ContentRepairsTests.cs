using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Core.Tests.Content;

public class ContentRepairsTests
{
    /// <summary>What the old editor (Quill 2) saved for "Wij werken samen aan 10 000 ideeën.": every space non-breaking.</summary>
    private const string Damaged = "<p>Wij&nbsp;werken&nbsp;samen&nbsp;aan&nbsp;10&nbsp;000&nbsp;ideeën.</p><ul><li>Eén&nbsp;punt</li></ul>";
    private const string Repaired = "<p>Wij werken samen aan&nbsp;10&nbsp;000 ideeën.</p><ul><li>Eén punt</li></ul>";
    /// <summary>Written by hand, with one non-breaking space meant to keep a name together.</summary>
    private const string Meant = "<p>Wij werken samen met Wij,&nbsp;Publieke Veranderaars.</p>";

    [Fact]
    public async Task Text_the_old_editor_saved_gets_its_spaces_back_in_every_version_once_and_text_written_by_hand_keeps_its_own()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var damagedPage = db.Cache.Current.ByRoute("/privacy/")!.Key;
        var meantPage = db.Cache.Current.Home!.Key;
        var privacy = (await db.Queries.LatestVersionAsync(damagedPage))!;
        var home = (await db.Queries.LatestVersionAsync(meantPage))!;
        await db.Editing.SaveAsync(damagedPage, privacy.Name, [.. privacy.Values.Where(v => v.Alias != "body"), new("body", null, Damaged)], TestDatabase.Editor);
        await db.Publishing.PublishAsync(damagedPage, TestDatabase.Editor);
        await db.Editing.SaveAsync(damagedPage, privacy.Name,
            [.. privacy.Values.Where(v => v.Alias != "body"), new("body", null, $"{{\"markup\":\"{Damaged}\",\"blocks\":null}}")], TestDatabase.Editor);
        const string richAlias = "intro";
        await db.Editing.SaveAsync(meantPage, home.Name, [.. home.Values.Where(v => v.Alias != richAlias), new(richAlias, null, Meant)], TestDatabase.Editor);
        var repairs = new ContentRepairs(db.Writer, NullLogger<ContentRepairs>.Instance);

        await repairs.RunPendingAsync();
        await repairs.RunPendingAsync();

        var bodies = (await db.Queries.VersionsAsync(damagedPage)).Select(v => v.Values.Single(x => x.Alias == "body").Value).ToList();
        Assert.Contains(Repaired, bodies);
        Assert.Contains($"{{\"markup\":\"{Repaired}\",\"blocks\":null}}", bodies);
        Assert.DoesNotContain(bodies, b => b.Contains("Wij&nbsp;werken", StringComparison.Ordinal));
        Assert.Equal(Repaired, db.Cache.Current.ByKey(damagedPage)!.GetHtml("body"));
        Assert.Equal(Meant, (await db.Queries.LatestVersionAsync(meantPage))!.Values.Single(v => v.Alias == richAlias).Value);
        await using var context = db.Database.Open();
        var audit = await context.AuditEntries.Where(e => e.Action == AuditActions.ContentRepair).ToListAsync();
        Assert.Equal(("Systeem", "2 teksten: vaste spaties tussen woorden weer gewone spaties"), (audit.Single().User, audit.Single().Details));
    }
}
