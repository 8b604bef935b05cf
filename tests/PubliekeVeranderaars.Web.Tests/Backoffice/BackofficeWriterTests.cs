using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Web.Tests.Backoffice;

/// <summary>
/// A writer edits drafts and offers them for publishing; only editors and administrators change what visitors see.
/// </summary>
public sealed partial class BackofficeWriterTests(SqliteSiteFixture fixture) : IClassFixture<SqliteSiteFixture>
{
    private readonly SiteHost _site = fixture.Site;

    /// <summary>A value for every form field any back-office action binds, chosen to do the most damage if allowed.</summary>
    private Dictionary<string, string> HostileFields(Guid moveTarget, long olderVersion) => new()
    {
        ["name"] = "Door de schrijver hernoemd",
        ["p:title"] = "Schrijver was hier",
        ["p:body"] = "<p>Schrijver was hier</p>",
        ["p:text"] = "Schrijver was hier",
        ["p:umbracoUrlName"] = "schrijver-was-hier",
        ["parent"] = moveTarget.ToString(),
        ["direction"] = "-1",
        ["versionId"] = olderVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["publishAt"] = BackofficeLocal(DateTime.UtcNow.AddMinutes(-5)),
        ["unpublishAt"] = BackofficeLocal(DateTime.UtcNow.AddMinutes(-1)),
        ["type"] = "initiative",
        ["childName"] = "Nieuw door schrijver",
        ["role"] = BackofficeRoles.Administrator,
        ["email"] = $"schrijver.{Guid.NewGuid():N}@example.org",
        ["password"] = "een heel lang wachtwoord",
        ["code"] = "123456",
        ["format"] = "csv",
        ["confirm"] = "on",
        // The list view's bulk actions and sort order.
        ["action"] = "prullenbak",
        ["pages"] = moveTarget.ToString(),
        ["order"] = moveTarget.ToString(),
        // The media section: an image's name, alt text and focal point, binning it for good.
        ["naam"] = "Door de schrijver hernoemd",
        ["alt"] = "Schrijver was hier",
        ["decoratief"] = "true",
        ["focusLinks"] = "0",
        ["focusBoven"] = "0",
        ["bevestigd"] = "true",
    };

