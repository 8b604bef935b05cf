using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PubliekeVeranderaars.Core.Backoffice;

namespace PubliekeVeranderaars.Core.Tests.Backoffice;

/// <summary>
/// The codes of an authenticator app: one step (30 s) of clock difference either way, never more, and each code once.
/// Each case has a user that never used a code, so only the time window can refuse it.
/// </summary>
public class BackofficeAuthenticatorTests
{
    private const string Key = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 15, TimeSpan.Zero);

    /// <summary>Just what the authenticator needs of a user store: the key, and saving the last step used.</summary>
    private sealed class OneUserStore : IUserAuthenticatorKeyStore<BackofficeUser>
    {
        public Task<string?> GetAuthenticatorKeyAsync(BackofficeUser user, CancellationToken ct) => Task.FromResult<string?>(Key);
        public Task SetAuthenticatorKeyAsync(BackofficeUser user, string key, CancellationToken ct) => Task.CompletedTask;
        public Task<IdentityResult> UpdateAsync(BackofficeUser user, CancellationToken ct) => Task.FromResult(IdentityResult.Success);
        public Task<string> GetUserIdAsync(BackofficeUser user, CancellationToken ct) => Task.FromResult(user.Id);
        public Task<string?> GetUserNameAsync(BackofficeUser user, CancellationToken ct) => Task.FromResult(user.UserName);
        public Task SetUserNameAsync(BackofficeUser user, string? userName, CancellationToken ct) => Task.CompletedTask;
        public Task<string?> GetNormalizedUserNameAsync(BackofficeUser user, CancellationToken ct) => Task.FromResult(user.NormalizedUserName);
        public Task SetNormalizedUserNameAsync(BackofficeUser user, string? normalizedName, CancellationToken ct) => Task.CompletedTask;
        public Task<IdentityResult> CreateAsync(BackofficeUser user, CancellationToken ct) => Task.FromResult(IdentityResult.Success);
        public Task<IdentityResult> DeleteAsync(BackofficeUser user, CancellationToken ct) => Task.FromResult(IdentityResult.Success);
        public Task<BackofficeUser?> FindByIdAsync(string userId, CancellationToken ct) => Task.FromResult<BackofficeUser?>(null);
        public Task<BackofficeUser?> FindByNameAsync(string normalizedUserName, CancellationToken ct) => Task.FromResult<BackofficeUser?>(null);
        public void Dispose() { }
    }

    private static async Task<bool> AcceptsAsync(TimeSpan phoneClockOffset, BackofficeUser? user = null)
    {
        var authenticator = new BackofficeAuthenticator(new FakeTimeProvider(Now));
        using var manager = new UserManager<BackofficeUser>(new OneUserStore(), Options.Create(new IdentityOptions()), null!, [], [], null!,
            new IdentityErrorDescriber(), null!, NullLogger<UserManager<BackofficeUser>>.Instance);
        return await authenticator.ValidateAsync("login", Totp.Code(Key, Now + phoneClockOffset), manager, user ?? new BackofficeUser());
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(-30, true)]
    [InlineData(30, true)]
    [InlineData(-60, false)]
    [InlineData(60, false)]
    [InlineData(-90, false)]
    public async Task A_code_is_good_one_step_either_side_of_now_and_no_further(int seconds, bool accepted) =>
        Assert.Equal(accepted, await AcceptsAsync(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public async Task A_code_works_once_and_an_older_one_never_after_it()
    {
        var user = new BackofficeUser();
        Assert.True(await AcceptsAsync(TimeSpan.Zero, user));
        Assert.False(await AcceptsAsync(TimeSpan.Zero, user));
        Assert.False(await AcceptsAsync(TimeSpan.FromSeconds(-30), user));
        Assert.True(await AcceptsAsync(TimeSpan.FromSeconds(30), user));
    }
}
