using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Core.Storage;

/// <summary>
/// Who did something, as the audit trail names them: a back-office user (their address), or the site itself.
/// </summary>
public readonly record struct Actor(string Name)
{
    /// <summary>A publication or unpublication an editor planned, carried out at its time.</summary>
    public static readonly Actor Schedule = new("Planning");
    /// <summary>A command on the command line.</summary>
    public static readonly Actor CommandLine = new("CLI");
    /// <summary>The site's own jobs: retention, expiry, the first import.</summary>
    public static readonly Actor System = new("Systeem");
    /// <summary>Somebody on the public site: a signature, a sign-up. Never named: the audit trail holds no visitor data.</summary>
    public static readonly Actor Visitor = new("Bezoeker");

    public static Actor User(string email) => new(email);

    /// <summary>Staff, as opposed to the site itself or a visitor.</summary>
    public bool IsUser => this != Schedule && this != CommandLine && this != System && this != Visitor;

    public override string ToString() => Name;
}

/// <summary>
/// The one write path. Every change to the site's data runs through <see cref="WriteAsync{T}"/> as one unit, in the
/// shape Umbraco gives its services: the operation may be vetoed by a <c>…ing</c> notification, makes its change,
/// writes its audit entries, and commits, all in one transaction (under SQLite's single-writer lock); only after the
/// commit are its <c>…ed</c> notifications raised, each once. A crash or an error anywhere before the commit leaves
/// the database exactly as it was.
/// </summary>
public sealed class SiteWriter(SiteDatabase database, SiteNotifications notifications, TimeProvider clock, ILogger<SiteWriter> logger)
    : IAsyncDisposable
{
    private readonly CommitQueue _group = new(database, notifications, clock, logger);

    public async Task<T> WriteAsync<T>(Actor actor, Func<SiteWrite, Task<T>> operation, CancellationToken cancellationToken = default)
    {
        await using var db = database.Open();
        return await WriteInAsync(db, actor, operation, cancellationToken);
    }

    /// <summary>
    /// The same unit, in a context someone else opened and disposes: ASP.NET Core Identity's user store saves through
    /// the request's context (after each of its own calls), so a change to a user and its audit entry share that
    /// context's transaction. After a rollback the context forgets what it tracked: it must not save it later.
    /// </summary>
    public async Task<T> WriteInAsync<T>(SiteDbContext db, Actor actor, Func<SiteWrite, Task<T>> operation, CancellationToken cancellationToken = default)
    {
        SiteWrite write;
        T result;
        using (await database.WriteLockAsync(cancellationToken))
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            try
            {
                write = new SiteWrite(db, actor, clock.GetUtcNow().UtcDateTime, notifications);
                result = await operation(write);
                if (write.IsAbandoned)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    db.ChangeTracker.Clear();
                    return result;
                }
                write.Complete();
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch
            {
                db.ChangeTracker.Clear();
                throw;
            }
        }
        await notifications.PublishAsync(write.Raised, cancellationToken);
        return result;
    }

    public Task WriteAsync(Actor actor, Action<SiteWrite> operation, CancellationToken cancellationToken = default) =>
        WriteAsync(actor, write =>
        {
            operation(write);
            return Task.FromResult(true);
        }, cancellationToken);

    /// <summary>
    /// An operation that awaits and returns nothing. Without this overload such a lambda would bind to the
    /// <see cref="Action{T}"/> one as <c>async void</c>: committed before it finished, its errors lost to the thread pool.
    /// </summary>
    public Task WriteAsync(Actor actor, Func<SiteWrite, Task> operation, CancellationToken cancellationToken = default) =>
        WriteAsync(actor, async write =>
        {
            await operation(write);
            return true;
        }, cancellationToken);

    /// <summary>
    /// An operation that only adds rows (a signature, a sign-up and their mail), committed together with others that
    /// arrive at the same moment (<see cref="CommitQueue"/>): still its own audit entry and notifications, but a
    /// burst shares its transactions. It cannot refuse: everything it decides, it decides before.
    /// </summary>
    public Task WriteGroupedAsync(Actor actor, Action<SiteWrite> add, CancellationToken cancellationToken = default) =>
        _group.CommitAsync(actor, write =>
        {
            add(write);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>
    /// The same, for an operation that also counts something in the database as it adds (a mail quota,
    /// <see cref="Mail.MailQuota.TryTakeAsync(SiteWrite, string, Mail.MailQuotaKind, CancellationToken)"/>). It may
    /// run twice (again on its own when the shared transaction fails), so it decides afresh each time.
    /// </summary>
    public Task WriteGroupedAsync(Actor actor, Func<SiteWrite, Task> add, CancellationToken cancellationToken = default) =>
        _group.CommitAsync(actor, add, cancellationToken);

    public ValueTask DisposeAsync() => _group.DisposeAsync();
}

/// <summary>One unit of work in progress: its database context, who does it, when, and what it will tell others.</summary>
public sealed class SiteWrite
{
    private readonly List<SiteNotification> _raised = [];
    private readonly SiteNotifications _notifications;

    internal SiteWrite(SiteDbContext db, Actor actor, DateTime now, SiteNotifications notifications)
    {
        Db = db;
        Actor = actor;
        Now = now;
        _notifications = notifications;
    }

    public SiteDbContext Db { get; }
    public Actor Actor { get; }
    /// <summary>One moment for the whole operation: every row it writes carries the same time.</summary>
    public DateTime Now { get; }
    public bool IsAbandoned { get; private set; }

    internal IReadOnlyList<SiteNotification> Raised => _raised;

    /// <summary>Nothing of this operation is written (it found the request invalid, or a handler vetoed it).</summary>
    public void Abandon() => IsAbandoned = true;

    /// <summary>An audit entry, in the same transaction as the change it records.</summary>
    public void Audit(string action, string target, string details = "") =>
        Db.AuditEntries.Add(AuditEntry.Create(Now, Actor.Name, action, target, details));

    /// <summary>
    /// Serialises this unit with every other unit that takes the same lock, until the commit: for a rule that counts
    /// before it changes (the last administrator, the next line of the signature log). SQLite's single writer already
    /// does this; on PostgreSQL it is a transaction-scoped advisory lock, taken again at no cost within the unit.
    /// </summary>
    public async Task LockAsync(SiteLock key, CancellationToken cancellationToken = default)
    {
        if (Db is PostgresSiteDbContext)
            await Db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({(long)key})", cancellationToken);
    }

    /// <summary>
    /// Asks the <c>…ing</c> handlers whether the operation may go ahead, before it changes anything.
    /// </summary>
    /// <returns>Null to go ahead, or why not (in Dutch, for the person who asked).</returns>
    public Task<string?> AskAsync(ICancellableNotification notification, CancellationToken cancellationToken = default) =>
        _notifications.AskAsync(notification, cancellationToken);

    /// <summary>Raised after the commit, once however often the operation raises it.</summary>
    public void Raise(SiteNotification notification)
    {
        if (!_raised.Contains(notification)) _raised.Add(notification);
    }

    /// <summary>Before the commit: the change journal learns that the published tree changed, in the same transaction.</summary>
    internal void Complete()
    {
        var changed = _raised.OfType<ContentChangedNotification>().Where(n => n.PublishedTreeChanged).ToList();
        if (changed.Count == 0) return;
        var line = new ContentChange
        {
            Utc = Now,
            Pages = changed.All(n => n.Page is not null) ? changed.Select(n => n.Page!.Value).ToHashSet() : null,
        };
        Db.ContentChanges.Add(line);
        // Its id is known once saved, before the handlers run.
        foreach (var notification in changed) notification.JournalLine = line;
    }
}

/// <summary>The advisory locks of <see cref="SiteWrite.LockAsync"/>: any distinct numbers.</summary>
public enum SiteLock : long
{
    /// <summary>Who is an administrator: counted before one is removed or demoted.</summary>
    Administrators = 0x5056_4144_4D49_4E,
    /// <summary>The signature log's head, and the signatures whose changes it records.</summary>
    SignatureLog = 0x5349_474E_4C4F_47,
}
