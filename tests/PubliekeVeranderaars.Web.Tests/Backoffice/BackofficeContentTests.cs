using System.Net;
using System.Text.RegularExpressions;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Web.Tests.Forms;

namespace PubliekeVeranderaars.Web.Tests.Backoffice;

/// <summary>Editing through the back office's own forms, over real HTTP.</summary>
public partial class BackofficeContentTests(SqliteSiteFixture fixture) : IClassFixture<SqliteSiteFixture>
{
    private readonly SiteHost _site = fixture.Site;

    private static async Task<string> MainTextAsync(HttpClient client, string path) =>
        (await Html.ParseAsync(await client.GetAsync(path))).QuerySelector("main")!.TextContent;

    private Guid KeyOf(string route) => _site.GetService<PublishedContentCache>().Current.ByRoute(route)!.Key;

    private static Task<HttpResponseMessage> PostEditorAsync(HttpClient client, Guid key, string action, IDictionary<string, string> changes) =>
        EditorForm.PostAsync(client, key, action, changes);

    [Fact]
    public async Task An_editor_changes_the_mission_text_and_publishes_and_a_visitor_sees_it()
    {
        using var editor = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor));
        using var visitor = _site.CreateHttpClient();
        var home = KeyOf("/");
        var mission = $"<p>Nieuwe missie {Guid.NewGuid():N}</p>";

        var saved = await PostEditorAsync(editor, home, "", new Dictionary<string, string> { ["p:intro"] = mission });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.DoesNotContain(mission, await visitor.GetStringAsync("/"));

        var published = await PostEditorAsync(editor, home, "/publiceren", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Contains(mission, await visitor.GetStringAsync("/"));
    }

    [Fact]
    public async Task A_writer_can_save_and_send_for_publishing_but_not_publish()
    {
        using var writer = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Writer));
        using var visitor = _site.CreateHttpClient();
        var key = KeyOf("/zo-veranderen-wij/delen/");
        var text = $"Wij delen alles {Guid.NewGuid():N}.";
        var editorPage = await writer.GetStringAsync($"/backoffice/inhoud/{key}");
        Assert.DoesNotContain("Opslaan en publiceren", editorPage);
        Assert.Contains("Ter publicatie aanbieden", editorPage);

        var refused = await PostEditorAsync(writer, key, "/publiceren", new Dictionary<string, string> { ["p:text"] = text });
        Assert.Contains("geen-toegang", refused.Headers.Location!.ToString());
        Assert.DoesNotContain(text, await visitor.GetStringAsync("/zo-veranderen-wij/delen/"));

        var sent = await PostEditorAsync(writer, key, "/ter-publicatie", new Dictionary<string, string> { ["p:text"] = text });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.DoesNotContain(text, await visitor.GetStringAsync("/zo-veranderen-wij/delen/"));
        Assert.Contains("Wacht op publicatie", await writer.GetStringAsync("/backoffice/inhoud"));
    }

    [Fact]
    public async Task The_editor_lists_the_newest_versions_and_links_to_every_one_which_can_be_restored_from_there()
    {
        using var editor = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor));
        var key = KeyOf("/zo-veranderen-wij/verbinden/");
        for (var i = 0; i < PubliekeVeranderaars.Web.Backoffice.BackofficeEditorModel.VersionsShown + 3; i++)
            await PostEditorAsync(editor, key, "", new Dictionary<string, string> { ["p:text"] = $"<p>Versie {i} van de tekst.</p>" });
        var versions = await new SiteContent(_site).VersionsAsync(key);

        // Every version in the editor carried its own form and token: a page edited daily for a year weighed a megabyte.
        var screen = await Html.ParseAsync(await editor.GetAsync($"/backoffice/inhoud/{key}"));
        var rows = screen.QuerySelectorAll("#versies ~ table tbody tr, section[aria-labelledby=versies] tbody tr");
        Assert.Equal(PubliekeVeranderaars.Web.Backoffice.BackofficeEditorModel.VersionsShown, rows.Length);
        var all = screen.QuerySelector($"a[href='/backoffice/inhoud/{key}/versies']");
        Assert.NotNull(all);
        Assert.Contains(versions.Count.ToString(), all.TextContent);

        var history = await Html.ParseAsync(await editor.GetAsync($"/backoffice/inhoud/{key}/versies"));
        Assert.Equal(versions.Count, history.QuerySelectorAll("tbody tr").Length);
        var oldest = versions.MinBy(v => v.Id)!;
        var restore = history.QuerySelectorAll("form[action$='/terugzetten']")
            .Single(f => f.QuerySelector("input[name=versionId]")!.GetAttribute("value") == oldest.Id.ToString());
        var restored = await editor.PostAsync($"/backoffice/inhoud/{key}/terugzetten", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", restore.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), new("versionId", oldest.Id.ToString())]));
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        var draft = await new SiteContent(_site).GetLatestVersionAsync(key);
        Assert.Equal(oldest.Values.Single(v => v.Alias == "text").Value, draft!.Values.Single(v => v.Alias == "text").Value);

        using var anonymous = _site.CreateHttpClient();
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync($"/backoffice/inhoud/{key}/versies")).StatusCode);
    }

    [Fact]
    public async Task A_long_history_of_versions_comes_in_screens()
    {
        using var editor = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor));
        var key = KeyOf("/zo-veranderen-wij/ontmoeten/");
        const int size = PubliekeVeranderaars.Web.Backoffice.BackofficeVersionHistoryModel.PageSize;
        for (var i = 0; i < size + 2; i++)
            await PostEditorAsync(editor, key, "", new Dictionary<string, string> { ["p:text"] = $"<p>Netwerkversie {i}.</p>" });
        var versions = await new SiteContent(_site).VersionsAsync(key);

        var first = await Html.ParseAsync(await editor.GetAsync($"/backoffice/inhoud/{key}/versies"));
        Assert.Equal(size, first.QuerySelectorAll("tbody tr").Length);
        var next = first.QuerySelector("nav a[href$='?pagina=2']");
        Assert.NotNull(next);

        var second = await Html.ParseAsync(await editor.GetAsync($"/backoffice/inhoud/{key}/versies?pagina=2"));
        Assert.Equal(versions.Count - size, second.QuerySelectorAll("tbody tr").Length);
        // Newest first across the screens: the second screen ends with the very first version.
        Assert.Contains(second.QuerySelectorAll("input[name=versionId]"), i => i.GetAttribute("value") == versions.MinBy(v => v.Id)!.Id.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await editor.GetAsync($"/backoffice/inhoud/{key}/versies?pagina=9")).StatusCode);
        // An older concept has no state to tell: on a phone, where each cell is labelled, no "Status:" stands alone.
        Assert.Contains(first.QuerySelectorAll("tbody tr"), row => row.QuerySelectorAll("td")[2].TextContent.Trim() == "");
        Assert.All(first.QuerySelectorAll("td[data-label=Status]"), cell => Assert.NotEqual("", cell.TextContent.Trim()));
        Assert.All(first.QuerySelectorAll("td[data-label]"), cell => Assert.NotEqual("", cell.GetAttribute("data-label")));
    }

    [Fact]
    public async Task A_rollback_restores_the_older_text()
    {
        using var editor = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor));
        using var visitor = _site.CreateHttpClient();
        var key = KeyOf("/zo-veranderen-wij/uitdagen/");
        var original = "Wij dagen onszelf en anderen uit";
        await PostEditorAsync(editor, key, "/publiceren", new Dictionary<string, string> { ["p:text"] = "Tijdelijke tekst." });
        Assert.DoesNotContain(original, await MainTextAsync(visitor, "/zo-veranderen-wij/uitdagen/"));
        var versions = await new SiteContent(_site).VersionsAsync(key);
        var older = versions.First(v => v.Values.Any(x => x.Alias == "text" && x.Value.StartsWith(original, StringComparison.Ordinal)));

        var token = await BackofficeUsers.TokenAsync(editor, $"/backoffice/inhoud/{key}");
        var rolledBack = await editor.PostAsync($"/backoffice/inhoud/{key}/terugzetten",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("versionId", older.Id.ToString())]));
        Assert.Equal(HttpStatusCode.Redirect, rolledBack.StatusCode);
        // The list of versions says what the new draft is: a rollback, not merely "Concept".
        var list = (await Html.ParseAsync(await editor.GetAsync($"/backoffice/inhoud/{key}"))).Body!.TextContent;
        Assert.Matches(@"Concept, teruggezet \(versie van \d+ \w+ \d{4} \d{2}:\d{2}:\d{2}\)", list);
        await PostEditorAsync(editor, key, "/publiceren", new Dictionary<string, string>());

        Assert.Contains(original, await MainTextAsync(visitor, "/zo-veranderen-wij/uitdagen/"));
        var audit = await _site.GetService<AuditLog>().LatestAsync();
        Assert.Contains(audit, e => e.Action == AuditActions.Rollback && e.Target.Contains(key.ToString()));
    }

    [Fact]
    public async Task A_renamed_page_keeps_its_old_address_with_a_301()
    {
        using var editor = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor));
        using var visitor = _site.CreateHttpClient();
        var key = KeyOf("/zo-veranderen-wij/netwerken/");

        await PostEditorAsync(editor, key, "/publiceren", new Dictionary<string, string> { ["name"] = "Netwerken zonder grenzen" });

        var old = await visitor.GetAsync("/zo-veranderen-wij/netwerken/?bron=nieuwsbrief");
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal("/zo-veranderen-wij/netwerken-zonder-grenzen/?bron=nieuwsbrief", old.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/zo-veranderen-wij/netwerken-zonder-grenzen/")).StatusCode);
    }

    [Fact]
    public async Task A_renamed_parent_keeps_its_childrens_old_addresses_working()
    {
        using var editor = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor));
        using var visitor = _site.CreateHttpClient();
        var key = KeyOf("/initiatieven/");

        await PostEditorAsync(editor, key, "/publiceren", new Dictionary<string, string> { ["name"] = "Doe mee" });

        var child = await visitor.GetAsync("/initiatieven/innovatielab-open-overheid/");
        Assert.Equal(HttpStatusCode.MovedPermanently, child.StatusCode);
        Assert.Equal("/doe-mee/innovatielab-open-overheid/", child.Headers.Location!.ToString());
        await PostEditorAsync(editor, key, "/publiceren", new Dictionary<string, string> { ["name"] = "Initiatieven" });
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/initiatieven/innovatielab-open-overheid/")).StatusCode);
    }

    [Fact]
    public async Task Validation_from_the_document_type_is_shown_next_to_the_field_and_nothing_is_saved()
    {
        using var editor = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor));
        var key = KeyOf("/zo-veranderen-wij/leren/");
        var before = (await new SiteContent(_site).VersionsAsync(key)).Count;

        var response = await PostEditorAsync(editor, key, "", new Dictionary<string, string> { ["p:number"] = "honderd", ["p:title"] = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains("Het nummer is een getal van 1 tot en met 99.", page.QuerySelector("#veld-number-fout")!.TextContent);
        Assert.Contains("Geef het principe een titel.", page.QuerySelector("#veld-title-fout")!.TextContent);
        Assert.Equal("honderd", page.QuerySelector("#veld-number")!.GetAttribute("value"));
        Assert.Equal(before, (await new SiteContent(_site).VersionsAsync(key)).Count);
    }

    [Fact]
    public async Task Rich_text_is_sanitised_when_saved()
    {
        using var editor = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor));
        var key = KeyOf("/privacy/");

        await PostEditorAsync(editor, key, "", new Dictionary<string, string> { ["p:body"] = "<p onclick=\"steel()\">Tekst</p><script>steel()</script>" });

        var latest = await new SiteContent(_site).GetLatestVersionAsync(key);
        Assert.Equal("<p>Tekst</p>", latest!.Values.Single(v => v.Alias == "body").Value);
    }

    [Fact]
    public async Task An_initiative_owner_sees_only_the_entries_of_their_own_initiative()
    {
        using (var poster = new FormPoster(_site))
        {
            await poster.PostAsync("/initiatieven/innovatielab-open-overheid/", FormPoster.Join("Eigen Aanmelder", "eigen@example.org"));
            await poster.PostAsync("/initiatieven/leernetwerk-publieke-innovatie/", FormPoster.Join("Andere Aanmelder", "ander@example.org"));
        }
        var owner = await BackofficeUsers.CreateAsync(_site, BackofficeRoles.InitiativeOwner, "innovatielab@publiekeveranderaars.example");
        using var client = await BackofficeUsers.LoginAsync(_site, owner);

        var list = await client.GetStringAsync("/backoffice/formulieren/doeMee");

        Assert.Contains("Eigen Aanmelder", list);
        Assert.DoesNotContain("Andere Aanmelder", list);
        var editor = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor));
        var all = await editor.GetStringAsync("/backoffice/formulieren/doeMee");
        var other = EntryLink().Matches(all).Select(m => m.Value).First(link => !list.Contains(link));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(other)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/backoffice/inhoud")).StatusCode);
    }

    [GeneratedRegex(@"/backoffice/inzendingen/[0-9a-f-]{36}")]
    private static partial Regex EntryLink();
}

