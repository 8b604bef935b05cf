using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PubliekeVeranderaars.Web.Infrastructure;
using PubliekeVeranderaars.Core.Backoffice;

namespace PubliekeVeranderaars.Web.Backoffice;

/// <summary>Policies: who may do what in the back office (ARCHITECTURE.md's roles). Screens show only what the user's policies allow.</summary>
public static class BackofficePolicies
{
    /// <summary>For screens: whether to show a link or a button. The endpoint itself checks the same policy.</summary>
    public static async Task<bool> AllowsAsync(this IAuthorizationService authorization, ClaimsPrincipal user, string policy) =>
        (await authorization.AuthorizeAsync(user, policy)).Succeeded;

    public const string AnyRole = "backoffice";
    public const string Content = "backoffice-content";
    public const string Publish = "backoffice-publish";
    public const string Entries = "backoffice-entries";
    public const string PersonalData = "backoffice-personal-data";
    public const string Administration = "backoffice-administration";
    public const string PrivacyRequests = "backoffice-privacy-requests";
}

public static class BackofficeExtensions
{
    public const string PathBase = "/backoffice";
    public const string LoginPath = "/backoffice/inloggen";

    /// <summary>Five wrong passwords lock an account for a quarter of an hour: long enough to stop guessing.</summary>
    public const int MaxFailedLogins = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);
    public const int MinPasswordLength = BackofficeMailer.MinPasswordLength;

    /// <summary>Login, code, forgotten and new password: the doors an attacker would hammer.</summary>
    public const string LoginRateLimitPolicy = "backoffice-login";

    /// <summary>
    /// Per client address and minute: colleagues behind one office address who log in at nine still pass; a script
    /// that guesses passwords gets a handful of tries a minute, on top of the per-account lock-out.
    /// </summary>
    public const int DefaultLoginPermitsPerMinute = 20;
    /// <summary>A working day; the session slides while people work.</summary>
    private static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);

    public static WebApplicationBuilder AddBackoffice(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddSingleton<BackofficeMailer>();
        builder.Services.AddScoped<BackofficeUserService>();
        builder.Services.AddSingleton<BackofficePasswordResets>();
        builder.Services.AddHostedService(services => services.GetRequiredService<BackofficePasswordResets>());
        builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        builder.Services.AddIdentityCore<BackofficeUser>(options =>
            {
                // Length beats composition rules (NIST SP 800-63B): ten characters, any kind.
                options.Password.RequiredLength = MinPasswordLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = MaxFailedLogins;
                options.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = true;
            })
            .AddRoles<IdentityRole>()
            .AddBackofficeStores()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddTokenProvider<BackofficeAuthenticator>(BackofficeAuthenticator.ProviderName)
            .AddErrorDescriber<DutchIdentityErrorDescriber>();
        builder.Services.Configure<IdentityOptions>(options => options.Tokens.AuthenticatorTokenProvider = BackofficeAuthenticator.ProviderName);
        // Every back-office request checks the session against the user's security stamp, which changes on logout,
        // a new role, a new password, two-step verification turned on or off, a lock-out; a removed user has none.
        // So a session ends at once everywhere, not half an hour later. One indexed lookup per back-office request.
        builder.Services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero);
        builder.Services.AddRateLimitOptions(LoginRateLimitPolicy, "Backoffice", DefaultLoginPermitsPerMinute);
        builder.Services.AddRateLimiter(options =>
            options.AddPolicy(LoginRateLimitPolicy, context => PerAddressRateLimit.PerMinute(context, LoginRateLimitPolicy)));
        builder.Services.AddOptions<BackofficeAdminOptions>().BindConfiguration(BackofficeAdminOptions.Section).ValidateOnStart();
        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "pv.backoffice";
            options.Cookie.Path = PathBase;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            // Production runs behind HTTPS: the session cookie never travels unencrypted. Locally and in tests plain
            // HTTP on localhost must work too.
            options.Cookie.SecurePolicy = builder.Environment.IsProduction() ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            options.LoginPath = LoginPath;
            options.AccessDeniedPath = "/backoffice/geen-toegang";
            options.ExpireTimeSpan = SessionLifetime;
            options.SlidingExpiration = true;
        });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(BackofficePolicies.AnyRole, p => p.RequireRole(BackofficeRoles.All))
            .AddPolicy(BackofficePolicies.Content, p => p.RequireRole(BackofficeRoles.Administrator, BackofficeRoles.Editor, BackofficeRoles.Writer))
            .AddPolicy(BackofficePolicies.Publish, p => p.RequireRole(BackofficeRoles.Publishers))
            .AddPolicy(BackofficePolicies.Entries, p => p.RequireRole(BackofficeRoles.Administrator, BackofficeRoles.Editor, BackofficeRoles.InitiativeOwner))
            .AddPolicy(BackofficePolicies.PersonalData, p => p.RequireRole(BackofficeRoles.Publishers))
            .AddPolicy(BackofficePolicies.Administration, p => p.RequireRole(BackofficeRoles.Administrator))
            .AddPolicy(BackofficePolicies.PrivacyRequests, p => p.RequireRole(BackofficeRoles.Administrator, BackofficeRoles.Privacy));
        return builder;
    }

    public static WebApplication UseBackoffice(this WebApplication app)
    {

        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>Creates the roles, and the first administrator from Backoffice:Admin:* when there are no users yet.</summary>
    public static async Task SeedBackofficeAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var (email, password) = app.Services.GetRequiredService<IOptions<BackofficeAdminOptions>>().Value;
        if (await scope.ServiceProvider.GetRequiredService<BackofficeUserService>().PrepareAsync(email, password) is { } refused)
            throw new InvalidOperationException("Backoffice:Admin could not be created: " + refused);
    }
}

/// <summary><c>Backoffice:Admin:*</c>: the unattended first administrator, created only while there are no users.</summary>
public sealed class BackofficeAdminOptions
{
    public const string Section = "Backoffice:Admin";

    public string? Email { get; set; }
    public string? Password { get; set; }

    public void Deconstruct(out string? email, out string? password) => (email, password) = (Email, Password);
}

/// <summary>Identity's messages in Dutch, for the screens where staff set passwords and manage users.</summary>
public sealed class DutchIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = $"Een wachtwoord heeft minstens {length} tekens." };

    public override IdentityError DuplicateEmail(string email) =>
        new() { Code = nameof(DuplicateEmail), Description = $"Er is al een gebruiker met het e-mailadres {email}." };

    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = $"Er is al een gebruiker met de naam {userName}." };

    public override IdentityError InvalidEmail(string? email) =>
        new() { Code = nameof(InvalidEmail), Description = $"'{email}' is geen geldig e-mailadres." };
}
