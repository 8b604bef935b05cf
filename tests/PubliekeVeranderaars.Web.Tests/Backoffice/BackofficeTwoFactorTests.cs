using System.Net;
using PubliekeVeranderaars.Core.Backoffice;

namespace PubliekeVeranderaars.Web.Tests.Backoffice;

public class BackofficeTwoFactorTests(SqliteSiteFixture fixture) : IClassFixture<SqliteSiteFixture>
{
    private readonly SiteHost _site = fixture.Site;

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string tokenPage, params (string, string)[] fields)
    {
        var token = await BackofficeUsers.TokenAsync(client, tokenPage);
        return await client.PostAsync(path, new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))]));
    }

    [Fact]
    public async Task With_two_step_verification_on_the_password_alone_does_not_log_in()
    {
        var email = await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor);
        string key;
        using (var client = await BackofficeUsers.LoginAsync(_site, email))
        {
            var setup = await Html.ParseAsync(await PostAsync(client, "/backoffice/account/tweestaps/instellen", "/backoffice/account", ("password", BackofficeUsers.Password)));
            key = setup.QuerySelector("code.backoffice-key")!.TextContent;
            var proof = setup.QuerySelector("input[name=setup]")!.GetAttribute("value")!;
            var wrong = await PostAsync(client, "/backoffice/account/tweestaps/bevestigen", "/backoffice/account", ("code", "000000"), ("setup", proof));
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            // The failed attempt showed the same key again; confirm with what the app now shows.
            var confirmed = await PostAsync(client, "/backoffice/account/tweestaps/bevestigen", "/backoffice/account", ("code", Totp.Code(key)), ("setup", proof));
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
            Assert.Contains("aan", (await Html.ParseAsync(await client.GetAsync("/backoffice/account"))).QuerySelector("main")!.TextContent);
        }

        using var next = _site.CreateHttpClient();
        var password = await BackofficeUsers.PostLoginAsync(next, email, BackofficeUsers.Password);
        Assert.Equal("/backoffice/inloggen/code", password.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, (await next.GetAsync("/backoffice/")).StatusCode);

        var badCode = await PostAsync(next, "/backoffice/inloggen/code", "/backoffice/inloggen/code", ("code", "123456"));
        Assert.Equal(HttpStatusCode.BadRequest, badCode.StatusCode);
        // The code that turned it on is used up; the app's next code works (one step of clock drift is allowed).
        var goodCode = await PostAsync(next, "/backoffice/inloggen/code", "/backoffice/inloggen/code", ("code", NextCode(key)));

        Assert.Equal(HttpStatusCode.Redirect, goodCode.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await next.GetAsync("/backoffice/")).StatusCode);
        Assert.Contains(await _site.GetService<AuditLog>().LatestAsync(), e => e.User == email && e.Action == AuditActions.TwoFactor);
    }

    [Fact]
    public async Task Turning_it_on_asks_for_the_password_so_an_open_session_cannot_lock_its_owner_out()
    {
        var email = await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor);
        using var session = await BackofficeUsers.LoginAsync(_site, email);

        var without = await PostAsync(session, "/backoffice/account/tweestaps/instellen", "/backoffice/account");
        var wrong = await PostAsync(session, "/backoffice/account/tweestaps/instellen", "/backoffice/account", ("password", "geraden"));

        foreach (var refused in new[] { without, wrong })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var page = await Html.ParseAsync(refused);
            Assert.Null(page.QuerySelector("code.backoffice-key"));
            Assert.Contains("wachtwoord", page.QuerySelector("[role=alert]")!.TextContent);
        }
        var right = await Html.ParseAsync(await PostAsync(session, "/backoffice/account/tweestaps/instellen", "/backoffice/account",
            ("password", BackofficeUsers.Password)));
        Assert.NotNull(right.QuerySelector("code.backoffice-key"));
    }

    [Fact]
    public async Task Guessing_the_password_in_an_open_session_locks_the_account_as_the_login_does()
    {
        var email = await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor);
        using var session = await BackofficeUsers.LoginAsync(_site, email);

        for (var guess = 0; guess < 5; guess++)
            await PostAsync(session, "/backoffice/account/tweestaps/instellen", "/backoffice/account", ("password", $"gok-{guess}"));

        // The lock-out ends the session, and the right password does not log in until it is over.
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/backoffice/account")).StatusCode);
        using var next = _site.CreateHttpClient();
        Assert.Equal(HttpStatusCode.BadRequest, (await BackofficeUsers.PostLoginAsync(next, email, BackofficeUsers.Password)).StatusCode);
    }

    [Fact]
    public async Task An_open_session_cannot_finish_turning_it_on_without_the_password_even_when_a_key_is_stored()
    {
        // Turned on and off again (or started and left): a key may be stored. Someone at the open session then tries
        // to finish the setup without the password, to put their own phone on the account.
        var (email, key, session) = await EnableAsync();
        var off = await PostAsync(session, "/backoffice/account/tweestaps/uitzetten", "/backoffice/account",
            ("password", BackofficeUsers.Password), ("code", NextCode(key)));
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        // An unfinished setup is the other way a key gets stored.
        using var other = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor));
        await PostAsync(other, "/backoffice/account/tweestaps/instellen", "/backoffice/account", ("password", BackofficeUsers.Password));

        foreach (var client in new[] { session, other })
        {
            var guessed = await PostAsync(client, "/backoffice/account/tweestaps/bevestigen", "/backoffice/account", ("code", "000000"));
            Assert.Equal(HttpStatusCode.BadRequest, guessed.StatusCode);
            var page = await Html.ParseAsync(guessed);
            Assert.Null(page.QuerySelector("code.backoffice-key"));
            Assert.DoesNotContain("otpauth://", page.Body!.InnerHtml);
        }
        Assert.NotEmpty(email);
        session.Dispose();
    }

    [Fact]
    public async Task An_administrator_turns_it_off_for_someone_who_lost_phone_and_codes_and_their_sessions_end()
    {
        var (email, _, session) = await EnableAsync();
        using var admin = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Administrator));
        var users = await Html.ParseAsync(await admin.GetAsync("/backoffice/gebruikers"));
        var action = users.QuerySelectorAll("form").Select(f => f.GetAttribute("action")!).Single(a => a.EndsWith("/tweestaps-uitzetten", StringComparison.Ordinal)
            && users.QuerySelector($"form[action='{a}']")!.TextContent.Contains(email, StringComparison.Ordinal));

        var off = await PostAsync(admin, action, "/backoffice/gebruikers");

        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/backoffice/account")).StatusCode);
        using var next = _site.CreateHttpClient();
        Assert.Equal("/backoffice/", (await BackofficeUsers.PostLoginAsync(next, email, BackofficeUsers.Password)).Headers.Location!.ToString());
        Assert.Contains(await _site.GetService<AuditLog>().LatestAsync(), e => e.Target == email && e.Details == "uitgezet door een beheerder");
        session.Dispose();
    }

    /// <summary>A logged-in editor who turned two-step verification on with the code of this moment.</summary>
    private async Task<(string Email, string Key, HttpClient Session)> EnableAsync()
    {
        var email = await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor);
        var client = await BackofficeUsers.LoginAsync(_site, email);
        var setup = await Html.ParseAsync(await PostAsync(client, "/backoffice/account/tweestaps/instellen", "/backoffice/account", ("password", BackofficeUsers.Password)));
        var key = setup.QuerySelector("code.backoffice-key")!.TextContent;
        var proof = setup.QuerySelector("input[name=setup]")!.GetAttribute("value")!;
        var confirmed = await PostAsync(client, "/backoffice/account/tweestaps/bevestigen", "/backoffice/account", ("code", Totp.Code(key)), ("setup", proof));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("herstelcodes", await confirmed.Content.ReadAsStringAsync());
        return (email, key, client);
    }

    private async Task<HttpResponseMessage> LoginWithCodeAsync(string email, string code)
    {
        using var client = _site.CreateHttpClient();
        var password = await BackofficeUsers.PostLoginAsync(client, email, BackofficeUsers.Password);
        Assert.Equal("/backoffice/inloggen/code", password.Headers.Location!.ToString());
        return await PostAsync(client, "/backoffice/inloggen/code", "/backoffice/inloggen/code", ("code", code));
    }

    /// <summary>The code the app shows half a minute from now: accepted (one step of clock drift) and not yet used.</summary>
    private static string NextCode(string key) => Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30));

    [Fact]
    public async Task A_code_logs_in_once_and_never_again()
    {
        var (email, key, session) = await EnableAsync();
        session.Dispose();
        var code = NextCode(key);

        var first = await LoginWithCodeAsync(email, code);
        var replayed = await LoginWithCodeAsync(email, code);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
    }

    [Fact]
    public async Task A_code_from_two_steps_back_is_refused()
    {
        var (email, key, session) = await EnableAsync();
        session.Dispose();

        var old = await LoginWithCodeAsync(email, Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(-60)));

        Assert.Equal(HttpStatusCode.BadRequest, old.StatusCode);
    }

    [Fact]
    public async Task Turning_two_step_verification_off_needs_the_password_and_a_current_code()
    {
        var (email, key, session) = await EnableAsync();
        const string off = "/backoffice/account/tweestaps/uitzetten";

        var bare = await PostAsync(session, off, "/backoffice/account");
        var passwordOnly = await PostAsync(session, off, "/backoffice/account", ("password", BackofficeUsers.Password));
        var wrongCode = await PostAsync(session, off, "/backoffice/account", ("password", BackofficeUsers.Password), ("code", "000000"));
        var wrongPassword = await PostAsync(session, off, "/backoffice/account", ("password", "verkeerd-wachtwoord"), ("code", NextCode(key)));
        Assert.All(new[] { bare, passwordOnly, wrongCode, wrongPassword }, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Contains("Staat aan", (await Html.ParseAsync(await session.GetAsync("/backoffice/account"))).QuerySelector("main")!.TextContent.Replace("\n", " "));

        var both = await PostAsync(session, off, "/backoffice/account", ("password", BackofficeUsers.Password), ("code", Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30))));

        Assert.Equal(HttpStatusCode.Redirect, both.StatusCode);
        using var next = _site.CreateHttpClient();
        var login = await BackofficeUsers.PostLoginAsync(next, email, BackofficeUsers.Password);
        Assert.Equal("/backoffice/", login.Headers.Location!.ToString());
        session.Dispose();
    }

    [Fact]
    public async Task Guessing_the_code_with_the_right_password_locks_the_account_as_guessing_the_password_does()
    {
        var (email, _, session) = await EnableAsync();

        // Whoever knows the password but has no phone must not get unlimited tries at the six digits.
        for (var guess = 0; guess < 5; guess++)
            await PostAsync(session, "/backoffice/account/tweestaps/uitzetten", "/backoffice/account",
                ("password", BackofficeUsers.Password), ("code", $"{guess:000000}"));

        var users = _site.GetService<Microsoft.AspNetCore.Identity.UserManager<Core.Backoffice.BackofficeUser>>();
        Assert.True(await users.IsLockedOutAsync((await users.FindByEmailAsync(email))!));
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/backoffice/account")).StatusCode);
    }

    [Fact]
    public async Task A_recovery_code_shown_once_logs_in_once_when_the_phone_is_lost()
    {
        var email = await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor);
        using var client = await BackofficeUsers.LoginAsync(_site, email);
        var setup = await Html.ParseAsync(await PostAsync(client, "/backoffice/account/tweestaps/instellen", "/backoffice/account", ("password", BackofficeUsers.Password)));
        var key = setup.QuerySelector("code.backoffice-key")!.TextContent;
        var proof = setup.QuerySelector("input[name=setup]")!.GetAttribute("value")!;
        var confirmed = await Html.ParseAsync(await PostAsync(client, "/backoffice/account/tweestaps/bevestigen", "/backoffice/account", ("code", Totp.Code(key)), ("setup", proof)));
        var recoveryCodes = confirmed.QuerySelectorAll(".backoffice-codes code").Select(c => c.TextContent).ToList();
        Assert.Equal(10, recoveryCodes.Count);
        Assert.DoesNotContain(recoveryCodes[0], await client.GetStringAsync("/backoffice/account"));

        var first = await LoginWithCodeAsync(email, recoveryCodes[0]);
        var again = await LoginWithCodeAsync(email, recoveryCodes[0]);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains(await _site.GetService<AuditLog>().LatestAsync(), e => e.User == email && e.Details == "met een herstelcode");
    }

    [Fact]
    public void The_code_generator_matches_the_rfc_6238_test_vector() =>
        // RFC 6238 appendix B: SHA-1 key "12345678901234567890" at T = 59 s gives 94287082 (8 digits); 6 digits: 287082.
        Assert.Equal("287082", Totp.Code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", DateTimeOffset.FromUnixTimeSeconds(59)));
}
