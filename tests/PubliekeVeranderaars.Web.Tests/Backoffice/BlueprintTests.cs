using System.Net;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Storage;
using PubliekeVeranderaars.Core.Sync;

namespace PubliekeVeranderaars.Web.Tests.Backoffice;

/// <summary>An Umbraco blueprint (content template) from uSync is offered when making a page, and the page starts with its values.</summary>
public sealed class BlueprintTests
{
    [Fact]
    public async Task An_editor_makes_a_page_from_a_blueprint_and_it_holds_the_blueprints_text()
    {
        using var site = new SiteHost(DatabaseProvider.Sqlite);
        var folder = Directory.CreateTempSubdirectory("pv-blueprint").FullName;
        var blueprints = Directory.CreateDirectory(Path.Combine(folder, USyncFolders.Blueprints)).FullName;
        var key = Guid.NewGuid();
        await File.WriteAllTextAsync(Path.Combine(blueprints, "principe.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <Content Key="{key}" Alias="Nieuw principe" Level="1">
              <Info><Parent Key="00000000-0000-0000-0000-000000000000"></Parent><Path>/NieuwPrincipe</Path><Trashed>false</Trashed>
                <ContentType>principle</ContentType><CreateDate>2026-11-30T10:00:00</CreateDate><NodeName Default="Nieuw principe" />
                <SortOrder>0</SortOrder><Published Default="false" /></Info>
              <Properties><text><Value><![CDATA[Beschrijf in twee zinnen hoe wij dit doen.]]></Value></text></Properties>
            </Content>
            """);
        await site.GetService<USyncImportService>().ImportAsync(folder, actor: Actor.System);
        using var editor = await BackofficeUsers.LoginAsync(site, await BackofficeUsers.CreateAsync(site, BackofficeRoles.Editor));
        var parent = site.GetService<PublishedContentCache>().Current.ByRoute("/zo-veranderen-wij/")!.Key;

        var screen = await Html.ParseAsync(await editor.GetAsync($"/backoffice/inhoud/{parent}"));
        var option = screen.QuerySelector($"#nieuw-type optgroup option[value='sjabloon:{key}']");
        var token = await BackofficeUsers.TokenAsync(editor, $"/backoffice/inhoud/{parent}");
        var created = await editor.PostAsync($"/backoffice/inhoud/{parent}/nieuw", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("type", $"sjabloon:{key}"), new("childName", "Experimenteren")]));
        var page = await Html.ParseAsync(await editor.GetAsync(created.Headers.Location!.ToString()));

        Assert.NotNull(option);
        Assert.Contains("Nieuw principe", option.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("Beschrijf in twee zinnen hoe wij dit doen.", page.QuerySelector("[name='p:text']")?.TextContent.Trim() ?? page.QuerySelector("[name='p:text']")?.GetAttribute("value"));
        Assert.Null(site.GetService<PublishedContentCache>().Current.ByKey(key));
    }
}
