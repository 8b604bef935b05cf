using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Mail;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Web.Backoffice;

/// <summary>Mail that could not be delivered, with the reason, and a button to try again.</summary>
[Authorize(Policy = BackofficePolicies.PersonalData)]
[AutoValidateAntiforgeryToken]
[Route("backoffice/mail")]
public sealed class BackofficeMailController(OutboxQueries outbox) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View("~/Views/Backoffice/Mail.cshtml", await outbox.TroubleAsync(cancellationToken));

    [HttpPost("{id:long}/opnieuw")]
    public async Task<IActionResult> Retry(long id, CancellationToken cancellationToken) =>
        await outbox.RetryAsync(id, Actor.User(User.Identity?.Name ?? ""), cancellationToken) ? Redirect("/backoffice/mail") : NotFound();
}

/// <summary>The audit trail: read-only, for administrators.</summary>
[Authorize(Policy = BackofficePolicies.Administration)]
[Route("backoffice/audit")]
public sealed class BackofficeAuditController(AuditLog audit) : Controller
{
    /// <param name="medewerkers">Only what staff did, without the site's jobs and visitors' signatures and sign-ups.</param>
    [HttpGet("")]
    public async Task<IActionResult> Index(int pagina = 1, bool medewerkers = false, CancellationToken cancellationToken = default) =>
        View("~/Views/Backoffice/Audit.cshtml", new BackofficeAuditModel(await audit.LatestAsync(pagina, medewerkers, cancellationToken), medewerkers));
}

public sealed record BackofficeAuditModel(IReadOnlyList<AuditEntry> Entries, bool StaffOnly);

/// <summary>Users and their roles, for administrators.</summary>
[Authorize(Policy = BackofficePolicies.Administration)]
[AutoValidateAntiforgeryToken]
[Route("backoffice/gebruikers")]
public sealed class BackofficeUsersController(UserManager<BackofficeUser> users, SignInManager<BackofficeUser> signIn, AuditLog audit,
    BackofficeMailer mailer) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index() => View("~/Views/Backoffice/Users.cshtml", await ModelAsync(null, null));

    [HttpPost("")]
    public async Task<IActionResult> Create([FromForm] string? email, [FromForm] string? name, [FromForm] string? role, [FromForm] string? password)
    {
        if (role is null || !BackofficeRoles.All.Contains(role))
            return Invalid(await ModelAsync("Kies een rol.", email));
        var user = new BackofficeUser { UserName = email?.Trim(), Email = email?.Trim(), DisplayName = name?.Trim() ?? "", EmailConfirmed = true };
        // Without a password the new user is invited by mail and sets one; nobody passes passwords around.
        var invite = string.IsNullOrEmpty(password);
        var created = invite ? await users.CreateAsync(user) : await users.CreateAsync(user, password!);
        if (!created.Succeeded) return Invalid(await ModelAsync(string.Join(" ", created.Errors.Select(e => e.Description)), email));
        await users.AddToRoleAsync(user, role);
        await audit.WriteAsync(Actor, invite ? AuditActions.Invite : AuditActions.RoleChange, user.Email ?? "", $"nieuw, rol {role}");
        if (invite)
        {
            await mailer.InviteAsync(user.Email!, user.DisplayName.Length > 0 ? user.DisplayName : user.Email!,
                await users.GeneratePasswordResetTokenAsync(user));
        }
        return Redirect("/backoffice/gebruikers");
    }

    /// <summary>A new role counts at once: the user's open sessions end, and the next login carries the new role.</summary>
    [HttpPost("{id}/rol")]
    public async Task<IActionResult> SetRole(string id, [FromForm] string? role)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        if (role is null || !BackofficeRoles.All.Contains(role)) return BadRequest();
        await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user));
        await users.AddToRoleAsync(user, role);
        await users.UpdateSecurityStampAsync(user);
        if (IsSelf(user)) await signIn.RefreshSignInAsync(user);
        await audit.WriteAsync(Actor, AuditActions.RoleChange, user.Email ?? "", $"rol {role}");
        return Redirect("/backoffice/gebruikers");
    }

    /// <summary>Removes a user, and with it every open session. Nobody removes themselves or the last administrator.</summary>
    [HttpPost("{id}/verwijderen")]
    public async Task<IActionResult> Remove(string id, [FromForm] string? confirm)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        if (confirm != "on")
            return Invalid(await ModelAsync($"Vink aan dat je {user.Email} echt wilt verwijderen.", null));
        if (IsSelf(user))
            return Invalid(await ModelAsync("Je kunt jezelf niet verwijderen. Vraag een andere beheerder.", null));
        if (await users.IsInRoleAsync(user, BackofficeRoles.Administrator)
            && (await users.GetUsersInRoleAsync(BackofficeRoles.Administrator)).Count <= 1)
            return Invalid(await ModelAsync("Dit is de laatste beheerder; maak eerst iemand anders beheerder.", null));
        var deleted = await users.DeleteAsync(user);
        if (!deleted.Succeeded) return Invalid(await ModelAsync(string.Join(" ", deleted.Errors.Select(e => e.Description)), null));
        await audit.WriteAsync(Actor, AuditActions.RemoveUser, user.Email ?? "");
        return Redirect("/backoffice/gebruikers");
    }

    /// <summary>
    /// For a user who lost both phone and recovery codes: two-step verification off, the key and codes forgotten, every
    /// session ended. The user sets it up again after logging in with the password.
    /// </summary>
    [HttpPost("{id}/tweestaps-uitzetten")]
    public async Task<IActionResult> DisableTwoFactor(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        if (IsSelf(user)) return Invalid(await ModelAsync("Zet je eigen tweestapsverificatie uit bij 'Mijn account'.", null));
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.RemoveAuthenticationTokenAsync(user, BackofficeTwoFactorController.AuthenticatorStore, BackofficeTwoFactorController.AuthenticatorKeyToken);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        await users.UpdateSecurityStampAsync(user);
        await audit.WriteAsync(Actor, AuditActions.TwoFactor, user.Email ?? "", "uitgezet door een beheerder");
        return Redirect("/backoffice/gebruikers");
    }

    private bool IsSelf(BackofficeUser user) => user.Id == users.GetUserId(User);

    private Actor Actor => Actor.User(User.Identity?.Name ?? "");

    private ViewResult Invalid(BackofficeUsersModel model)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("~/Views/Backoffice/Users.cshtml", model);
    }

    private async Task<BackofficeUsersModel> ModelAsync(string? error, string? email)
    {
        var list = new List<(BackofficeUser User, string Role)>();
        foreach (var user in await users.Users.OrderBy(u => u.Email).ToListAsync())
            list.Add((user, (await users.GetRolesAsync(user)).FirstOrDefault() ?? ""));
        return new BackofficeUsersModel(list, error, email, users.GetUserId(User));
    }
}

public sealed record BackofficeUsersModel(IReadOnlyList<(BackofficeUser User, string Role)> Users, string? Error, string? Email, string? CurrentUserId);