public class BackofficeCreatePageTests(SqliteSiteFixture fixture) : IClassFixture<SqliteSiteFixture>
{
    private readonly SiteHost _site = fixture.Site;

    [Fact]
    public async Task An_editor_creates_a_principle_fills_it_in_and_publishes_it()
    {
        using var editor = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor));
        using var visitor = _site.CreateHttpClient();
        var parent = _site.GetService<PublishedContentCache>().Current.ByRoute("/zo-veranderen-wij/")!.Key;
        var token = await BackofficeUsers.TokenAsync(editor, $"/backoffice/inhoud/{parent}");

        var created = await editor.PostAsync($"/backoffice/inhoud/{parent}/nieuw", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("type", "principle"), new("childName", "Experimenteren")]));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var editorUrl = created.Headers.Location!.ToString();
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/zo-veranderen-wij/experimenteren/")).StatusCode);

        var page = await Html.ParseAsync(await editor.GetAsync(editorUrl));
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", page.QuerySelector("form.backoffice-editor input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
            new("name", "Experimenteren"), new("p:number", "13"), new("p:title", "Experimenteren"), new("p:text", "Wij proberen dingen klein uit."),
        };
        var published = await editor.PostAsync(editorUrl + "/publiceren", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Contains("Wij proberen dingen klein uit.", await visitor.GetStringAsync("/zo-veranderen-wij/experimenteren/"));
        Assert.Contains("Experimenteren", await visitor.GetStringAsync("/zo-veranderen-wij/"));
    }

    [Fact]
    public async Task A_type_the_parent_does_not_allow_is_refused()
    {
        using var editor = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor));
        var parent = _site.GetService<PublishedContentCache>().Current.ByRoute("/zo-veranderen-wij/")!.Key;
        var token = await BackofficeUsers.TokenAsync(editor, $"/backoffice/inhoud/{parent}");
        var before = (await new SiteContent(_site).TreeAsync()).Count;

        await editor.PostAsync($"/backoffice/inhoud/{parent}/nieuw", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("type", "initiative"), new("childName", "Verkeerd")]));

        Assert.Equal(before, (await new SiteContent(_site).TreeAsync()).Count);
    }
}

