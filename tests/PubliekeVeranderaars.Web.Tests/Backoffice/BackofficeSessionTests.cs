using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PubliekeVeranderaars.Core.Backoffice;

namespace PubliekeVeranderaars.Web.Tests.Backoffice;

/// <summary>
/// A session ends everywhere the moment its user's standing changes: logout, a new role, a new password, two-step
/// verification turned on or off, a lock-out, removal.
/// </summary>
public sealed class BackofficeSessionTests(SqliteSiteFixture fixture) : IClassFixture<SqliteSiteFixture>
{
    private const string ExportPath = "/backoffice/signatures/export?format=csv";
    private readonly SiteHost _site = fixture.Site;

    /// <summary>A logged-in client whose cookies can be copied, as a thief copies them from a shared computer.</summary>
    private async Task<(HttpClient Client, CookieContainer Cookies)> LoginAsync(string email)
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = _site.BaseAddress };
        var response = await BackofficeUsers.PostLoginAsync(client, email, BackofficeUsers.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (client, cookies);
    }

    private HttpClient Copy(CookieContainer cookies)
    {
        var copy = new CookieContainer();
        foreach (Cookie cookie in cookies.GetCookies(new Uri(_site.BaseAddress, "/backoffice/"))) copy.Add(cookie);
        return new HttpClient(new HttpClientHandler { CookieContainer = copy, AllowAutoRedirect = false }) { BaseAddress = _site.BaseAddress };
    }

    private static async Task<bool> IsLoggedInAsync(HttpClient client, string path = "/backoffice/")
    {
        var response = await client.GetAsync(path);
        return response.StatusCode == HttpStatusCode.OK;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string tokenPage, params (string, string)[] fields)
    {
        var token = await BackofficeUsers.TokenAsync(client, tokenPage);
        return await client.PostAsync(path, new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))]));
    }

    private async Task<BackofficeUser> UserAsync(string email)
    {
        using var scope = _site.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<BackofficeUser>>().FindByEmailAsync(email))!;
    }

    [Fact]
    public async Task A_copied_session_cookie_stops_working_when_its_user_logs_out()
    {
        var email = await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor);
        var (client, cookies) = await LoginAsync(email);
        using var thief = Copy(cookies);
        Assert.True(await IsLoggedInAsync(thief, ExportPath));

        var logout = await PostAsync(client, "/backoffice/uitloggen", "/backoffice/");
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        Assert.False(await IsLoggedInAsync(thief, ExportPath));
        Assert.False(await IsLoggedInAsync(thief));
        client.Dispose();
    }

    [Fact]
    public async Task A_demoted_editor_loses_editor_rights_in_an_open_session_at_once()
    {
        var email = await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor);
        var (editor, _) = await LoginAsync(email);
        Assert.True(await IsLoggedInAsync(editor, "/backoffice/handtekeningen"));
        using var admin = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Administrator));

        var changed = await PostAsync(admin, $"/backoffice/gebruikers/{(await UserAsync(email)).Id}/rol", "/backoffice/gebruikers",
            ("role", BackofficeRoles.Writer));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        Assert.False(await IsLoggedInAsync(editor, "/backoffice/handtekeningen"));
        Assert.False(await IsLoggedInAsync(editor, ExportPath));
        editor.Dispose();
    }

    [Fact]
    public async Task A_password_reset_ends_every_older_session()
    {
        var email = await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor);
        var (before, _) = await LoginAsync(email);
        Assert.True(await IsLoggedInAsync(before));

        using (var scope = _site.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<BackofficeUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            var reset = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), "een ander lang wachtwoord");
            Assert.True(reset.Succeeded);
        }

        Assert.False(await IsLoggedInAsync(before));
        before.Dispose();
    }

    [Fact]
    public async Task Turning_on_two_step_verification_ends_the_other_sessions_but_not_this_one()
    {
        var email = await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor);
        var (here, _) = await LoginAsync(email);
        var (elsewhere, _) = await LoginAsync(email);

        var setup = await Html.ParseAsync(await PostAsync(here, "/backoffice/account/tweestaps/instellen", "/backoffice/account", ("password", BackofficeUsers.Password)));
        var key = setup.QuerySelector("code.backoffice-key")!.TextContent;
        var proof = setup.QuerySelector("input[name=setup]")!.GetAttribute("value")!;
        var confirmed = await PostAsync(here, "/backoffice/account/tweestaps/bevestigen", "/backoffice/account", ("code", Totp.Code(key)), ("setup", proof));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);

        Assert.True(await IsLoggedInAsync(here));
        Assert.False(await IsLoggedInAsync(elsewhere));
        here.Dispose();
        elsewhere.Dispose();
    }

    [Fact]
    public async Task A_lock_out_ends_every_session_of_the_account()
    {
        var email = await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor);
        var (session, _) = await LoginAsync(email);
        using var guesser = _site.CreateHttpClient();

        for (var attempt = 0; attempt < 5; attempt++) await BackofficeUsers.PostLoginAsync(guesser, email, "verkeerd-wachtwoord");

        Assert.False(await IsLoggedInAsync(session));
        session.Dispose();
    }

    [Fact]
    public async Task A_removed_user_loses_access_at_once_and_the_removal_is_audited()
    {
        var email = await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor);
        var (session, _) = await LoginAsync(email);
        var adminEmail = await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Administrator);
        using var admin = await BackofficeUsers.LoginAsync(_site, adminEmail);

        var removed = await PostAsync(admin, $"/backoffice/gebruikers/{(await UserAsync(email)).Id}/verwijderen", "/backoffice/gebruikers", ("confirm", "on"));

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.False(await IsLoggedInAsync(session));
        Assert.Null(await UserAsync(email));
        Assert.Contains(await _site.GetService<AuditLog>().LatestAsync(), e => e.User == adminEmail && e.Target == email);
        session.Dispose();
    }
}
