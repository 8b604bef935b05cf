using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Backoffice;

/// <summary>One line of the audit trail: who did what to what, and when. Written once, never changed.</summary>
public sealed class AuditEntry
{
    private const int MaxLength = 500;

    public long Id { get; set; }
    public DateTime Utc { get; set; }
    public string User { get; set; } = "";
    public string Action { get; set; } = "";
    public string Target { get; set; } = "";
    public string Details { get; set; } = "";

    public static AuditEntry Create(DateTime utc, string user, string action, string target, string details) => new()
    {
        Utc = utc, User = Truncate(user), Action = action, Target = Truncate(target), Details = Truncate(details),
    };

    private static string Truncate(string value) => value.Length <= MaxLength ? value : value[..MaxLength];
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
    public const string LookUpPersonalData = "look-up-personal-data";
    public const string RoleChange = "role-change";
    public const string RetryMail = "retry-mail";
    public const string PasswordSet = "password-set";
    public const string Invite = "invite";
    public const string USyncImport = "usync-import";
    public const string TwoFactor = "two-factor";
    public const string USyncExport = "usync-export";
    public const string SearchRebuild = "search-rebuild";
    public const string RemoveUser = "remove-user";
    public const string Schedule = "schedule";
    public const string Create = "create";
    public const string Sign = "sign";
    public const string ConfirmSignature = "confirm-signature";
    public const string WithdrawSignature = "withdraw-signature";
    public const string SendUpdate = "send-update";
    public const string Unsubscribe = "unsubscribe";
    public const string SubmitEntry = "submit-entry";
    public const string DeleteEntry = "delete-entry";
    public const string DeleteExpired = "delete-expired";
    public const string ContentRepair = "content-repair";
    public const string MediaUpload = "media-upload";
    public const string MediaCreateFolder = "media-create-folder";
    public const string FollowUpEntry = "follow-up-entry";
    public const string SharePreview = "share-preview";
    public const string RevokePreview = "revoke-preview";
    public const string DeletePermanently = "delete-permanently";
    public const string ErasePersonalData = "erase-personal-data";
    public const string RegisterPrivacyRequest = "register-privacy-request";
    public const string AnswerPrivacyRequest = "answer-privacy-request";
}

/// <summary>
/// The audit trail. Operations write their entries themselves, in their own transaction (<see cref="SiteWrite.Audit"/>);
/// this records what is not a change to the site's data (a login, an export) and reads the trail. There is no
/// update or delete: the trail is evidence.
/// </summary>
public sealed class AuditLog(SiteDatabase database, SiteWriter writer)
{
    /// <summary>Enough to read at a glance; the full history stays in the database.</summary>
    public const int PageSize = 100;

    public Task WriteAsync(Actor actor, string action, string target, string details = "", CancellationToken cancellationToken = default) =>
        writer.WriteAsync(actor, write => write.Audit(action, target, details), cancellationToken);

    /// <summary>The newest entry of one action on one target, or null (was this person erased before?).</summary>
    public async Task<AuditEntry?> LastAsync(string action, string target, CancellationToken cancellationToken = default)
    {
        await using var db = database.Open();
        return await db.AuditEntries.AsNoTracking().Where(e => e.Action == action && e.Target == target).OrderByDescending(e => e.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <param name="staffOnly">Only what staff did: the site's own jobs and visitors' signatures and sign-ups left out.</param>
    public async Task<IReadOnlyList<AuditEntry>> LatestAsync(int page = 1, bool staffOnly = false, CancellationToken cancellationToken = default)
    {
        await using var db = database.Open();
        var entries = db.AuditEntries.AsNoTracking();
        if (staffOnly)
        {
            string[] site = [Actor.Schedule.Name, Actor.CommandLine.Name, Actor.System.Name, Actor.Visitor.Name];
            entries = entries.Where(e => !site.Contains(e.User));
        }
        return await entries.OrderByDescending(e => e.Id).Skip((Math.Max(1, page) - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
    }
}