public class BackofficeDraftSafetyTests(SqliteSiteFixture fixture) : IClassFixture<SqliteSiteFixture>
{
    private readonly SiteHost _site = fixture.Site;

    private Guid KeyOf(string route) => _site.GetService<PublishedContentCache>().Current.ByRoute(route)!.Key;

    private static async Task SaveTextAsync(HttpClient editor, Guid key, string text)
    {
        var saved = await EditorForm.PostAsync(editor, key, "", new Dictionary<string, string> { ["p:text"] = text });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }

    [Fact]
    public async Task A_draft_can_be_previewed_in_the_site_layout_without_visitors_seeing_it()
    {
        using var editor = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Writer));
        using var visitor = _site.CreateHttpClient();
        var key = KeyOf("/zo-veranderen-wij/verbinden/");
        var draft = $"Concepttekst {Guid.NewGuid():N}";
        await SaveTextAsync(editor, key, draft);

        var preview = await Html.ParseAsync(await editor.GetAsync($"/backoffice/inhoud/{key}/voorbeeld"));

        Assert.Contains(draft, preview.QuerySelector("main")!.TextContent);
        Assert.Contains("Voorbeeld van een concept", preview.QuerySelector("[role=note]")!.TextContent);
        Assert.DoesNotContain(draft, await visitor.GetStringAsync("/zo-veranderen-wij/verbinden/"));
        Assert.Equal(HttpStatusCode.Redirect, (await visitor.GetAsync($"/backoffice/inhoud/{key}/voorbeeld")).StatusCode);
    }

    [Fact]
    public async Task A_page_in_the_recycle_bin_leaves_the_site_and_comes_back_when_restored()
    {
        using var editor = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor));
        using var visitor = _site.CreateHttpClient();
        var key = KeyOf("/initiatieven/");
        var token = await BackofficeUsers.TokenAsync(editor, $"/backoffice/inhoud/{key}");

        // Asked first: without the tick nothing happens, and the question names what goes with it.
        var asked = await editor.PostAsync($"/backoffice/inhoud/{key}/prullenbak", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.BadRequest, asked.StatusCode);
        Assert.Contains("pagina's eronder", (await Html.ParseAsync(asked)).QuerySelector("main")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/initiatieven/")).StatusCode);
        var trashed = await editor.PostAsync($"/backoffice/inhoud/{key}/prullenbak",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("confirm", "on")]));
        Assert.Equal(HttpStatusCode.Redirect, trashed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/initiatieven/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/initiatieven/innovatielab-open-overheid/")).StatusCode);
        Assert.DoesNotContain("Innovatielab Open Overheid", await editor.GetStringAsync("/backoffice/inhoud"));
        Assert.Contains("Initiatieven", await editor.GetStringAsync("/backoffice/inhoud/prullenbak"));

        token = await BackofficeUsers.TokenAsync(editor, "/backoffice/inhoud/prullenbak");
        var restored = await editor.PostAsync($"/backoffice/inhoud/{key}/terugzetten-uit-prullenbak", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/initiatieven/innovatielab-open-overheid/")).StatusCode);
        var audit = await _site.GetService<AuditLog>().LatestAsync();
        Assert.Contains(audit, e => e.Action == AuditActions.Delete && e.Target.Contains(key.ToString()));
        Assert.Contains(audit, e => e.Action == AuditActions.Restore && e.Target.Contains(key.ToString()));
    }

    [Fact]
    public async Task The_home_page_cannot_go_to_the_recycle_bin()
    {
        using var editor = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor));
        var key = KeyOf("/");
        var token = await BackofficeUsers.TokenAsync(editor, $"/backoffice/inhoud/{key}");

        await editor.PostAsync($"/backoffice/inhoud/{key}/prullenbak",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("confirm", "on")]));

        using var visitor = _site.CreateHttpClient();
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Comparing_a_version_marks_the_changed_fields()
    {
        using var editor = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor));
        var key = KeyOf("/zo-veranderen-wij/delen/");
        await SaveTextAsync(editor, key, "Wij delen alles, altijd.");
        var versions = await new SiteContent(_site).VersionsAsync(key);

        var page = await Html.ParseAsync(await editor.GetAsync($"/backoffice/inhoud/{key}/vergelijk/{versions[^1].Id}"));

        var changed = page.QuerySelectorAll(".backoffice-compare__field").ToList();
        Assert.Equal(["Tekst"], changed.Select(f => f.QuerySelector("h2")!.TextContent));
        // The draft's text is the older one with what was taken out left out and what was put in kept.
        foreach (var gone in changed[0].QuerySelectorAll("del, .site-visually-hidden").ToList()) gone.Remove();
        Assert.Equal("Wij delen alles, altijd.", changed[0].QuerySelector(".backoffice-diff")!.TextContent);
    }
}

