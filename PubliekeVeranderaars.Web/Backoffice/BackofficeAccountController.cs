using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using PubliekeVeranderaars.Core.Backoffice;

namespace PubliekeVeranderaars.Web.Backoffice;

[Route("backoffice")]
[AutoValidateAntiforgeryToken]
public sealed class BackofficeAccountController(SignInManager<BackofficeUser> signIn, UserManager<BackofficeUser> users, AuditLog audit)
    : Controller
{
    public const string WrongCredentials = "Het e-mailadres of het wachtwoord klopt niet.";
    public const string LockedOut = "Dit account is tijdelijk geblokkeerd na te veel mislukte pogingen. Probeer het over 15 minuten opnieuw, of vraag een beheerder om hulp.";

    [AllowAnonymous]
    [HttpGet("inloggen")]
    public IActionResult Login(string? returnUrl) => View("~/Views/Backoffice/Login.cshtml", new BackofficeLoginModel { ReturnUrl = returnUrl });

    [AllowAnonymous]
    [HttpPost("inloggen")]
    public async Task<IActionResult> Login([FromForm] BackofficeLoginModel input)
    {
        var email = (input.Email ?? "").Trim();
        var user = email.Length > 0 ? await users.FindByEmailAsync(email) : null;
        if (user is null)
        {
            await audit.WriteAsync(email, AuditActions.LoginFailed, "back office", "onbekend adres");
            return Failed(input, WrongCredentials);
        }
        var result = await signIn.PasswordSignInAsync(user, input.Password ?? "", isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await audit.WriteAsync(email, AuditActions.Login, "back office");
            return LocalRedirect(Url.IsLocalUrl(input.ReturnUrl) && input.ReturnUrl!.StartsWith(BackofficeExtensions.PathBase, StringComparison.Ordinal)
                ? input.ReturnUrl : BackofficeExtensions.PathBase + "/");
        }
        if (result.IsLockedOut)
        {
            await audit.WriteAsync(email, AuditActions.LockedOut, "back office");
            return Failed(input, LockedOut);
        }
        await audit.WriteAsync(email, AuditActions.LoginFailed, "back office", "verkeerd wachtwoord");
        return Failed(input, WrongCredentials);
    }

    [Authorize]
    [HttpPost("uitloggen")]
    public async Task<IActionResult> Logout()
    {
        await audit.WriteAsync(User.Identity?.Name ?? "", AuditActions.Logout, "back office");
        await signIn.SignOutAsync();
        return Redirect(BackofficeExtensions.LoginPath);
    }

    [AllowAnonymous]
    [HttpGet("geen-toegang")]
    public IActionResult AccessDenied()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View("~/Views/Backoffice/AccessDenied.cshtml");
    }

    private ViewResult Failed(BackofficeLoginModel input, string message)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("~/Views/Backoffice/Login.cshtml", new BackofficeLoginModel { Email = input.Email, ReturnUrl = input.ReturnUrl, Error = message });
    }
}

public sealed class BackofficeLoginModel
{
    public string? Email { get; set; }
    public string? Password { get; set; }
    public string? ReturnUrl { get; set; }
    public string? Error { get; set; }
}
