using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using PubliekeVeranderaars.Core.Backoffice;

namespace PubliekeVeranderaars.Web.Backoffice;

/// <summary>
/// Two-step verification with an authenticator app (TOTP, RFC 6238): optional for everyone, a second factor for
/// those who handle personal data.
/// </summary>
[Authorize(Policy = BackofficePolicies.AnyRole)]
[AutoValidateAntiforgeryToken]
[Route("backoffice/account")]
public sealed class BackofficeTwoFactorController(UserManager<BackofficeUser> users, AuditLog audit) : Controller
{
    private const string AccountView = "~/Views/Backoffice/Account.cshtml";
    private const string Issuer = "Wij, Publieke Veranderaars";

    [HttpGet("")]
    public async Task<IActionResult> Index() => View(AccountView, await ModelAsync(null, null));

    /// <summary>A fresh key, shown once: the user types it (or its otpauth link) into the app, then proves it with a code.</summary>
    [HttpPost("tweestaps/instellen")]
    public async Task<IActionResult> Start()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await users.ResetAuthenticatorKeyAsync(user);
        return View(AccountView, await ModelAsync(null, await users.GetAuthenticatorKeyAsync(user)));
    }

    [HttpPost("tweestaps/bevestigen")]
    public async Task<IActionResult> Confirm([FromForm] string? code)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        var digits = new string((code ?? "").Where(char.IsAsciiDigit).ToArray());
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, digits))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(AccountView, await ModelAsync("Deze code klopt niet. Controleer of de tijd op je telefoon goed staat en probeer de code die de app nu toont.",
                await users.GetAuthenticatorKeyAsync(user)));
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        await audit.WriteAsync(user.Email ?? "", AuditActions.TwoFactor, "back office", "aangezet");
        return Redirect("/backoffice/account");
    }

    [HttpPost("tweestaps/uitzetten")]
    public async Task<IActionResult> Disable()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await audit.WriteAsync(user.Email ?? "", AuditActions.TwoFactor, "back office", "uitgezet");
        return Redirect("/backoffice/account");
    }

    private async Task<BackofficeAccountModel> ModelAsync(string? error, string? newKey)
    {
        var user = await users.GetUserAsync(User);
        var email = user?.Email ?? "";
        return new BackofficeAccountModel(email, user is not null && await users.GetTwoFactorEnabledAsync(user), newKey is null ? null : Group(newKey),
            newKey is null ? null : $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(email)}?secret={newKey}&issuer={Uri.EscapeDataString(Issuer)}&digits=6",
            error);
    }

    /// <summary>"ABCD EFGH ...": easier to type from a screen into a phone.</summary>
    private static string Group(string key)
    {
        var grouped = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4) grouped.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        return grouped.ToString().Trim().ToUpperInvariant();
    }
}

public sealed record BackofficeAccountModel(string Email, bool TwoFactorEnabled, string? NewKey, string? OtpAuthUri, string? Error);
