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
    public async Task An_unknown_address_costs_the_same_password_check_as_a_known_one()
    {
        var hasher = new CountingHasher(new PasswordHasher<BackofficeUser>());
        using var site = new SiteHost(DatabaseProvider.Sqlite, services: services => services.AddSingleton<IPasswordHasher<BackofficeUser>>(hasher));
        var known = await BackofficeUsers.CreateAsync(site, BackofficeRoles.Writer);
        using var client = site.CreateHttpClient();

        var start = hasher.Verifications;
        await BackofficeUsers.PostLoginAsync(client, known, "verkeerd-wachtwoord");
        var forKnown = hasher.Verifications - start;
        start = hasher.Verifications;
        await BackofficeUsers.PostLoginAsync(client, "niemand@example.org", "verkeerd-wachtwoord");
        var forUnknown = hasher.Verifications - start;

        Assert.Equal(1, forKnown);
        Assert.Equal(forKnown, forUnknown);
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