public class BackofficeEntriesExportTests(SqliteSiteFixture fixture) : IClassFixture<SqliteSiteFixture>
{
    private readonly SiteHost _site = fixture.Site;

    [Fact]
    public async Task An_owner_exports_only_their_own_entries_with_formulas_neutralised_and_the_export_is_audited()
    {
        using (var poster = new FormPoster(_site))
        {
            await poster.PostAsync("/initiatieven/innovatielab-open-overheid/", FormPoster.Join("=HYPERLINK(\"x\")", "formule@example.org", organisation: "+31 Gemeente"));
            await poster.PostAsync("/initiatieven/leernetwerk-publieke-innovatie/", FormPoster.Join("Niet Van Mij", "ander@example.org"));
        }
        var owner = await BackofficeUsers.CreateAsync(_site, BackofficeRoles.InitiativeOwner, "innovatielab@publiekeveranderaars.example");
        using var client = await BackofficeUsers.LoginAsync(_site, owner);

        var response = await client.GetAsync("/backoffice/formulieren/doeMee/export?format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csv = System.Text.Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
        Assert.StartsWith("\uFEFFOntvangen (Nederlandse tijd);Pagina;Naam;E-mailadres", csv);
        Assert.Contains("'=HYPERLINK", csv);
        Assert.Contains("'+31 Gemeente", csv);
        Assert.DoesNotContain("Niet Van Mij", csv);
        var xlsx = await client.GetAsync("/backoffice/formulieren/doeMee/export?format=xlsx");
        Assert.Equal("PK"u8.ToArray(), (await xlsx.Content.ReadAsByteArrayAsync())[..2]);
        var audit = await _site.GetService<AuditLog>().LatestAsync();
        Assert.Equal(2, audit.Count(e => e.User == owner && e.Action == AuditActions.ExportPersonalData));
    }
}

public class BackofficeScheduleTests(SqliteSiteFixture fixture) : IClassFixture<SqliteSiteFixture>
{
    private readonly SiteHost _site = fixture.Site;

