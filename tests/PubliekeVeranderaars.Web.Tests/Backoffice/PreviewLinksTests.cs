using System.Net;
using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Web.Tests.Backoffice;

/// <summary>A preview is the live page to come; shared, it works without an account until it expires or is revoked.</summary>
public class PreviewLinksTests(SqliteSiteFixture fixture) : IClassFixture<SqliteSiteFixture>
{
    private readonly SiteHost _site = fixture.Site;

    private Guid KeyOf(string route) => _site.GetService<PublishedContentCache>().Current.ByRoute(route)!.Key;

    [Fact]
    public async Task The_preview_of_a_page_with_a_form_shows_the_form_as_the_live_page_does_but_sends_nothing()
    {
        using var editor = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor));

        var page = await Html.ParseAsync(await editor.GetAsync($"/backoffice/inhoud/{KeyOf("/ondertekenen/")}/voorbeeld"));

        Assert.DoesNotContain("geen formulier gekozen", page.Body!.TextContent);
        Assert.NotNull(page.QuerySelector("form.utrecht-form input[name=email]"));
        Assert.True(page.QuerySelector("form.utrecht-form button[type=submit]")!.HasAttribute("disabled"));
        Assert.Contains("Voorbeeld van een concept", page.QuerySelector(".site-preview")!.TextContent);
    }

    [Fact]
    public async Task A_shared_link_shows_the_draft_without_an_account_until_it_is_revoked_or_expires()
    {
        var key = KeyOf("/privacy/");
        var content = new SiteContent(_site);
        var version = (await content.GetLatestVersionAsync(key))!;
        var marker = "Conceptzin" + Guid.NewGuid().ToString("N")[..6];
        await content.SaveAsync(key, version.Name, [.. version.Values.Where(v => v.Alias != "body"), new ContentPropertyValue("body", null, $"<p>{marker}</p>")]);
        using var editor = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor));
        var link = await ShareAsync(editor, key);
        using var stranger = _site.CreateHttpClient();

        var shown = await stranger.GetAsync(new Uri(link).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Contains(marker, await shown.Content.ReadAsStringAsync());
        Assert.Equal("noindex", shown.Headers.GetValues("X-Robots-Tag").Single());
        Assert.Equal("no-referrer", shown.Headers.GetValues("Referrer-Policy").Single());
        Assert.DoesNotContain("Terug naar de editor", await shown.Content.ReadAsStringAsync());

        var editorPage = await Html.ParseAsync(await editor.GetAsync($"/backoffice/inhoud/{key}"));
        var revoke = editorPage.QuerySelectorAll("form").Single(f => f.GetAttribute("action")!.EndsWith("/intrekken", StringComparison.Ordinal));
        await editor.PostAsync(revoke.GetAttribute("action"), new FormUrlEncodedContent(
            [new("__RequestVerificationToken", revoke.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!)]));
        var gone = await stranger.GetAsync(new Uri(link).PathAndQuery);
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Contains("werkt niet (meer)", (await Html.ParseAsync(gone)).QuerySelector("[role=status]")!.TextContent);

        var expiring = await ShareAsync(editor, key);
        await using (var db = _site.GetService<SiteDatabase>().Open())
            await db.ContentPreviewLinks.Where(l => l.NodeKey == key && l.RevokedUtc == null).ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresUtc, DateTime.UtcNow.AddMinutes(-1)));
        Assert.Equal(HttpStatusCode.Gone, (await stranger.GetAsync(new Uri(expiring).PathAndQuery)).StatusCode);

        var audit = await _site.GetService<AuditLog>().LatestAsync();
        Assert.Contains(audit, e => e.Action == AuditActions.SharePreview);
        Assert.Contains(audit, e => e.Action == AuditActions.RevokePreview);
    }

    internal static async Task<string> ShareAsync(HttpClient editor, Guid key)
    {
        var token = await BackofficeUsers.TokenAsync(editor, $"/backoffice/inhoud/{key}");
        var made = await editor.PostAsync($"/backoffice/inhoud/{key}/voorbeeldlinks", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("days", "7")]));
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var page = await Html.ParseAsync(await editor.GetAsync($"/backoffice/inhoud/{key}"));
        return page.QuerySelector("#voorbeeld-delen ~ .utrecht-alert code, .site-section .utrecht-alert code.backoffice-key")!.TextContent;
    }
}
