using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Web.Tests.Backoffice;

/// <summary>The login tells nobody which accounts exist, and cannot be hammered.</summary>
public sealed class BackofficeLoginTests
{
    /// <summary>Counts password verifications: the slow step an attacker would time.</summary>
    private sealed class CountingHasher(IPasswordHasher<BackofficeUser> inner) : IPasswordHasher<BackofficeUser>
    {
        public int Verifications;
        public string HashPassword(BackofficeUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(BackofficeUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref Verifications);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    private static string AlertText(string html) =>
        new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).QuerySelector("[role=alert]")?.TextContent.Trim() ?? "";

    [Fact]
    public async Task Unknown_known_and_locked_accounts_get_the_same_answer()
    {
        using var site = new SiteHost(DatabaseProvider.Sqlite);
        var known = await BackofficeUsers.CreateAsync(site, BackofficeRoles.Editor);
        var locked = await BackofficeUsers.CreateAsync(site, BackofficeRoles.Editor);
        using var client = site.CreateHttpClient();
        for (var attempt = 0; attempt < 5; attempt++) await BackofficeUsers.PostLoginAsync(client, locked, "verkeerd-wachtwoord");

        var unknown = await BackofficeUsers.PostLoginAsync(client, "niemand@example.org", "verkeerd-wachtwoord");
        var wrong = await BackofficeUsers.PostLoginAsync(client, known, "verkeerd-wachtwoord");
        var lockedRight = await BackofficeUsers.PostLoginAsync(client, locked, BackofficeUsers.Password);
        var lockedWrong = await BackofficeUsers.PostLoginAsync(client, locked, "verkeerd-wachtwoord");

        var answers = new[] { unknown, wrong, lockedRight, lockedWrong };
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.BadRequest, a.StatusCode));
        var texts = new List<string>();
        foreach (var answer in answers) texts.Add(AlertText(await answer.Content.ReadAsStringAsync()));
        Assert.NotEqual("", texts[0]);
        Assert.Single(texts.Distinct());
        var audit = await site.GetService<AuditLog>().LatestAsync();
        Assert.Contains(audit, e => e.User == locked && e.Action == AuditActions.LockedOut);
    }

    [Fact]
    public async Task Every_kind_of_account_costs_the_same_password_check_as_a_known_one()
    {
        var hasher = new CountingHasher(new PasswordHasher<BackofficeUser>());
        using var site = new SiteHost(DatabaseProvider.Sqlite, services: services => services.AddSingleton<IPasswordHasher<BackofficeUser>>(hasher));
        var known = await BackofficeUsers.CreateAsync(site, BackofficeRoles.Writer);
        var locked = await BackofficeUsers.CreateAsync(site, BackofficeRoles.Writer);
        var invited = await InvitedAsync(site);
        using var client = site.CreateHttpClient();
        for (var attempt = 0; attempt < 5; attempt++) await BackofficeUsers.PostLoginAsync(client, locked, "verkeerd-wachtwoord");

        async Task<int> ChecksAsync(string email)
        {
            var start = hasher.Verifications;
            await BackofficeUsers.PostLoginAsync(client, email, "verkeerd-wachtwoord");
            return hasher.Verifications - start;
        }

        Assert.Equal(1, await ChecksAsync(known));
        Assert.Equal(
            [("unknown", 1), ("invited, no password yet", 1), ("locked", 1)],
            [("unknown", await ChecksAsync("niemand@example.org")), ("invited, no password yet", await ChecksAsync(invited)), ("locked", await ChecksAsync(locked))]);
    }

    [Fact]
    public async Task The_audit_trail_keeps_no_text_typed_as_an_unknown_address()
    {
        using var site = new SiteHost(DatabaseProvider.Sqlite);
        using var client = site.CreateHttpClient();
        // People type their password in the address field; an unknown "address" is stored only as a short fingerprint.
        const string typed = "Geheim-Wachtwoord-2026";

        await BackofficeUsers.PostLoginAsync(client, typed, "iets");
        await BackofficeUsers.PostLoginAsync(client, typed, "iets anders");

        var failed = (await site.GetService<AuditLog>().LatestAsync()).Where(e => e.Action == AuditActions.LoginFailed).ToList();
        Assert.Equal(2, failed.Count);
        Assert.All(failed, e => Assert.DoesNotContain("Geheim", e.User + e.Target + e.Details, StringComparison.OrdinalIgnoreCase));
        Assert.Single(failed.Select(e => e.User).Distinct()); // the same text gives the same fingerprint, to see repeated tries
    }

    /// <summary>An account created by an administrator whose owner has not set a password yet.</summary>
    private static async Task<string> InvitedAsync(SiteHost site)
    {
        var email = $"uitgenodigd.{site.NextUserNumber()}@example.org";
        using var scope = site.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<BackofficeUser>>();
        var user = new BackofficeUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Uitgenodigd" };
        Assert.True((await users.CreateAsync(user)).Succeeded);
        await users.AddToRoleAsync(user, BackofficeRoles.Writer);
        return email;
    }

    public static TheoryData<string, string[]> AnonymousPosts() => new()
    {
        { "/backoffice/inloggen", ["Email=iemand@example.org", "Password=geraden-wachtwoord"] },
        { "/backoffice/wachtwoord-vergeten", ["email=iemand@example.org"] },
        { "/backoffice/wachtwoord-instellen", ["Email=iemand@example.org", "Token=abc", "Password=x", "Confirmation=x"] },
        { "/backoffice/inloggen/code", ["code=123456"] },
    };

    [Theory]
    [MemberData(nameof(AnonymousPosts))]
    public async Task Too_many_posts_from_one_address_get_a_dutch_429(string path, string[] fields)
    {
        using var site = new SiteHost(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Backoffice:RateLimit:PermitsPerMinute"] = "3" });
        using var client = site.CreateHttpClient();
        var form = fields.Select(f => f.Split('=', 2)).Select(p => new KeyValuePair<string, string>(p[0], p[1])).ToList();
        var token = await BackofficeUsers.TokenAsync(client, "/backoffice/inloggen");
        form.Add(new("__RequestVerificationToken", token));

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 5; i++)
        {
            last = await client.PostAsync(path, new FormUrlEncodedContent(form));
            statuses.Add(last.StatusCode);
        }

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(3));
        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        var page = await Html.ParseAsync(last);
        Assert.Equal("nl", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Wacht een minuut", page.Body!.TextContent);
    }
}