    [Fact]
    public async Task A_planned_time_in_dutch_time_is_stored_in_utc_and_shown_back_as_entered()
    {
        using var editor = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor));
        var key = _site.GetService<PublishedContentCache>().Current.ByRoute("/privacy/")!.Key;
        var token = await BackofficeUsers.TokenAsync(editor, $"/backoffice/inhoud/{key}");

        var response = await editor.PostAsync($"/backoffice/inhoud/{key}/planning", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("publishAt", ""), new("unpublishAt", "2027-07-01T12:00")]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var node = await new SiteContent(_site).NodeAsync(key);
        // 1 July is summer time in the Netherlands: UTC+2.
        Assert.Equal(new DateTime(2027, 7, 1, 10, 0, 0, DateTimeKind.Utc), node!.UnpublishAtUtc);
        var page = await Html.ParseAsync(await editor.GetAsync($"/backoffice/inhoud/{key}"));
        Assert.Equal("2027-07-01T12:00", page.QuerySelector("#depubliceren-op")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_writer_cannot_plan_a_publication()
    {
        using var writer = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Writer));
        var key = _site.GetService<PublishedContentCache>().Current.ByRoute("/privacy/")!.Key;
        var token = await BackofficeUsers.TokenAsync(writer, $"/backoffice/inhoud/{key}");

