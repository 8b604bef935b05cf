using PubliekeVeranderaars.Core;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Privacy;
using PubliekeVeranderaars.Web.Infrastructure;

namespace PubliekeVeranderaars.Web.Tests.Privacy;

/// <summary>The retention overview is computed from the rules the jobs apply; the privacy page must say the same.</summary>
public class RetentionOverviewTests(SqliteSiteFixture fixture) : IClassFixture<SqliteSiteFixture>
{
    private readonly SiteHost _site = fixture.Site;

    [Fact]
    public async Task The_privacy_page_states_every_retention_period_the_site_applies()
    {
        var kinds = await _site.GetService<PersonalDataRetention>().OverviewAsync(SiteLoggingExtensions.RetainedLogFiles);
        using var client = _site.CreateHttpClient();
        var page = (await Html.ParseAsync(await client.GetAsync("/privacy/"))).QuerySelector("main")!.TextContent;

        var stated = kinds.Where(k => k.OnPrivacyPage && k.Lifetime is not null).ToList();
        Assert.NotEmpty(stated);
        foreach (var kind in stated) Assert.True(page.Contains(DutchFormat.Duration(kind.Lifetime!.Value)), $"{kind.Kind}: '{DutchFormat.Duration(kind.Lifetime.Value)}' is not on the privacy page");
    }

    [Fact]
    public async Task The_overview_counts_what_is_stored_and_is_for_privacy_staff_only()
    {
        var kinds = await _site.GetService<PersonalDataRetention>().OverviewAsync(SiteLoggingExtensions.RetainedLogFiles);
        Assert.Contains(kinds, k => k.Kind == "Onbevestigde ondertekeningen" && k.Rule == "verwijderd 14 dagen na het ondertekenen");
        Assert.Contains(kinds, k => k.Kind == "Aanmeldingen: Doe mee" && k.Rule == "verwijderd 180 dagen na het versturen");

        using var privacy = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Privacy));
        var screen = await Html.ParseAsync(await privacy.GetAsync("/backoffice/bewaartermijnen"));
        Assert.Equal(kinds.Count, screen.QuerySelectorAll("tbody tr").Length);
        using var editor = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor));
        var refused = await editor.GetAsync("/backoffice/bewaartermijnen");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("geen-toegang", refused.Headers.Location!.ToString());
    }
}