    private static string BackofficeLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam"))
            .ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task No_back_office_action_of_a_writer_changes_what_a_visitor_sees()
    {
        var snapshot = _site.GetService<PublishedContentCache>().Current;
        var content = new SiteContent(_site);
        var target = snapshot.ByRoute("/initiatieven/leernetwerk-publieke-innovatie/")!;
        var trashed = snapshot.ByRoute("/initiatieven/innovatielab-open-overheid/")!;
        var moveTarget = snapshot.ByRoute("/")!.Key;
        // An older version to roll back to, and a page in the recycle bin that was live: both an editor's doing.
        var version = await content.GetLatestVersionAsync(target.Key);
        await content.SaveAsync(target.Key, version!.Name, [.. version.Values.Where(v => v.Alias != "title"), new("title", null, "Door de redactie")], "redactie");
        await content.PublishAsync(target.Key);
        await content.TrashAsync(trashed.Key);
        // Two images that the live page shows; an editor then put the second in the bin, which took it off the page.
        var library = _site.GetService<Core.Media.MediaLibrary>();
        var portrait = (await library.UploadAsync("eigenaar.png", TestImages.Png(300, 400), null, Actor.System, altText: "De eigenaar")).Item!.Key;
        var binned = (await library.UploadAsync("beeld.png", TestImages.Png(400, 300), null, Actor.System, altText: "Het beeld")).Item!.Key;
        using (var editor = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor)))
        {
            await EditorForm.PostAsync(editor, target.Key, "/publiceren",
                new Dictionary<string, string> { ["p:ownerPortrait"] = portrait.ToString(), ["p:image"] = binned.ToString() });
        }
        await library.TrashAsync(binned, Actor.System);
        await _site.GetService<PublishedContentCache>().RebuildAsync();
        var olderVersion = (await content.VersionsAsync(target.Key)).Last().Id;
        var writer = await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Writer);
        var before = await VisitorViewAsync();

        var tried = new List<string>();
        foreach (var pattern in BackofficePostPatterns())
        {
            var media = pattern.StartsWith("backoffice/media/", StringComparison.Ordinal);
            var path = "/" + RouteValue().Replace(pattern, m => m.Groups[1].Value switch
            {
                "key" when media && pattern.Contains("terugzetten", StringComparison.Ordinal) => binned.ToString(),
                "key" when media => portrait.ToString(),
                "key" when pattern.Contains("prullenbak", StringComparison.Ordinal) && pattern.Contains("terugzetten", StringComparison.Ordinal) => trashed.Key.ToString(),
                "key" => target.Key.ToString(),
                "versionId" => olderVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "alias" => "doeMee",
                "id" => "1",
                _ => "x",
            });
            // A fresh session per action: one action (logging out) must not make the others vacuous.
            using var client = await BackofficeUsers.LoginAsync(_site, writer);
            // The editor's own fields, as the browser sends them (with the hostile values where they apply), plus every other field.
            var hostile = HostileFields(moveTarget, olderVersion);
            var fields = await EditorForm.FieldsAsync(client, target.Key, hostile);
            fields.AddRange(hostile.Where(h => fields.All(f => f.Key != h.Key)));
            var response = await client.PostAsync(path, new FormUrlEncodedContent(fields));
            Assert.True((int)response.StatusCode < 500, $"POST {path}: {(int)response.StatusCode}");
            tried.Add($"{pattern} -> {(int)response.StatusCode}");

            // Whatever the action planned comes due now, and the cache is built anew as after any editor's publish.
            await content.RunScheduleAsync();
            await _site.GetService<PublishedContentCache>().RebuildAsync();
            var after = await VisitorViewAsync();
            Assert.True(before == after, $"POST {path} by a writer changed what visitors see:\n{FirstDifference(before, after)}");
        }

        // The walk is not vacuous: the writer's drafts were saved, and every kind of content action was tried.
        Assert.True(tried.Count >= 15, string.Join("\n", tried));
        var latest = await content.GetLatestVersionAsync(target.Key);
        Assert.Contains(latest!.Values, v => v.Alias == "title" && v.Value == "Schrijver was hier");
        await using var db = _site.GetService<SiteDatabase>().Open();
        Assert.True(await db.ContentNodes.AnyAsync(n => n.Key == target.Key && n.AwaitingPublication));
        Assert.Contains("De eigenaar", before);
        Assert.Contains(tried, t => t.StartsWith("backoffice/media/{key:guid}/terugzetten", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_planned_publication_puts_the_approved_version_live_not_a_writers_later_draft()
    {
        var content = new SiteContent(_site);
        var page = _site.GetService<PublishedContentCache>().Current.ByRoute("/zo-veranderen-wij/verbinden/")!;
        var version = await content.GetLatestVersionAsync(page.Key);
        await content.SaveAsync(page.Key, version!.Name, Replace(version.Values, "text", "Goedgekeurd door de redactie"), "redactie");
        await content.ScheduleAsync(page.Key, DateTime.UtcNow.AddSeconds(-1), null);
        await content.SaveAsync(page.Key, version.Name, Replace(version.Values, "text", "Later concept van een schrijver"), "schrijver");

        await content.RunScheduleAsync();

        var live = _site.GetService<PublishedContentCache>().Current.ByKey(page.Key)!;
        Assert.Equal("Goedgekeurd door de redactie", live.GetString("text"));
        var latest = await content.GetLatestVersionAsync(page.Key);
        Assert.Contains(latest!.Values, v => v.Alias == "text" && v.Value == "Later concept van een schrijver");
    }

    private static List<ContentPropertyValue> Replace(IEnumerable<ContentPropertyValue> values, string alias, string value) =>
        [.. values.Where(v => v.Alias != alias), new(alias, null, value)];

    private IEnumerable<string> BackofficePostPatterns() =>
        _site.GetService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("backoffice", StringComparison.OrdinalIgnoreCase) == true
                        && e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("POST") == true
                        && e.Metadata.GetMetadata<ControllerActionDescriptor>() is not null)
            .Select(e => e.RoutePattern.RawText!.TrimStart('/'))
            .Distinct().Order();

    /// <summary>Every published page as an anonymous visitor gets it, and every item of the Delivery API.</summary>
    private async Task<string> VisitorViewAsync()
    {
        var snapshot = _site.GetService<PublishedContentCache>().Current;
        using var visitor = _site.CreateHttpClient();
        var view = new StringBuilder();
        var routes = snapshot.All.Select(c => c.Route)
            .Concat(["/initiatieven/leernetwerk-publieke-innovatie/", "/initiatieven/innovatielab-open-overheid/", "/initiatieven/nieuw-door-schrijver/"])
            .Distinct().Order(StringComparer.Ordinal);
        foreach (var route in routes)
        {
            var response = await visitor.GetAsync(route);
            var html = AntiforgeryValue().Replace(await response.Content.ReadAsStringAsync(), "");
            view.Append("== ").Append(route).Append(' ').Append((int)response.StatusCode).Append('\n').Append(html).Append('\n');
        }
        foreach (var key in snapshot.All.Select(c => c.Key).Order())
        {
            view.Append("== api ").Append(key).Append('\n')
                .Append(await visitor.GetStringAsync($"/umbraco/delivery/api/v2/content/item/{key}")).Append('\n');
        }
        return view.ToString();
    }

    private static string FirstDifference(string before, string after)
    {
        var a = before.Split('\n');
        var b = after.Split('\n');
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            if (a[i] != b[i]) return $"line {i}:\n- {a[i]}\n+ {b[i]}";
        }
        return $"lengths {a.Length} and {b.Length}";
    }

    [GeneratedRegex(@"\{(\w+)(:\w+)?\}")]
    private static partial Regex RouteValue();

    [GeneratedRegex(@"name=""__RequestVerificationToken"" type=""hidden"" value=""[^""]+""")]
    private static partial Regex AntiforgeryValue();
}