        var response = await writer.PostAsync($"/backoffice/inhoud/{key}/planning", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("publishAt", "2027-01-01T09:00"), new("unpublishAt", "")]));

        Assert.Contains("geen-toegang", response.Headers.Location!.ToString());
        Assert.Null((await new SiteContent(_site).NodeAsync(key))!.PublishAtUtc);
    }
}

public class BackofficeSortTests(SqliteSiteFixture fixture) : IClassFixture<SqliteSiteFixture>
{
    private readonly SiteHost _site = fixture.Site;

    [Fact]
    public async Task An_editor_moves_a_menu_item_earlier_and_the_site_menu_follows()
    {
        using var editor = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor));
        using var visitor = _site.CreateHttpClient();
        var key = _site.GetService<PublishedContentCache>().Current.ByRoute("/initiatieven/")!.Key;
        var token = await BackofficeUsers.TokenAsync(editor, $"/backoffice/inhoud/{key}");

        var response = await editor.PostAsync($"/backoffice/inhoud/{key}/sorteren",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("direction", "-1")]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var menu = (await Html.ParseAsync(await visitor.GetAsync("/"))).QuerySelectorAll("nav[aria-label=Hoofdmenu] a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["Home", "Initiatieven", "Zo veranderen wij", "Ondertekenen"], menu);
        Assert.Contains(await _site.GetService<AuditLog>().LatestAsync(), e => e.Action == AuditActions.Sort);
    }
}

