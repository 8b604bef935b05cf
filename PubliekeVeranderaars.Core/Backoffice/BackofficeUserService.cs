using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Backoffice;

/// <summary>A back-office account as the users screen lists it.</summary>
public sealed record BackofficeUserListItem(BackofficeUser User, string Role);

/// <summary>
/// Changes to back-office accounts, each one unit with its audit entry (and, for an invitation, its mail). Identity's
/// <see cref="UserManager{TUser}"/> saves after every call (a new role is three saves), so each operation runs its
/// calls inside one transaction of the context Identity's store uses (<see cref="SiteWriter.WriteInAsync{T}"/>): a
/// failure anywhere leaves the account as it was, and the trail never records what did not happen.
/// </summary>
/// <remarks>Checking a password or a code (and counting the wrong ones) is signing in, not a change: that stays with the screens.</remarks>
public sealed class BackofficeUserService(UserManager<BackofficeUser> users, RoleManager<IdentityRole> roles, SiteDbContext db, SiteWriter writer,
    BackofficeMailer mailer)
{
    /// <summary>Where Identity's user store keeps the authenticator key (its own constants are internal).</summary>
    public const string AuthenticatorStore = "[AspNetUserStore]";
    public const string AuthenticatorKeyToken = "AuthenticatorKey";

    /// <summary>Enough for years of lost phones; each code works once.</summary>
    public const int RecoveryCodeCount = 10;

    private const string ChooseRole = "Kies een rol.";
    private const string LastAdministrator = "Dit is de laatste beheerder; maak eerst iemand anders beheerder.";

    /// <summary>Everyone, by address, with their role: two queries, however many users.</summary>
    public async Task<IReadOnlyList<BackofficeUserListItem>> ListAsync(CancellationToken cancellationToken = default)
    {
        var accounts = await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var roles = (await (from userRole in db.UserRoles
                            join role in db.Roles on userRole.RoleId equals role.Id
                            select new { userRole.UserId, role.Name }).AsNoTracking().ToListAsync(cancellationToken))
            .ToLookup(r => r.UserId, r => r.Name ?? "");
        return [.. accounts.Select(u => new BackofficeUserListItem(u, roles[u.Id].FirstOrDefault() ?? ""))];
    }

    /// <summary>
    /// At start: the roles that are missing, and the first administrator while there are no users yet (the unattended
    /// set-up, from configuration). Does nothing once someone exists.
    /// </summary>
    /// <returns>Null when done (or nothing to do), or why the administrator could not be made (in Dutch).</returns>
    public Task<string?> PrepareAsync(string? email, string? password, CancellationToken cancellationToken = default) =>
        writer.WriteInAsync(db, Actor.System, async write =>
        {
            foreach (var role in BackofficeRoles.All)
            {
                if (!await roles.RoleExistsAsync(role) && Refused(write, await roles.CreateAsync(new IdentityRole(role))) is { } refused) return refused;
            }
            if (string.IsNullOrEmpty(email) || string.IsNullOrEmpty(password) || await db.Users.AnyAsync(cancellationToken)) return null;
            var admin = new BackofficeUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Beheerder" };
            if (Refused(write, await users.CreateAsync(admin, password)) is { } created) return created;
            if (Refused(write, await users.AddToRoleAsync(admin, BackofficeRoles.Administrator)) is { } added) return added;
            write.Audit(AuditActions.RoleChange, email, $"nieuw, rol {BackofficeRoles.Administrator} (eerste beheerder, uit de configuratie)");
            return null;
        }, cancellationToken);

    /// <summary>
    /// A new account. Without a password the person is invited by mail and sets one: nobody passes passwords around.
    /// </summary>
    /// <returns>Null when created, or why not (in Dutch).</returns>
    public Task<string?> CreateAsync(Actor actor, string? email, string? name, string? role, string? password,
        CancellationToken cancellationToken = default)
    {
        if (role is null || !BackofficeRoles.All.Contains(role)) return Task.FromResult<string?>(ChooseRole);
        var user = new BackofficeUser { UserName = email?.Trim(), Email = email?.Trim(), DisplayName = name?.Trim() ?? "", EmailConfirmed = true };
        var invite = string.IsNullOrEmpty(password);
        return writer.WriteInAsync(db, actor, async write =>
        {
            if (Refused(write, invite ? await users.CreateAsync(user) : await users.CreateAsync(user, password!)) is { } created) return created;
            if (Refused(write, await users.AddToRoleAsync(user, role)) is { } roleRefused) return roleRefused;
            write.Audit(invite ? AuditActions.Invite : AuditActions.RoleChange, user.Email ?? "", $"nieuw, rol {role}");
            if (invite)
            {
                mailer.Invite(write, user.Email!, user.DisplayName.Length > 0 ? user.DisplayName : user.Email!,
                    await users.GeneratePasswordResetTokenAsync(user));
            }
            return null;
        }, cancellationToken);
    }

    /// <summary>A new role counts at once: the new security stamp ends the user's open sessions.</summary>
    public Task<string?> SetRoleAsync(Actor actor, BackofficeUser user, string? role, CancellationToken cancellationToken = default)
    {
        if (role is null || !BackofficeRoles.All.Contains(role)) return Task.FromResult<string?>(ChooseRole);
        return writer.WriteInAsync(db, actor, async write =>
        {
            if (role != BackofficeRoles.Administrator && await IsLastAdministratorAsync(write, user, cancellationToken))
            {
                write.Abandon();
                return LastAdministrator;
            }
            if (Refused(write, await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user))) is { } removed) return removed;
            if (Refused(write, await users.AddToRoleAsync(user, role)) is { } added) return added;
            if (Refused(write, await users.UpdateSecurityStampAsync(user)) is { } stamped) return stamped;
            write.Audit(AuditActions.RoleChange, user.Email ?? "", $"rol {role}");
            return null;
        }, cancellationToken);
    }

    /// <summary>Removes an account, and with it every open session. Nobody removes themselves or the last administrator.</summary>
    /// <param name="actingUserId">Who asks: an administrator's own account is not theirs to remove.</param>
    public Task<string?> RemoveAsync(Actor actor, BackofficeUser user, string? actingUserId, CancellationToken cancellationToken = default)
    {
        if (user.Id == actingUserId) return Task.FromResult<string?>("Je kunt jezelf niet verwijderen. Vraag een andere beheerder.");
        return writer.WriteInAsync(db, actor, async write =>
        {
            if (await IsLastAdministratorAsync(write, user, cancellationToken))
            {
                write.Abandon();
                return LastAdministrator;
            }
            if (Refused(write, await users.DeleteAsync(user)) is { } refused) return refused;
            write.Audit(AuditActions.RemoveUser, user.Email ?? "");
            return null;
        }, cancellationToken);
    }

    /// <summary>
    /// For someone who lost both phone and recovery codes: two-step verification off, the key and codes forgotten,
    /// every session ended. They set it up again after logging in with their password.
    /// </summary>
    public Task<string?> TurnOffTwoFactorForAsync(Actor actor, BackofficeUser user, string? actingUserId, CancellationToken cancellationToken = default) =>
        user.Id == actingUserId
            ? Task.FromResult<string?>("Zet je eigen tweestapsverificatie uit bij 'Mijn account'.")
            : TurnOffTwoFactorAsync(actor, user, user.Email ?? "", "uitgezet door een beheerder", cancellationToken);

    /// <summary>The account's owner turns it off (having proved it is them): the key forgotten, not replaced.</summary>
    public Task<string?> TurnOffOwnTwoFactorAsync(BackofficeUser user, CancellationToken cancellationToken = default) =>
        TurnOffTwoFactorAsync(Actor.User(user.Email ?? ""), user, "back office", "uitgezet", cancellationToken);

    private Task<string?> TurnOffTwoFactorAsync(Actor actor, BackofficeUser user, string target, string details, CancellationToken cancellationToken) =>
        writer.WriteInAsync(db, actor, async write =>
        {
            if (Refused(write, await users.SetTwoFactorEnabledAsync(user, false)) is { } off) return off;
            // Forgotten, not replaced: no key is left for anyone to finish a setup with.
            if (Refused(write, await users.RemoveAuthenticationTokenAsync(user, AuthenticatorStore, AuthenticatorKeyToken)) is { } key) return key;
            // No codes left: an old one must not switch a new setup off again. Null: Identity could not save.
            if (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0) is null) return Refused(write, IdentityResult.Failed(new IdentityError
            {
                Description = "Het account is net door iemand anders gewijzigd. Probeer het opnieuw.",
            }));
            if (Refused(write, await users.UpdateSecurityStampAsync(user)) is { } stamped) return stamped;
            write.Audit(AuditActions.TwoFactor, target, details);
            return null;
        }, cancellationToken);

    /// <summary>On, with fresh recovery codes (shown once); the new security stamp ends the account's other sessions.</summary>
    /// <returns>The codes, or null when Identity could not save (someone changed the account at the same moment): nothing changed.</returns>
    public Task<IReadOnlyList<string>?> TurnOnTwoFactorAsync(BackofficeUser user, CancellationToken cancellationToken = default) =>
        writer.WriteInAsync<IReadOnlyList<string>?>(db, Actor.User(user.Email ?? ""), async write =>
        {
            if (Refused(write, await users.SetTwoFactorEnabledAsync(user, true)) is not null) return null;
            if (await NewCodesAsync(write, user) is not { } codes) return null;
            write.Audit(AuditActions.TwoFactor, "back office", "aangezet");
            return codes;
        }, cancellationToken);

    /// <summary>New recovery codes replace the old ones, which stop working.</summary>
    /// <returns>The codes, or null when Identity could not save them: the old ones still work.</returns>
    public Task<IReadOnlyList<string>?> NewRecoveryCodesAsync(BackofficeUser user, CancellationToken cancellationToken = default) =>
        writer.WriteInAsync<IReadOnlyList<string>?>(db, Actor.User(user.Email ?? ""), async write =>
        {
            if (await NewCodesAsync(write, user) is not { } codes) return null;
            write.Audit(AuditActions.TwoFactor, "back office", "nieuwe herstelcodes");
            return codes;
        }, cancellationToken);

    /// <summary>Identity answers null when its save failed: then the unit is abandoned, and nothing claims new codes.</summary>
    private async Task<IReadOnlyList<string>?> NewCodesAsync(SiteWrite write, BackofficeUser user)
    {
        if (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) is { } codes) return [.. codes];
        write.Abandon();
        return null;
    }

    /// <summary>A password set with the link of an invitation or a reset mail; it also ends a lock-out.</summary>
    public Task<IdentityResult> ResetPasswordAsync(BackofficeUser user, string token, string password, CancellationToken cancellationToken = default) =>
        writer.WriteInAsync(db, Actor.User(user.Email ?? ""), async write =>
        {
            var reset = await users.ResetPasswordAsync(user, token, password);
            if (!reset.Succeeded)
            {
                write.Abandon();
                return reset;
            }
            var unlocked = await users.SetLockoutEndDateAsync(user, null);
            if (!unlocked.Succeeded)
            {
                write.Abandon();
                return unlocked;
            }
            write.Audit(AuditActions.PasswordSet, "back office");
            return IdentityResult.Success;
        }, cancellationToken);

    /// <summary>
    /// Counted under a lock that every removal and demotion takes: two administrators removing (or demoting) each other
    /// at the same moment, on any number of web nodes, cannot leave the site without one.
    /// </summary>
    private async Task<bool> IsLastAdministratorAsync(SiteWrite write, BackofficeUser user, CancellationToken cancellationToken)
    {
        await write.LockAsync(SiteLock.Administrators, cancellationToken);
        return await users.IsInRoleAsync(user, BackofficeRoles.Administrator)
               && (await users.GetUsersInRoleAsync(BackofficeRoles.Administrator)).Count <= 1;
    }

    /// <summary>Null when Identity did it; otherwise the unit is abandoned and Identity's reasons returned (Dutch, by its error describer).</summary>
    private static string? Refused(SiteWrite write, IdentityResult result)
    {
        if (result.Succeeded) return null;
        write.Abandon();
        return string.Join(" ", result.Errors.Select(e => e.Description));
    }
}
