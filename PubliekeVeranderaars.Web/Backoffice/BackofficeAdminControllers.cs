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
public sealed class BackofficeUsersController(BackofficeUserService accounts, UserManager<BackofficeUser> users,
    SignInManager<BackofficeUser> signIn) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View("~/Views/Backoffice/Users.cshtml", await ModelAsync(null, null, cancellationToken));

    [HttpPost("")]
    public async Task<IActionResult> Create([FromForm] string? email, [FromForm] string? name, [FromForm] string? role, [FromForm] string? password,
        CancellationToken cancellationToken) =>
        await accounts.CreateAsync(Actor, email, name, role, password, cancellationToken) is { } refused
            ? await InvalidAsync(refused, email, cancellationToken, aboutNewUser: true)
            : Redirect("/backoffice/gebruikers");

    /// <summary>A new role counts at once: the user's open sessions end, and the next login carries the new role.</summary>
    [HttpPost("{id}/rol")]
    public async Task<IActionResult> SetRole(string id, [FromForm] string? role, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        if (await accounts.SetRoleAsync(Actor, user, role, cancellationToken) is { } refused) return await InvalidAsync(refused, null, cancellationToken);
        if (IsSelf(user)) await signIn.RefreshSignInAsync(user);
        return Redirect("/backoffice/gebruikers");
    }

    [HttpPost("{id}/verwijderen")]
    public async Task<IActionResult> Remove(string id, [FromForm] string? confirm, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        if (confirm != "on") return await InvalidAsync($"Vink aan dat je {user.Email} echt wilt verwijderen.", null, cancellationToken);
        return await accounts.RemoveAsync(Actor, user, users.GetUserId(User), cancellationToken) is { } refused
            ? await InvalidAsync(refused, null, cancellationToken)
            : Redirect("/backoffice/gebruikers");
    }

    [HttpPost("{id}/tweestaps-uitzetten")]
    public async Task<IActionResult> DisableTwoFactor(string id, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        return await accounts.TurnOffTwoFactorForAsync(Actor, user, users.GetUserId(User), cancellationToken) is { } refused
            ? await InvalidAsync(refused, null, cancellationToken)
            : Redirect("/backoffice/gebruikers");
    }

    private bool IsSelf(BackofficeUser user) => user.Id == users.GetUserId(User);

    private Actor Actor => Actor.User(User.Identity?.Name ?? "");

    /// <param name="aboutNewUser">The add form was refused (the message stands beside it); otherwise the list was.</param>
    private async Task<ViewResult> InvalidAsync(string error, string? email, CancellationToken cancellationToken, bool aboutNewUser = false)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("~/Views/Backoffice/Users.cshtml", await ModelAsync(error, email, cancellationToken) with { ErrorIsAboutNewUser = aboutNewUser });
    }

    private async Task<BackofficeUsersModel> ModelAsync(string? error, string? email, CancellationToken cancellationToken) =>
        new(await accounts.ListAsync(cancellationToken), error, email, users.GetUserId(User));
}

public sealed record BackofficeUsersModel(IReadOnlyList<BackofficeUserListItem> Users, string? Error, string? Email, string? CurrentUserId)
{
    /// <summary>Whether <see cref="Error"/> refuses the add form (shown beside it) or a change in the list (shown above it).</summary>
    public bool ErrorIsAboutNewUser { get; init; }
}
