using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Backoffice;

/// <summary>One line of the audit trail: who did what to what, and when. Written once, never changed.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime Utc { get; set; }
    public string User { get; set; } = "";
    public string Action { get; set; } = "";
    public string Target { get; set; } = "";
    public string Details { get; set; } = "";
}

/// <summary>The actions the audit trail records.</summary>
public static class AuditActions
{
    public const string Login = "login";
    public const string LoginFailed = "login-failed";
    public const string LockedOut = "locked-out";
    public const string Logout = "logout";
    public const string Save = "save";
    public const string SendForPublishing = "send-for-publishing";
    public const string Publish = "publish";
    public const string Unpublish = "unpublish";
    public const string Rollback = "rollback";
    public const string Delete = "delete";
    public const string Restore = "restore";
    public const string Move = "move";
    public const string Sort = "sort";
    public const string ExportPersonalData = "export-personal-data";
    public const string RoleChange = "role-change";
    public const string RetryMail = "retry-mail";
    public const string PasswordSet = "password-set";
    public const string Invite = "invite";
    public const string USyncImport = "usync-import";
    public const string TwoFactor = "two-factor";
    public const string USyncExport = "usync-export";
    public const string SearchRebuild = "search-rebuild";
    public const string RemoveUser = "remove-user";
}

/// <summary>Appends to the audit trail. There is no update or delete: the trail is evidence.</summary>
public sealed class AuditLog(SiteDatabase database, TimeProvider clock)
{
    /// <summary>Enough to read at a glance; the full history stays in the database.</summary>
    public const int PageSize = 100;

    public async Task WriteAsync(string user, string action, string target, string details = "", CancellationToken cancellationToken = default)
    {
        await using var db = database.Open();
        db.AuditEntries.Add(new AuditEntry
        {
            Utc = clock.GetUtcNow().UtcDateTime, User = Truncate(user), Action = action, Target = Truncate(target), Details = Truncate(details),
        });
        using var writing = await database.WriteLockAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> LatestAsync(int page = 1, CancellationToken cancellationToken = default)
    {
        await using var db = database.Open();
        return await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Id)
            .Skip((Math.Max(1, page) - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
    }

    private const int MaxLength = 500;
    private static string Truncate(string value) => value.Length <= MaxLength ? value : value[..MaxLength];
}
