using System.Net;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Storage;
using PubliekeVeranderaars.Web.Backoffice;

namespace PubliekeVeranderaars.Web.Tests.Backoffice;

/// <summary>The search index screen: its state against what is published, and a rebuild that is audited.</summary>
public sealed class BackofficeSearchTests(SqliteSiteFixture fixture) : IClassFixture<SqliteSiteFixture>
{
    private readonly SiteHost _site = fixture.Site;

    [Fact]
    public async Task An_administrator_sees_the_index_in_order_and_rebuilds_it_with_an_audit_entry()
    {
        var user = await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Administrator);
        using var admin = await BackofficeUsers.LoginAsync(_site, user);
        var published = _site.GetService<Core.Content.PublishedContentCache>().Current.All.Count();

        var screen = await Html.ParseAsync(await admin.GetAsync("/backoffice/zoekindex"));
        Assert.Contains("In orde", screen.QuerySelector("dl")!.TextContent);
        Assert.Contains(published.ToString(), screen.QuerySelector("dl")!.TextContent);

        var token = await BackofficeUsers.TokenAsync(admin, "/backoffice/zoekindex");
        var response = await admin.PostAsync("/backoffice/zoekindex/opnieuw-opbouwen", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var done = await Html.ParseAsync(response);
        Assert.Contains($"opnieuw opgebouwd: {published} pagina's", done.QuerySelector("[role=status]")!.TextContent);
        Assert.DoesNotContain("niet sinds", done.QuerySelector("dl")!.TextContent);
        var trail = await Html.ParseAsync(await admin.GetAsync("/backoffice/audit"));
        Assert.Contains("Zoekindex opnieuw opgebouwd", trail.Body!.TextContent);
        Assert.Contains(await _site.GetService<AuditLog>().LatestAsync(), e => e.Action == AuditActions.SearchRebuild && e.User == user);
        using var visitor = _site.CreateHttpClient();
        Assert.Contains("/initiatieven/ambtenaren-in-beeld/", await visitor.GetStringAsync("/zoeken/?q=ambtenaar"));
    }

    [Fact]
    public async Task An_editor_may_not_rebuild_the_index()
    {
        using var editor = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor));
        var token = await BackofficeUsers.TokenAsync(editor, "/backoffice/");

        var response = await editor.PostAsync("/backoffice/zoekindex/opnieuw-opbouwen", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.True(response.StatusCode is HttpStatusCode.Forbidden || response.Headers.Location?.ToString().Contains("geen-toegang") == true,
            $"{response.StatusCode} {response.Headers.Location}");
    }

    [Fact]
    public void Every_audited_action_has_a_dutch_label()
    {
        var actions = typeof(AuditActions).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);

        Assert.Equal(actions.Order(), AuditLabels.KnownActions.Order());
        Assert.All(actions, a => Assert.NotEqual(a, AuditLabels.For(a)));
    }
}
