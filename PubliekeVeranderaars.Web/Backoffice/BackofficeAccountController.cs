using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using PubliekeVeranderaars.Core;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Web.Backoffice;

[Route("backoffice")]
[AutoValidateAntiforgeryToken]
public sealed class BackofficeAccountController(SignInManager<BackofficeUser> signIn, UserManager<BackofficeUser> users, AuditLog audit,
    BackofficeMailer mailer, BackofficePasswordResets resets, BackofficeUserService accounts) : Controller
{
    public const string ResetRequested = "Als dit adres bij ons bekend is, krijg je binnen enkele minuten een e-mail met een link om een nieuw wachtwoord in te stellen.";

    /// <summary>
    /// The one answer to every failed login (unknown address, wrong password, locked account), so the page never
    /// tells which accounts exist. The owner of a locked account hears it by mail.
    /// </summary>
    public static readonly string WrongCredentials =
        $"Het e-mailadres of het wachtwoord klopt niet. Na {BackofficeExtensions.MaxFailedLogins} mislukte pogingen blokkeren we een account " +
        $"{DutchFormat.Duration(BackofficeExtensions.LockoutDuration)}; de eigenaar krijgt daarover een e-mail.";

    /// <summary>
    /// Checking a password takes a tenth of a second by design (PBKDF2). An unknown address or a locked account,
    /// which Identity turns away without checking, gets the same check against this hash, so the time an answer
    /// takes tells nothing either.
    /// </summary>
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<BackofficeUser>().HashPassword(new BackofficeUser(), Guid.NewGuid().ToString()));

    /// <summary>Hex digits of an unknown address's fingerprint in the audit trail; see <see cref="UnknownAddress"/>.</summary>
    private const int FingerprintLength = 8;
    private static readonly byte[] FingerprintKey = RandomNumberGenerator.GetBytes(32);

    [AllowAnonymous]
    [HttpGet("inloggen")]
    public IActionResult Login(string? returnUrl) => View("~/Views/Backoffice/Login.cshtml", new BackofficeLoginModel { ReturnUrl = returnUrl });

    [AllowAnonymous]
    [EnableRateLimiting(BackofficeExtensions.LoginRateLimitPolicy)]
    [HttpPost("inloggen")]
    public async Task<IActionResult> Login([FromForm] BackofficeLoginModel input)
    {
        var email = (input.Email ?? "").Trim();
        var user = email.Length > 0 ? await users.FindByEmailAsync(email) : null;
        if (user is null)
        {
            CheckAgainstDummy(input.Password);
            await audit.WriteAsync(Actor.User(UnknownAddress(email)), AuditActions.LoginFailed, "back office", "onbekend adres");
            return Failed(input, WrongCredentials);
        }
        var lockedBefore = await users.IsLockedOutAsync(user);
        // Identity checks no password for an account without one (invited, not yet set): the dummy check stands in.
        var hasPassword = await users.HasPasswordAsync(user);
        var result = await signIn.PasswordSignInAsync(user, input.Password ?? "", isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await audit.WriteAsync(Actor.User(user.Email ?? email), AuditActions.Login, "back office");
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
            if (lockedBefore || !hasPassword) CheckAgainstDummy(input.Password);
            if (!lockedBefore) await LockedOutNowAsync(user);
            await audit.WriteAsync(Actor.User(user.Email ?? email), AuditActions.LockedOut, "back office");
            return Failed(input, WrongCredentials);
        }
        if (result.IsNotAllowed || !hasPassword) CheckAgainstDummy(input.Password);
        await audit.WriteAsync(Actor.User(user.Email ?? email), AuditActions.LoginFailed, "back office", "verkeerd wachtwoord");
        return Failed(input, WrongCredentials);
    }

    /// <summary>
    /// How the audit trail names a login for an address nobody has: people type their password in the address field,
    /// so the text itself is never stored, only a fingerprint that shows repeated tries with the same text. The key
    /// lives only as long as the process, so a stored fingerprint cannot be tested against a list of passwords.
    /// </summary>
    private static string UnknownAddress(string typed) =>
        "onbekend adres #" + Convert.ToHexStringLower(HMACSHA256.HashData(FingerprintKey, Encoding.UTF8.GetBytes(typed.ToLowerInvariant())))[..FingerprintLength];

    private void CheckAgainstDummy(string? password) =>
        users.PasswordHasher.VerifyHashedPassword(new BackofficeUser(), DummyHash.Value, password ?? "");

    private Task LockedOutNowAsync(BackofficeUser user) => LockedOutNowAsync(users, mailer, user);

    /// <summary>A lock-out ends every open session of the account, and its owner is told.</summary>
    internal static async Task LockedOutNowAsync(UserManager<BackofficeUser> users, BackofficeMailer mailer, BackofficeUser user)
    {
        await users.UpdateSecurityStampAsync(user);
        await mailer.SendLockedOutAsync(user.Email!, BackofficeExtensions.LockoutDuration);
    }

    public const string CodePath = "/backoffice/inloggen/code";

    [AllowAnonymous]
    [HttpGet("inloggen/code")]
    public async Task<IActionResult> Code(string? returnUrl) =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null
            ? Redirect(BackofficeExtensions.LoginPath)
            : View("~/Views/Backoffice/LoginCode.cshtml", new BackofficeLoginModel { ReturnUrl = returnUrl });

    /// <summary>The second step: the app's current code, or one of the recovery codes for a lost phone.</summary>
    [AllowAnonymous]
    [EnableRateLimiting(BackofficeExtensions.LoginRateLimitPolicy)]
    [HttpPost("inloggen/code")]
    public async Task<IActionResult> Code([FromForm] string? code, [FromForm] string? returnUrl)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return Redirect(BackofficeExtensions.LoginPath);
        var typed = (code ?? "").Replace(" ", "", StringComparison.Ordinal).Trim();
        var lockedBefore = await users.IsLockedOutAsync(user);
        var result = typed.All(char.IsAsciiDigit)
            ? await signIn.TwoFactorAuthenticatorSignInAsync(typed, isPersistent: false, rememberClient: false)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(typed);
        if (result.Succeeded)
        {
            await audit.WriteAsync(Actor.User(user.Email ?? ""), AuditActions.Login, "back office",
                typed.All(char.IsAsciiDigit) ? "met tweestapsverificatie" : "met een herstelcode");
            return LocalRedirect(Url.IsLocalUrl(returnUrl) && returnUrl!.StartsWith(BackofficeExtensions.PathBase, StringComparison.Ordinal)
                ? returnUrl : BackofficeExtensions.PathBase + "/");
        }
        if (result.IsLockedOut && !lockedBefore) await LockedOutNowAsync(user);
        await audit.WriteAsync(Actor.User(user.Email ?? ""), result.IsLockedOut ? AuditActions.LockedOut : AuditActions.LoginFailed, "back office", "verkeerde code");
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("~/Views/Backoffice/LoginCode.cshtml", new BackofficeLoginModel
        {
            ReturnUrl = returnUrl,
            Error = result.IsLockedOut ? WrongCredentials : "Deze code klopt niet (of is al gebruikt). Gebruik de code die je app nu toont, of een herstelcode.",
        });
    }

    /// <summary>Ends this session and every other of the same user: a copied cookie dies with it.</summary>
    [Authorize]
    [HttpPost("uitloggen")]
    public async Task<IActionResult> Logout()
    {
        if (await users.GetUserAsync(User) is { } user) await users.UpdateSecurityStampAsync(user);
        await audit.WriteAsync(Actor.User(User.Identity?.Name ?? ""), AuditActions.Logout, "back office");
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

    /// <summary>
    /// Answers the same, with the same work, for known and unknown addresses: the request is only queued
    /// (<see cref="BackofficePasswordResets"/>), so neither the page nor its timing tells who has an account.
    /// </summary>
    [AllowAnonymous]
    [EnableRateLimiting(BackofficeExtensions.LoginRateLimitPolicy)]
    [HttpPost("wachtwoord-vergeten")]
    public IActionResult ForgotPassword([FromForm] string? email)
    {
        if (!string.IsNullOrWhiteSpace(email)) resets.Request(email);
        return View("~/Views/Backoffice/ForgotPassword.cshtml", ResetRequested);
    }

    [AllowAnonymous]
    [HttpGet("wachtwoord-instellen")]
    public IActionResult SetPassword(string? email, string? token) =>
        View("~/Views/Backoffice/SetPassword.cshtml", new BackofficeSetPasswordModel { Email = email, Token = token });

    [AllowAnonymous]
    [EnableRateLimiting(BackofficeExtensions.LoginRateLimitPolicy)]
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
                : await accounts.ResetPasswordAsync(user, System.Text.Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(input.Token)), input.Password ?? "");
        }
        catch (FormatException)
        {
            result = IdentityResult.Failed(new IdentityError { Description = LinkInvalid });
        }
        if (!result.Succeeded)
            return SetPasswordFailed(input, string.Join(" ", result.Errors.Select(e => e.Code == "InvalidToken" ? LinkInvalid : e.Description)));
        return View("~/Views/Backoffice/SetPassword.cshtml", new BackofficeSetPasswordModel { Done = true });
    }

    private const string LinkInvalid = "Deze link werkt niet (meer). Vraag een nieuwe aan via 'Wachtwoord vergeten'.";

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
