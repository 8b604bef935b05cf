using Microsoft.AspNetCore.Identity;
using OtpNet;

namespace PubliekeVeranderaars.Core.Backoffice;

/// <summary>
/// Checks the six-digit codes of an authenticator app (TOTP, RFC 6238) more strictly than Identity's own provider,
/// which accepts codes up to a minute and a half old and the same code any number of times: here a code works once,
/// and only from the current step or one step either side (a phone clock half a minute off).
/// </summary>
public sealed class BackofficeAuthenticator(TimeProvider clock) : IUserTwoFactorTokenProvider<BackofficeUser>
{
    public const string ProviderName = "BackofficeAuthenticator";

    /// <summary>One step (30 seconds) of clock difference between phone and server either way.</summary>
    private const int AllowedDriftSteps = 1;
    private const int CodeLength = 6;

    /// <summary>The app makes the codes; the server never sends one.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<BackofficeUser> manager, BackofficeUser user) => Task.FromResult("");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<BackofficeUser> manager, BackofficeUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key) || token.Length != CodeLength || !token.All(char.IsAsciiDigit)) return false;
        var totp = new Totp(Base32Encoding.ToBytes(key), totpSize: CodeLength);
        if (!totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, token, out var step, new VerificationWindow(AllowedDriftSteps, AllowedDriftSteps)))
            return false;
        if (user.LastTotpTimeStep is { } last && step <= last) return false;
        user.LastTotpTimeStep = step;
        // The concurrency stamp makes two simultaneous uses of one code fail for all but one.
        return (await manager.UpdateAsync(user)).Succeeded;
    }

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<BackofficeUser> manager, BackofficeUser user) =>
        !string.IsNullOrEmpty(await manager.GetAuthenticatorKeyAsync(user));
}
