using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PubliekeVeranderaars.Core.Backoffice;

namespace PubliekeVeranderaars.Testing;

/// <summary>Back-office users for tests, and clients logged in as them over real HTTP.</summary>
public static class BackofficeUsers
{
    public const string Password = "test-wachtwoord-123";

    public static async Task<string> CreateAsync(SiteHost site, string role, string? email = null)
    {
        email ??= $"{role.ToLowerInvariant()}.{site.NextUserNumber()}@example.org";
        using var scope = site.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<BackofficeUser>>();
        var user = new BackofficeUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = role };
        var created = await users.CreateAsync(user, Password);
        if (!created.Succeeded) throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
        return email;
    }

    /// <summary>Logs in through the login form, as a person would; the client keeps the session cookie.</summary>
    public static async Task<HttpClient> LoginAsync(SiteHost site, string email, string password = Password)
    {
        var client = site.CreateHttpClient();
        var response = await PostLoginAsync(client, email, password);
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Login of {email} failed: {response.StatusCode}");
        return client;
    }

    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password)
    {
        var page = await client.GetStringAsync("/backoffice/inloggen");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        return await client.PostAsync("/backoffice/inloggen", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Email"] = email, ["Password"] = password,
        }));
    }

    /// <summary>The antiforgery token of a back-office page, for posting its forms.</summary>
    public static async Task<string> TokenAsync(HttpClient client, string path)
    {
        var page = await client.GetStringAsync(path);
        return System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
    }
}