public class BackofficeMailTests(SqliteSiteFixture fixture) : IClassFixture<SqliteSiteFixture>
{
    private readonly SiteHost _site = fixture.Site;

    [Fact]
    public async Task A_failed_mail_is_listed_with_its_reason_and_a_retry_puts_it_back_in_the_queue()
    {
        long id;
        await using (var db = _site.GetService<Core.Storage.SiteDatabase>().Open())
        {
            var message = new Core.Mail.OutboxMessage
            {
                Kind = Core.Mail.OutboxKind.Email, Status = Core.Mail.OutboxStatus.Failed, CreatedUtc = DateTime.UtcNow.AddDays(-3),
                NextAttemptUtc = DateTime.UtcNow.AddDays(-3), Attempts = 40, LastError = "SmtpCommandException: Mailbox unavailable",
                Source = "Formulier doeMee: Mail aan eigenaar", MessageId = "retry@test", FromAddress = "noreply@test.nl",
                ToAddress = "eigenaar@example.org", Subject = "Nieuwe aanmelding", TextBody = "t", HtmlBody = "<p>t</p>",
            };
            db.OutboxMessages.Add(message);
            await db.SaveChangesAsync();
            id = message.Id;
        }
        using var editor = await BackofficeUsers.LoginAsync(_site, await BackofficeUsers.CreateAsync(_site, BackofficeRoles.Editor));
        var list = await editor.GetStringAsync("/backoffice/mail");
        Assert.Contains("Mailbox unavailable", list);
        Assert.Contains("eigenaar@example.org", list);
        var token = await BackofficeUsers.TokenAsync(editor, "/backoffice/mail");

        var retried = await editor.PostAsync($"/backoffice/mail/{id}/opnieuw", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        await using var after = _site.GetService<Core.Storage.SiteDatabase>().Open();
        var status = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(after.OutboxMessages, m => m.Id == id);
        // Back in the queue (the test site writes to its pickup folder, so it may already have gone out).
        Assert.NotEqual(Core.Mail.OutboxStatus.Failed, status.Status);
        Assert.Contains(await _site.GetService<AuditLog>().LatestAsync(), e => e.Action == AuditActions.RetryMail);
    }
}
