using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Mail;
using PubliekeVeranderaars.Core.Storage;
using PubliekeVeranderaars.Core.Tests.Storage;

namespace PubliekeVeranderaars.Core.Tests.Backoffice;

/// <summary>
/// A change to an account is one unit with its audit entry: Identity saves after each of its calls, and a crash between
/// two of them must not leave a user without a role, a role change without its new security stamp (old sessions
/// still valid), an account without its invitation, or an entry in the trail for what did not happen.
/// </summary>
public class BackofficeUserServiceTests
{
    private static readonly Actor Administrator = Actor.User("beheer@example.org");

    /// <summary>The site's wiring of Identity, over the test database; a scope per operation, as a request has.</summary>
    private static ServiceProvider Services(TestDatabase db)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(db.Database);
        services.AddSingleton(db.Writer);
        services.AddSingleton(new BackofficeMailer(db.Writer, new MailOptions(), new MailLinks(() => "https://publiekeveranderaars.example"),
            new MailQuota(db.Writer, TimeProvider.System), TimeProvider.System));
        // Any token provider will do to make an invitation's link; the site's own needs ASP.NET Core's data protection.
        services.AddIdentityCore<BackofficeUser>(options => options.User.RequireUniqueEmail = true)
            .AddRoles<IdentityRole>()
            .AddBackofficeStores()
            .AddTokenProvider<EmailTokenProvider<BackofficeUser>>(TokenOptions.DefaultProvider);
        services.AddScoped<BackofficeUserService>();
        return services.BuildServiceProvider();
    }

    private const string AdministratorPassword = "Een-lang-wachtwoord-1";

    /// <summary>The roles, and one administrator, as the site's first start makes them.</summary>
    private static async Task<ServiceProvider> WithAdministratorAsync(TestDatabase db)
    {
        var services = Services(db);
        await InScopeAsync(services, async (accounts, _) => Assert.Null(await accounts.PrepareAsync(Administrator.Name, AdministratorPassword)));
        return services;
    }

    private static async Task InScopeAsync(ServiceProvider services, Func<BackofficeUserService, UserManager<BackofficeUser>, Task> action)
    {
        await using var scope = services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<BackofficeUserService>(),
            scope.ServiceProvider.GetRequiredService<UserManager<BackofficeUser>>());
    }

    /// <summary>Everything an account change touches, in a stable order: equal strings mean equal databases.</summary>
    private static async Task<string> StateAsync(TestDatabase db)
    {
        await using var context = db.Database.Open();
        var state = new StringBuilder();
        foreach (var r in await context.Roles.AsNoTracking().OrderBy(r => r.Name).ToListAsync()) state.Append($"role {r.Name}\n");
        foreach (var u in await context.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync())
            state.Append($"user {u.Email} {u.SecurityStamp} {u.TwoFactorEnabled} {u.LockoutEnd:O} {u.PasswordHash}\n");
        foreach (var r in await context.UserRoles.AsNoTracking().OrderBy(r => r.UserId).ThenBy(r => r.RoleId).ToListAsync())
            state.Append($"role {r.UserId} {r.RoleId}\n");
        foreach (var t in await context.UserTokens.AsNoTracking().OrderBy(t => t.UserId).ThenBy(t => t.Name).ToListAsync())
            state.Append($"token {t.UserId} {t.Name} {t.Value}\n");
        state.Append($"audit {await context.AuditEntries.CountAsync()}\noutbox {await context.OutboxMessages.CountAsync()}\n");
        return state.ToString();
    }

    private static async Task<string> OneAsync(ServiceProvider services, string email, Func<BackofficeUserService, UserManager<BackofficeUser>, BackofficeUser, Task<string?>> change)
    {
        string? refused = "not run";
        await InScopeAsync(services, async (accounts, users) => refused = await change(accounts, users, (await users.FindByEmailAsync(email))!));
        return refused ?? "";
    }

    [Fact]
    public async Task A_crash_anywhere_in_an_account_change_leaves_the_account_its_roles_keys_and_the_trail_as_they_were()
    {
        var crash = new SimulatedCrash();
        await using var db = await TestDatabase.CreateAsync(interceptors: [crash]);
        await using var services = Services(db);
        Task<int> Crashing(Func<Task> operation) => crash.AtEveryStepAsync(() => StateAsync(db), operation);
        var first = await Crashing(() => InScopeAsync(services, async (accounts, _) =>
            Assert.Null(await accounts.PrepareAsync(Administrator.Name, AdministratorPassword))));
        const string colleague = "collega@example.org";

        var invite = await Crashing(() => InScopeAsync(services, async (accounts, _) =>
            Assert.Null(await accounts.CreateAsync(Administrator, colleague, "Collega", BackofficeRoles.Writer, null))));
        var role = await Crashing(async () => Assert.Equal("",
            await OneAsync(services, colleague, (accounts, _, user) => accounts.SetRoleAsync(Administrator, user, BackofficeRoles.Editor))));
        await InScopeAsync(services, async (_, users) =>
        {
            var user = (await users.FindByEmailAsync(colleague))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            await users.GenerateNewTwoFactorRecoveryCodesAsync(user, BackofficeUserService.RecoveryCodeCount);
        });
        var twoFactor = await Crashing(async () => Assert.Equal("",
            await OneAsync(services, colleague, (accounts, _, user) => accounts.TurnOffTwoFactorForAsync(Administrator, user, "iemand anders"))));
        var password = await Crashing(async () => Assert.Equal("",
            await OneAsync(services, colleague, async (accounts, users, user) =>
            {
                var reset = await accounts.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), "Nog-een-lang-wachtwoord-2");
                return reset.Succeeded ? null : string.Join(" ", reset.Errors.Select(e => e.Description));
            })));
        var removal = await Crashing(async () => Assert.Equal("",
            await OneAsync(services, colleague, (accounts, _, user) => accounts.RemoveAsync(Administrator, user, "iemand anders"))));

        // Each is several statements (Identity's saves, the audit entry, the mail), so a crash could fall between two.
        Assert.All([first, invite, role, twoFactor, password, removal], steps => Assert.True(steps >= 3, $"only {steps} crash points"));
        await using var context = db.Database.Open();
        Assert.Equal(["role-change", "invite", "role-change", "two-factor", "password-set", "remove-user"],
            await context.AuditEntries.OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal(colleague, (await context.OutboxMessages.SingleAsync()).ToAddress);
        Assert.Null(await context.Users.SingleOrDefaultAsync(u => u.Email == colleague));
    }

    [Fact]
    public async Task The_last_administrator_is_neither_removed_nor_demoted_and_nobody_removes_themselves()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var services = await WithAdministratorAsync(db);
        var before = await StateAsync(db);

        var self = await OneAsync(services, Administrator.Name, (accounts, _, user) => accounts.RemoveAsync(Administrator, user, user.Id));
        var last = await OneAsync(services, Administrator.Name, (accounts, _, user) => accounts.RemoveAsync(Administrator, user, "iemand anders"));
        var demoted = await OneAsync(services, Administrator.Name, (accounts, _, user) => accounts.SetRoleAsync(Administrator, user, BackofficeRoles.Editor));

        Assert.Contains("jezelf", self);
        Assert.Contains("laatste beheerder", last);
        Assert.Contains("laatste beheerder", demoted);
        Assert.Equal(before, await StateAsync(db));
    }
}
