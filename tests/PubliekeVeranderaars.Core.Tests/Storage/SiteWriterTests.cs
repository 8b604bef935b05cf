using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Tests.Storage;

/// <summary>
/// Every operation is one unit: a failure at any statement, or at the commit itself, leaves the database exactly as
/// it was; only a unit that committed raises its notifications, and its audit entry is part of it.
/// </summary>
public class SiteWriterTests
{
    /// <summary>Every row the content operations touch, in a stable order: equal strings mean equal databases.</summary>
    private static async Task<string> StateAsync(TestDatabase db)
    {
        await using var context = db.Database.Open();
        var state = new StringBuilder();
        foreach (var n in await context.ContentNodes.AsNoTracking().OrderBy(n => n.Key).ToListAsync())
        {
            state.Append($"node {n.Key} {n.ParentKey} {n.ContentTypeAlias} {n.Level} {n.SortOrder} {n.Name} {n.UrlSegment} {n.Trashed} ")
                .Append($"{n.LatestVersionId} {n.PublishedVersionId} {n.AwaitingPublication} {n.PublishAtUtc:O} {n.UnpublishAtUtc:O} {n.ScheduledVersionId}\n");
        }
        foreach (var v in await context.ContentVersions.AsNoTracking().OrderBy(v => v.Id).Select(v => new { v.Id, v.NodeKey, v.Name }).ToListAsync())
            state.Append($"version {v.Id} {v.NodeKey} {v.Name}\n");
        foreach (var r in await context.RedirectUrls.AsNoTracking().OrderBy(r => r.Route).ToListAsync()) state.Append($"redirect {r.Route} {r.NodeKey}\n");
        foreach (var t in await context.DocumentTypes.AsNoTracking().OrderBy(t => t.Alias).Select(t => t.Alias).ToListAsync()) state.Append($"type {t}\n");
        foreach (var f in await context.Forms.AsNoTracking().OrderBy(f => f.Alias).Select(f => new { f.Alias, f.Version }).ToListAsync())
            state.Append($"form {f.Alias} {f.Version}\n");
        state.Append($"audit {await context.AuditEntries.CountAsync()}\njournal {await context.ContentChanges.CountAsync()}\n");
        return state.ToString();
    }

    private static Task<int> CrashAtEveryStepAsync(TestDatabase db, SimulatedCrash crash, Func<Task> operation) =>
        crash.AtEveryStepAsync(() => StateAsync(db), operation);

    private static async Task<(TestDatabase Db, SimulatedCrash Crash)> SeededAsync()
    {
        var crash = new SimulatedCrash();
        return (await TestDatabase.CreateAsync(seed: true, interceptors: [crash]), crash);
    }

    [Fact]
    public async Task A_crash_anywhere_in_a_rename_leaves_everything_as_it_was_and_the_finished_rename_redirects()
    {
        var (db, crash) = await SeededAsync();
        await using var _ = db;
        var key = db.Cache.Current.ByRoute("/privacy/")!.Key;
        var version = (await db.Queries.LatestVersionAsync(key))!;

        var steps = await CrashAtEveryStepAsync(db, crash, () => db.Publishing.SaveAndPublishAsync(key, "Jouw gegevens", version.Values, TestDatabase.Editor));

        Assert.True(steps >= 5, $"only {steps} crash points");
        await db.Cache.RebuildAsync();
        Assert.Equal(key, db.Cache.Current.ByRoute("/jouw-gegevens/")!.Key);
        Assert.Equal("/jouw-gegevens/", db.Cache.Current.RedirectFor("/privacy/"));
    }

    [Fact]
    public async Task A_crash_anywhere_in_a_move_with_children_leaves_every_level_as_it_was()
    {
        var (db, crash) = await SeededAsync();
        await using var _ = db;
        // The seed's structure has no second place for a page with children; let content pages hold initiative lists.
        await using (var context = db.Database.Open())
        {
            var contentPage = await context.DocumentTypes.SingleAsync(t => t.Alias == "contentPage");
            var initiativesPage = await context.DocumentTypes.SingleAsync(t => t.Alias == "initiativesPage");
            contentPage.AllowedChildren = [.. contentPage.AllowedChildren, new DocumentTypeReference(initiativesPage.Key, initiativesPage.Alias)];
            await context.SaveChangesAsync();
        }
        var initiatives = db.Cache.Current.ByRoute("/initiatieven/")!.Key;
        var privacy = db.Cache.Current.ByRoute("/privacy/")!.Key;

        var steps = await CrashAtEveryStepAsync(db, crash, () => db.Tree.MoveAsync(initiatives, privacy, TestDatabase.Editor));

        Assert.True(steps >= 3, $"only {steps} crash points");
        await db.Cache.RebuildAsync();
        Assert.NotNull(db.Cache.Current.ByRoute("/privacy/initiatieven/innovatielab-open-overheid/"));
        Assert.Equal(4, (await db.Queries.NodeAsync(db.Cache.Current.ByRoute("/privacy/initiatieven/innovatielab-open-overheid/")!.Key))!.Level);
    }

