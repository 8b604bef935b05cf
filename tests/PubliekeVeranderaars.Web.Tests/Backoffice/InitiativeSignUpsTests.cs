using System.Net;
using PubliekeVeranderaars.Core.Backoffice;
using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Storage;
using PubliekeVeranderaars.Web.Tests.Forms;

namespace PubliekeVeranderaars.Web.Tests.Backoffice;

/// <summary>An initiative's owner follows its sign-ups up: per initiative, what is new, who was contacted, a note.</summary>
public class InitiativeSignUpsTests(SqliteMailSiteFixture fixture) : IClassFixture<SqliteMailSiteFixture>
{
    private const string Innovatielab = "/initiatieven/innovatielab-open-overheid/";
    private const string OwnerAddress = "innovatielab@publiekeveranderaars.example";
    private readonly SiteHost _site = fixture.Site;

    private Guid PageKey(string route) => _site.GetService<PublishedContentCache>().Current.ByRoute(route)!.Key;

    [Fact]
    public async Task The_owner_sees_new_sign_ups_per_initiative_marks_one_contacted_with_a_note_and_nothing_of_another_initiative()
    {
        var owner = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.InitiativeOwner, OwnerAddress));
        var name = $"Aanmelder {Guid.NewGuid():N}"[..18];
        using (var poster = new FormPoster(_site))
        {
            await poster.PostAsync(Innovatielab, FormPoster.Join(name, $"{Guid.NewGuid():N}@example.org"));
            await poster.PostAsync("/initiatieven/leernetwerk-publieke-innovatie/", FormPoster.Join("Van een ander", "ander@example.org"));
        }

        var overview = await Html.ParseAsync(await owner.GetAsync("/backoffice/aanmeldingen"));
        var card = Assert.Single(overview.QuerySelectorAll(".backoffice-card"));
        Assert.Contains("Innovatielab", card.TextContent);
        Assert.Contains("nieuw", card.QuerySelector(".site-badge")!.TextContent);

        var list = await Html.ParseAsync(await owner.GetAsync($"/backoffice/aanmeldingen/{PageKey(Innovatielab)}"));
        var entry = list.QuerySelectorAll(".backoffice-entry").Single(e => e.TextContent.Contains(name, StringComparison.Ordinal));
        Assert.Contains("Nieuw", entry.QuerySelector("h2")!.TextContent);
        Assert.DoesNotContain("Van een ander", list.Body!.TextContent);
        var action = entry.QuerySelector("form")!.GetAttribute("action")!;
        var token = entry.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var saved = await owner.PostAsync(action, new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("contacted", "on"), new("note", "Gebeld, komt dinsdag langs.")]));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var after = await Html.ParseAsync(await owner.GetAsync($"/backoffice/aanmeldingen/{PageKey(Innovatielab)}"));
        var followed = after.QuerySelectorAll(".backoffice-entry").Single(e => e.TextContent.Contains(name, StringComparison.Ordinal));
        Assert.Contains("Contact opgenomen", followed.QuerySelector("h2")!.TextContent);
        Assert.DoesNotContain("Nieuw", followed.QuerySelector("h2")!.TextContent);
        Assert.Equal("Gebeld, komt dinsdag langs.", followed.QuerySelector("textarea")!.TextContent.Trim());
        var audit = await _site.GetService<AuditLog>().LatestAsync();
        Assert.Contains(audit, e => e.User == OwnerAddress && e.Action == AuditActions.FollowUpEntry && !e.Details.Contains("dinsdag", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/backoffice/aanmeldingen/{PageKey("/initiatieven/leernetwerk-publieke-innovatie/")}")).StatusCode);
        owner.Dispose();
    }

    [Fact]
    public async Task Editors_hear_by_mail_when_a_writer_offers_a_page_for_publishing()
    {
        var editor = await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor);
        var writerAddress = await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Writer);
        using var writer = await BackofficeUsers.LoginAsync(_site, writerAddress);
        var key = PageKey("/privacy/");

        var offered = await EditorForm.PostAsync(writer, key, "/ter-publicatie", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, offered.StatusCode);
        var mail = await fixture.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == editor) && (m.Subject ?? "").Contains("Privacy", StringComparison.Ordinal));
        Assert.Contains(writerAddress, mail.TextBody);
        Assert.Contains($"/backoffice/inhoud/{key}", mail.TextBody);
        await using var db = _site.GetService<SiteDatabase>().Open();
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.ToAddress == writerAddress));
    }
}
