using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Core.Tests.Content;

public class ContentPublishingServiceTests
{
    [Fact]
    public async Task Due_plans_publish_and_unpublish_and_later_plans_wait()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var privacy = db.Cache.Current.ByRoute("/privacy/")!.Key;
        var principles = db.Cache.Current.ByRoute("/zo-veranderen-wij/")!.Key;
        var created = await db.Editing.CreateAsync(principles, "principle", "Gepland",
            [new("number", null, "14"), new("title", null, "Gepland"), new("text", null, "Wij plannen vooruit.")], TestDatabase.Editor);
        await db.Publishing.ScheduleAsync(created.Node!.Key, DateTime.UtcNow.AddMinutes(-1), null, TestDatabase.Editor);
        await db.Publishing.ScheduleAsync(privacy, null, DateTime.UtcNow.AddMinutes(-1), TestDatabase.Editor);
        var later = db.Cache.Current.ByRoute("/zo-veranderen-wij/leren/")!.Key;
        await db.Publishing.ScheduleAsync(later, null, DateTime.UtcNow.AddHours(1), TestDatabase.Editor);

        var done = await db.Publishing.RunScheduleAsync();

        Assert.Equal(2, done);
        Assert.NotNull(db.Cache.Current.ByRoute("/zo-veranderen-wij/gepland/"));
        Assert.Null(db.Cache.Current.ByRoute("/privacy/"));
        Assert.NotNull(db.Cache.Current.ByRoute("/zo-veranderen-wij/leren/"));
        Assert.Equal(0, await db.Publishing.RunScheduleAsync());
    }

    [Fact]
    public async Task Unpublishing_before_publishing_is_refused()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var key = db.Cache.Current.ByRoute("/privacy/")!.Key;

        var result = await db.Publishing.ScheduleAsync(key, DateTime.UtcNow.AddDays(2), DateTime.UtcNow.AddDays(1), TestDatabase.Editor);

        Assert.Equal(ContentOperationStatus.Invalid, result.Status);
    }

    [Fact]
    public async Task A_planned_publication_is_audited_as_planned_and_again_when_it_goes_live_by_the_schedule()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var key = db.Cache.Current.ByRoute("/zo-veranderen-wij/delen/")!.Key;
        var version = (await db.Queries.LatestVersionAsync(key))!;
        await db.Editing.SaveAsync(key, "Delen", [.. version.Values.Where(v => v.Alias != "text"), new("text", null, "Gepland gedeeld.")], TestDatabase.Editor);
        var at = DateTime.UtcNow.AddSeconds(-1);

        await db.Publishing.ScheduleAsync(key, at, null, TestDatabase.Editor);
        await db.Publishing.RunScheduleAsync();

        await using var context = db.Database.Open();
        var audit = await context.AuditEntries.Where(e => e.Target.Contains(key.ToString())).OrderBy(e => e.Id).ToListAsync();
        var planned = audit.Single(e => e.Action == Core.Backoffice.AuditActions.Schedule);
        Assert.Equal(TestDatabase.Editor.Name, planned.User);
        Assert.Contains(DutchFormat.DateTime(at), planned.Details);
        var live = audit.Last();
        Assert.Equal((Core.Backoffice.AuditActions.Publish, PubliekeVeranderaars.Core.Storage.Actor.Schedule.Name), (live.Action, live.User));
        Assert.True(live.Utc >= planned.Utc);
        Assert.DoesNotContain(audit, e => e.Action == Core.Backoffice.AuditActions.Publish && e.User == TestDatabase.Editor.Name);
        Assert.Equal("Gepland gedeeld.", db.Cache.Current.ByKey(key)!.GetString("text"));
    }
}