    [Fact]
    public async Task A_crash_anywhere_in_a_rollback_leaves_the_versions_as_they_were()
    {
        var (db, crash) = await SeededAsync();
        await using var _ = db;
        var key = db.Cache.Current.ByRoute("/zo-veranderen-wij/delen/")!.Key;
        var first = (await db.Queries.LatestVersionAsync(key))!;
        await db.Editing.SaveAsync(key, "Delen anders", first.Values, TestDatabase.Editor);

        var steps = await CrashAtEveryStepAsync(db, crash, () => db.Editing.RollbackAsync(key, first.Id, TestDatabase.Editor));

        Assert.True(steps >= 3, $"only {steps} crash points");
        Assert.Equal(first.Name, (await db.Queries.LatestVersionAsync(key))!.Name);
        Assert.Equal(3, (await db.Queries.VersionsAsync(key)).Count);
    }

    [Fact]
    public async Task A_crash_anywhere_in_a_usync_import_leaves_an_empty_database_empty()
    {
        var crash = new SimulatedCrash();
        await using var db = await TestDatabase.CreateAsync(interceptors: [crash]);

        var steps = await CrashAtEveryStepAsync(db, crash, () => db.Import.ImportAsync(RepositoryPaths.USyncSeed));

        Assert.True(steps >= 8, $"only {steps} crash points");
        Assert.True(await db.Database.IsEmptyAsync() == false);
        await db.Cache.RebuildAsync();
        Assert.Equal(Directory.GetFiles(Path.Combine(RepositoryPaths.USyncSeed, "Content"), "*.config").Length, db.Cache.Current.All.Count());
    }

    /// <summary>Refuses every publish: a <c>…ing</c> handler, as a workflow rule would be one.</summary>
    private sealed class NoPublishing : SiteNotificationHandler<ContentChangingNotification>
    {
        protected override Task<string?> HandleAsync(ContentChangingNotification notification, CancellationToken cancellationToken) =>
            Task.FromResult(notification.Operation == ContentOperation.Publish ? "Publiceren is vandaag niet toegestaan." : null);
    }

    /// <summary>Counts the notifications raised after commits.</summary>
    private sealed class Recorder : SiteNotificationHandler<ContentChangedNotification>
    {
        public List<ContentChangedNotification> Seen { get; } = [];

        protected override Task<string?> HandleAsync(ContentChangedNotification notification, CancellationToken cancellationToken)
        {
            Seen.Add(notification);
            return Task.FromResult<string?>(null);
        }
    }

    [Fact]
    public async Task A_handler_that_refuses_stops_the_operation_before_anything_is_written()
    {
        var recorder = new Recorder();
        await using var db = await TestDatabase.CreateAsync(seed: true, handlers: [new NoPublishing(), recorder]);
        var key = db.Cache.Current.ByRoute("/privacy/")!.Key;
        var version = (await db.Queries.LatestVersionAsync(key))!;
        var before = await StateAsync(db);
        recorder.Seen.Clear();

        var result = await db.Publishing.SaveAndPublishAsync(key, "Anders", version.Values, TestDatabase.Editor);

        Assert.Equal(ContentOperationStatus.Invalid, result.Status);
        Assert.Equal("Publiceren is vandaag niet toegestaan.", result.Errors.Single().Message);
        Assert.Equal(before, await StateAsync(db));
        Assert.Empty(recorder.Seen);
    }

    [Fact]
    public async Task An_operation_raises_its_notification_once_after_the_commit_with_its_audit_entry_in_it()
    {
        var recorder = new Recorder();
        await using var db = await TestDatabase.CreateAsync(seed: true, handlers: [recorder]);
        var key = db.Cache.Current.ByRoute("/privacy/")!.Key;
        var version = (await db.Queries.LatestVersionAsync(key))!;
        recorder.Seen.Clear();

        await db.Publishing.SaveAndPublishAsync(key, "Privacy", version.Values, TestDatabase.Editor);

        Assert.Equal([ContentOperation.Save, ContentOperation.Publish], recorder.Seen.Select(n => n.Operation));
        await using var context = db.Database.Open();
        var audit = await context.AuditEntries.OrderBy(e => e.Id).Select(e => new { e.User, e.Action }).ToListAsync();
        Assert.Equal([AuditActions.Save, AuditActions.Publish], audit.TakeLast(2).Select(e => e.Action));
        Assert.All(audit.TakeLast(2), e => Assert.Equal(TestDatabase.Editor.Name, e.User));
    }

    [Fact]
    public async Task An_operation_that_awaits_and_returns_nothing_commits_only_when_it_is_done_and_its_error_reaches_the_caller()
    {
        await using var db = await TestDatabase.CreateAsync();

        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => db.Writer.WriteAsync(TestDatabase.Editor, async write =>
        {
            write.Audit(AuditActions.Save, "halverwege");
            await Task.Yield();
            throw new InvalidOperationException("mislukt na een await");
        }));
        await db.Writer.WriteAsync(TestDatabase.Editor, async write =>
        {
            await Task.Yield();
            write.Audit(AuditActions.Save, "na een await");
        });

        Assert.Equal("mislukt na een await", failed.Message);
        await using var context = db.Database.Open();
        Assert.Equal(["na een await"], await context.AuditEntries.Select(e => e.Target).ToListAsync());
    }
}
