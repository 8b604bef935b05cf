using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Web.Forms;
using PubliekeVeranderaars.Web.Infrastructure;

namespace PubliekeVeranderaars.Web.Backoffice;

[Route("backoffice")]
[AutoValidateAntiforgeryToken]
public sealed class BackofficeAccountController(SignInManager<BackofficeUser> signIn, UserManager<BackofficeUser> users, AuditLog audit,
    BackofficeMailer mailer, SiteOptions site) : Controller
{
    public const string ResetRequested = "Als dit adres bij ons bekend is, krijg je binnen enkele minuten een e-mail met een link om een nieuw wachtwoord in te stellen.";
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
        if (result.RequiresTwoFactor)
        {
            // The password was right; the second step proves the phone. The pending sign-in lives in Identity's own cookie.
            return Redirect(CodePath + (input.ReturnUrl is { Length: > 0 } r ? "?returnUrl=" + Uri.EscapeDataString(r) : ""));
        }
        if (result.IsLockedOut)
        {
            await audit.WriteAsync(email, AuditActions.LockedOut, "back office");
            return Failed(input, LockedOut);
        }
        await audit.WriteAsync(email, AuditActions.LoginFailed, "back office", "verkeerd wachtwoord");
        return Failed(input, WrongCredentials);
    }

    public const string CodePath = "/backoffice/inloggen/code";

    [AllowAnonymous]
    [HttpGet("inloggen/code")]
    public async Task<IActionResult> Code(string? returnUrl) =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null
            ? Redirect(BackofficeExtensions.LoginPath)
            : View("~/Views/Backoffice/LoginCode.cshtml", new BackofficeLoginModel { ReturnUrl = returnUrl });

    [AllowAnonymous]
    [EnableRateLimiting(FormsExtensions.RateLimitPolicy)]
    [HttpPost("inloggen/code")]
    public async Task<IActionResult> Code([FromForm] string? code, [FromForm] string? returnUrl)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return Redirect(BackofficeExtensions.LoginPath);
        var digits = new string((code ?? "").Where(char.IsAsciiDigit).ToArray());
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(digits, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            await audit.WriteAsync(user.Email ?? "", AuditActions.Login, "back office", "met tweestapsverificatie");
            return LocalRedirect(Url.IsLocalUrl(returnUrl) && returnUrl!.StartsWith(BackofficeExtensions.PathBase, StringComparison.Ordinal)
                ? returnUrl : BackofficeExtensions.PathBase + "/");
        }
        await audit.WriteAsync(user.Email ?? "", result.IsLockedOut ? AuditActions.LockedOut : AuditActions.LoginFailed, "back office", "verkeerde code");
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("~/Views/Backoffice/LoginCode.cshtml", new BackofficeLoginModel
        {
            ReturnUrl = returnUrl, Error = result.IsLockedOut ? LockedOut : "Deze code klopt niet. Gebruik de code die je app nu toont.",
        });
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

    [AllowAnonymous]
    [HttpGet("wachtwoord-vergeten")]
    public IActionResult ForgotPassword() => View("~/Views/Backoffice/ForgotPassword.cshtml", (string?)null);

    /// <summary>Answers the same for known and unknown addresses, so the page never tells who has an account.</summary>
    [AllowAnonymous]
    [EnableRateLimiting(FormsExtensions.RateLimitPolicy)]
    [HttpPost("wachtwoord-vergeten")]
    public async Task<IActionResult> ForgotPassword([FromForm] string? email)
    {
        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        if (user is not null) await SendPasswordLinkAsync(user, invitation: false);
        return View("~/Views/Backoffice/ForgotPassword.cshtml", ResetRequested);
    }

    [AllowAnonymous]
    [HttpGet("wachtwoord-instellen")]
    public IActionResult SetPassword(string? email, string? token) =>
        View("~/Views/Backoffice/SetPassword.cshtml", new BackofficeSetPasswordModel { Email = email, Token = token });

    [AllowAnonymous]
    [EnableRateLimiting(FormsExtensions.RateLimitPolicy)]
    [HttpPost("wachtwoord-instellen")]
    public async Task<IActionResult> SetPassword([FromForm] BackofficeSetPasswordModel input)
    {
        var user = input.Email is null ? null : await users.FindByEmailAsync(input.Email);
        if (input.Password != input.Confirmation)
            return SetPasswordFailed(input, "De twee wachtwoorden zijn niet gelijk.");
        IdentityResult result;
        try
        {
            result = user is null || input.Token is null
                ? IdentityResult.Failed(new IdentityError { Description = LinkInvalid })
                : await users.ResetPasswordAsync(user, System.Text.Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(input.Token)), input.Password ?? "");
        }
        catch (FormatException)
        {
            result = IdentityResult.Failed(new IdentityError { Description = LinkInvalid });
        }
        if (!result.Succeeded)
            return SetPasswordFailed(input, string.Join(" ", result.Errors.Select(e => e.Code == "InvalidToken" ? LinkInvalid : e.Description)));
        await users.SetLockoutEndDateAsync(user!, null);
        await audit.WriteAsync(user!.Email ?? "", AuditActions.PasswordSet, "back office");
        return View("~/Views/Backoffice/SetPassword.cshtml", new BackofficeSetPasswordModel { Done = true });
    }

    private const string LinkInvalid = "Deze link werkt niet (meer). Vraag een nieuwe aan via 'Wachtwoord vergeten'.";

    /// <summary>Mails a link that sets the password: for "forgot password", and for invitations by an administrator.</summary>
    internal async Task SendPasswordLinkAsync(BackofficeUser user, bool invitation)
    {
        var token = WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
        var baseUrl = site.BaseUrl ?? $"{Request.Scheme}://{Request.Host}";
        var link = $"{baseUrl}/backoffice/wachtwoord-instellen?email={Uri.EscapeDataString(user.Email!)}&token={token}";
        await mailer.SendPasswordLinkAsync(user.Email!, user.DisplayName.Length > 0 ? user.DisplayName : user.Email!, link, invitation);
    }

    private ViewResult SetPasswordFailed(BackofficeSetPasswordModel input, string message)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("~/Views/Backoffice/SetPassword.cshtml", new BackofficeSetPasswordModel { Email = input.Email, Token = input.Token, Error = message });
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

public sealed class BackofficeSetPasswordModel
{
    public string? Email { get; set; }
    public string? Token { get; set; }
    public string? Password { get; set; }
    public string? Confirmation { get; set; }
    public string? Error { get; set; }
    public bool Done { get; set; }
}
