using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Web.Backoffice;

/// <summary>
/// Two-step verification with an authenticator app (TOTP, RFC 6238): optional for everyone, a second factor for
/// those who handle personal data. Turning it on asks for the password and ends the account's other sessions;
/// turning it off, or making new recovery codes, asks for the password and a current code, so a session left open
/// is not enough to lock its owner out or take the account over. Wrong passwords here count towards the lock-out,
/// as at the login.
/// </summary>
[Authorize(Policy = BackofficePolicies.AnyRole)]
[AutoValidateAntiforgeryToken]
[Route("backoffice/account")]
public sealed class BackofficeTwoFactorController(UserManager<BackofficeUser> users, SignInManager<BackofficeUser> signIn, BackofficeUserService accounts,
    BackofficeMailer mailer, IDataProtectionProvider protection) : Controller
{
    /// <summary>
    /// How long the proof of a setup started with the password lasts: enough to fetch a phone and type a code. Only
    /// with that proof does the confirm step show the key again or accept a code, so a key stored earlier (an
    /// unfinished setup) cannot be taken over from an open session.
    /// </summary>
    public static readonly TimeSpan SetupLifetime = TimeSpan.FromMinutes(15);

    private const string SetupPurpose = "Backoffice.TwoFactorSetup";
    private const string ChangedMeanwhile = "Je account werd op hetzelfde moment ergens anders gewijzigd; er is niets veranderd. Probeer het opnieuw.";
    private const string SetupMissing = "Begin opnieuw met 'Instellen' en je wachtwoord: zo weten we dat jij het bent.";

    private ITimeLimitedDataProtector SetupProtector => protection.CreateProtector(SetupPurpose).ToTimeLimitedDataProtector();

    /// <summary>A proof, bound to the user and to the key shown, that this setup began with the password.</summary>
    private string SetupProof(BackofficeUser user, string key) => SetupProtector.Protect($"{user.Id}|{Fingerprint(key)}", SetupLifetime);

    private bool HasSetupProof(BackofficeUser user, string? key, string? proof)
    {
        if (key is null || string.IsNullOrEmpty(proof)) return false;
        try
        {
            return SetupProtector.Unprotect(proof) == $"{user.Id}|{Fingerprint(key)}";
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }

    private static string Fingerprint(string key) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private const string AccountView = "~/Views/Backoffice/Account.cshtml";
    private const string Issuer = "Wij, Publieke Veranderaars";

    private const string ProofMissing = "Vul je wachtwoord en de code die je app nu toont in. Zo weten we dat jij het bent, en niet iemand die achter je computer kruipt.";
    private const string PasswordMissing = "Vul je wachtwoord in. Zo weten we dat jij het bent, en niet iemand die achter je computer kruipt.";

    [HttpGet("")]
    public async Task<IActionResult> Index() => View(AccountView, await ModelAsync());

    /// <summary>A fresh key, shown once: the user types it (or its otpauth link) into the app, then proves it with a code.</summary>
    [HttpPost("tweestaps/instellen")]
    [EnableRateLimiting(BackofficeExtensions.LoginRateLimitPolicy)]
    public async Task<IActionResult> Start([FromForm] string? password)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        // A new key would silently switch off the one in use: turning it off first asks for the proof.
        if (await users.GetTwoFactorEnabledAsync(user)) return Redirect("/backoffice/account");
        if (!await PasswordIsRightAsync(user, password)) return ProofRefused(await ModelAsync(PasswordMissing));
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        var key = (await users.GetAuthenticatorKeyAsync(user))!;
        return View(AccountView, await ModelAsync(newKey: key, setupProof: SetupProof(user, key)));
    }

    [HttpPost("tweestaps/bevestigen")]
    [EnableRateLimiting(BackofficeExtensions.LoginRateLimitPolicy)]
    public async Task<IActionResult> Confirm([FromForm] string? code, [FromForm] string? setup)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (await users.GetTwoFactorEnabledAsync(user)) return Redirect("/backoffice/account");
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (!HasSetupProof(user, key, setup)) return ProofRefused(await ModelAsync(SetupMissing));
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Digits(code)))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(AccountView, await ModelAsync("Deze code klopt niet. Controleer of de tijd op je telefoon goed staat en probeer de code die de app nu toont.",
                key, setupProof: setup));
        }
        if (await accounts.TurnOnTwoFactorAsync(user) is not { } recoveryCodes) return ProofRefused(await ModelAsync(ChangedMeanwhile));
        // The new security stamp ends every other session of this account; this one goes on.
        await signIn.RefreshSignInAsync(user);
        return View(AccountView, await ModelAsync(recoveryCodes: recoveryCodes));
    }

    [HttpPost("tweestaps/uitzetten")]
    [EnableRateLimiting(BackofficeExtensions.LoginRateLimitPolicy)]
    public async Task<IActionResult> Disable([FromForm] string? password, [FromForm] string? code)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!await ProvesItIsTheUserAsync(user, password, code)) return ProofRefused(await ModelAsync(ProofMissing));
        if (await accounts.TurnOffOwnTwoFactorAsync(user) is { } refused) return ProofRefused(await ModelAsync(refused));
        await signIn.RefreshSignInAsync(user);
        return Redirect("/backoffice/account");
    }

    /// <summary>New recovery codes replace the old ones, which stop working.</summary>
    [HttpPost("tweestaps/herstelcodes")]
    [EnableRateLimiting(BackofficeExtensions.LoginRateLimitPolicy)]
    public async Task<IActionResult> NewRecoveryCodes([FromForm] string? password, [FromForm] string? code)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!await users.GetTwoFactorEnabledAsync(user)) return Redirect("/backoffice/account");
        if (!await ProvesItIsTheUserAsync(user, password, code)) return ProofRefused(await ModelAsync(ProofMissing));
        return await accounts.NewRecoveryCodesAsync(user) is { } recoveryCodes
            ? View(AccountView, await ModelAsync(recoveryCodes: recoveryCodes))
            : ProofRefused(await ModelAsync(ChangedMeanwhile));
    }

    /// <summary>
    /// The password first: a wrong password must not use up the code, which works only once. A wrong code counts as a
    /// failed login too, and a right password does not wipe that count: only the whole proof does.
    /// </summary>
    private async Task<bool> ProvesItIsTheUserAsync(BackofficeUser user, string? password, string? code)
    {
        if (!await PasswordIsRightAsync(user, password)) return false;
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Digits(code)))
        {
            await FailedAsync(user);
            return false;
        }
        await users.ResetAccessFailedCountAsync(user);
        return true;
    }

    /// <summary>Counted like a login: whoever sits at an open session cannot guess the password here without limit.</summary>
    private async Task<bool> PasswordIsRightAsync(BackofficeUser user, string? password)
    {
        if (await users.IsLockedOutAsync(user)) return false;
        if (await users.CheckPasswordAsync(user, password ?? "")) return true;
        await FailedAsync(user);
        return false;
    }

    private async Task FailedAsync(BackofficeUser user)
    {
        await users.AccessFailedAsync(user);
        if (await users.IsLockedOutAsync(user)) await BackofficeAccountController.LockedOutNowAsync(users, mailer, user);
    }

    private ViewResult ProofRefused(BackofficeAccountModel model)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(AccountView, model);
    }

    private static string Digits(string? code) => new((code ?? "").Where(char.IsAsciiDigit).ToArray());

    private async Task<BackofficeAccountModel> ModelAsync(string? error = null, string? newKey = null, IReadOnlyList<string>? recoveryCodes = null,
        string? setupProof = null)
    {
        var user = await users.GetUserAsync(User);
        var email = user?.Email ?? "";
        return new BackofficeAccountModel(email, user is not null && await users.GetTwoFactorEnabledAsync(user), newKey is null ? null : Group(newKey),
            newKey is null ? null : $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(email)}?secret={newKey}&issuer={Uri.EscapeDataString(Issuer)}&digits=6",
            error, recoveryCodes ?? [], user is null ? 0 : await users.CountRecoveryCodesAsync(user)) { SetupProof = setupProof };
    }

    /// <summary>"ABCD EFGH ...": easier to type from a screen into a phone.</summary>
    private static string Group(string key)
    {
        var grouped = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4) grouped.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        return grouped.ToString().Trim().ToUpperInvariant();
    }
}

/// <param name="RecoveryCodes">Shown once, right after they are made.</param>
/// <param name="RecoveryCodesLeft">How many unused recovery codes the account still has.</param>
public sealed record BackofficeAccountModel(string Email, bool TwoFactorEnabled, string? NewKey, string? OtpAuthUri, string? Error,
    IReadOnlyList<string> RecoveryCodes, int RecoveryCodesLeft)
{
    /// <summary>Carried by the confirm form: this setup began with the password.</summary>
    public string? SetupProof { get; init; }
}
