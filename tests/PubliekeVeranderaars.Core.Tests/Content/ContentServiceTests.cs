using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Core.Tests.Content;

public class ContentServiceTests
{
    private static Guid KeyOf(TestDatabase db, string route) => db.Cache.Current.ByRoute(route)!.Key;

    [Fact]
    public async Task Save_keeps_the_published_text_live_until_publish()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var key = KeyOf(db, "/privacy/");
        var draft = (await db.Content.GetLatestVersionAsync(key))!;
        var values = draft.Values.Select(v => v.Alias == "body" ? v with { Value = "<p>Nieuwe tekst</p>" } : v).ToList();

        var saved = await db.Content.SaveAsync(key, "Privacy", values, "redacteur");

        Assert.True(saved.Succeeded);
        Assert.Contains("zorgvuldig", db.Cache.Current.ByKey(key)!.GetHtml("body"));
        Assert.True(saved.Node!.HasUnpublishedChanges);

        var published = await db.Content.PublishAsync(key);

        Assert.True(published.Succeeded);
        Assert.Equal("<p>Nieuwe tekst</p>", db.Cache.Current.ByKey(key)!.GetHtml("body"));
    }

    [Fact]
    public async Task Unpublish_removes_the_page_and_its_children_from_the_cache()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var principles = KeyOf(db, "/zo-veranderen-wij/");

        await db.Content.UnpublishAsync(principles);

        Assert.Null(db.Cache.Current.ByRoute("/zo-veranderen-wij/"));
        Assert.Null(db.Cache.Current.ByRoute("/zo-veranderen-wij/verbeelden/"));
        Assert.NotNull(db.Cache.Current.ByRoute("/"));
    }

    [Fact]
    public async Task Create_validates_mandatory_and_regex_with_the_document_types_own_messages()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var principles = KeyOf(db, "/zo-veranderen-wij/");

        var result = await db.Content.CreateAsync(principles, "principle", "Dertiende",
            [new ContentPropertyValue("number", null, "abc"), new ContentPropertyValue("text", null, "Tekst")], "redacteur");

        Assert.Equal(ContentResultStatus.Invalid, result.Status);
        Assert.Contains(result.Errors, e => e.Alias == "number" && e.Message == "Het nummer is een getal van 1 tot en met 99.");
        Assert.Contains(result.Errors, e => e.Alias == "title" && e.Message == "Geef het principe een titel.");
    }

    [Fact]
    public async Task Create_refuses_a_type_the_parent_does_not_allow()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);

        var result = await db.Content.CreateAsync(KeyOf(db, "/zo-veranderen-wij/"), "initiative", "Verkeerd", [], "redacteur");

        Assert.Equal(ContentResultStatus.Invalid, result.Status);
        Assert.Contains("mag niet onder", result.Errors.Single().Message);
    }

    [Fact]
    public async Task Create_then_publish_serves_the_new_page_at_its_segment()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var principles = KeyOf(db, "/zo-veranderen-wij/");

        var created = await db.Content.CreateAsync(principles, "principle", "Experimenteren",
            [new("number", null, "13"), new("title", null, "Experimenteren"), new("text", null, "Wij proberen dingen uit.")], "redacteur");
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Message)));
        Assert.Null(db.Cache.Current.ByRoute("/zo-veranderen-wij/experimenteren/"));

        await db.Content.PublishAsync(created.Node!.Key);

        var page = db.Cache.Current.ByRoute("/zo-veranderen-wij/experimenteren/");
        Assert.NotNull(page);
        Assert.Equal(13, db.Cache.Current.Children(principles).Count);
        Assert.Equal("Experimenteren", db.Cache.Current.Children(principles)[^1].Name);
    }
}

public class ContentScheduleTests
{
    [Fact]
    public async Task Due_plans_publish_and_unpublish_and_later_plans_wait()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var privacy = db.Cache.Current.ByRoute("/privacy/")!.Key;
        var principles = db.Cache.Current.ByRoute("/zo-veranderen-wij/")!.Key;
        var created = await db.Content.CreateAsync(principles, "principle", "Gepland",
            [new("number", null, "14"), new("title", null, "Gepland"), new("text", null, "Wij plannen vooruit.")], "redacteur");
        await db.Content.ScheduleAsync(created.Node!.Key, DateTime.UtcNow.AddMinutes(-1), null);
        await db.Content.ScheduleAsync(privacy, null, DateTime.UtcNow.AddMinutes(-1));
        var later = db.Cache.Current.ByRoute("/zo-veranderen-wij/leren/")!.Key;
        await db.Content.ScheduleAsync(later, null, DateTime.UtcNow.AddHours(1));

        var done = await db.Content.RunScheduleAsync();

        Assert.Equal(2, done);
        Assert.NotNull(db.Cache.Current.ByRoute("/zo-veranderen-wij/gepland/"));
        Assert.Null(db.Cache.Current.ByRoute("/privacy/"));
        Assert.NotNull(db.Cache.Current.ByRoute("/zo-veranderen-wij/leren/"));
        Assert.Equal(0, await db.Content.RunScheduleAsync());
    }

    [Fact]
    public async Task Unpublishing_before_publishing_is_refused()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var key = db.Cache.Current.ByRoute("/privacy/")!.Key;

        var result = await db.Content.ScheduleAsync(key, DateTime.UtcNow.AddDays(2), DateTime.UtcNow.AddDays(1));

        Assert.Equal(ContentResultStatus.Invalid, result.Status);
    }
}

public class ContentMoveTests
{
    [Fact]
    public async Task A_moved_page_lives_at_its_new_address_and_the_old_one_redirects()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var home = db.Cache.Current.Home!.Key;
        var archive = await db.Content.CreateAsync(home, "initiativesPage", "Archief", [new("title", null, "Archief")], "redacteur");
        await db.Content.PublishAsync(archive.Node!.Key);
        var lab = db.Cache.Current.ByRoute("/initiatieven/innovatielab-open-overheid/")!.Key;

        var moved = await db.Content.MoveAsync(lab, archive.Node.Key);

        Assert.True(moved.Succeeded);
        Assert.Equal(lab, db.Cache.Current.ByRoute("/archief/innovatielab-open-overheid/")!.Key);
        Assert.Equal("/archief/innovatielab-open-overheid/", db.Cache.Current.RedirectFor("/initiatieven/innovatielab-open-overheid/"));
        Assert.Equal(3, (await db.Content.NodeAsync(lab))!.Level);
    }

    [Fact]
    public async Task A_page_cannot_move_below_itself_or_where_its_type_is_not_allowed()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var initiatives = db.Cache.Current.ByRoute("/initiatieven/")!.Key;
        var lab = db.Cache.Current.ByRoute("/initiatieven/innovatielab-open-overheid/")!.Key;
        var principles = db.Cache.Current.ByRoute("/zo-veranderen-wij/")!.Key;

        Assert.Equal(ContentResultStatus.Invalid, (await db.Content.MoveAsync(lab, principles)).Status);
        Assert.Equal(ContentResultStatus.Invalid, (await db.Content.MoveAsync(initiatives, lab)).Status);
    }

    [Fact]
    public async Task Shifting_a_page_swaps_it_with_its_neighbour()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var principles = db.Cache.Current.ByRoute("/zo-veranderen-wij/")!.Key;
        var innoveren = db.Cache.Current.ByRoute("/zo-veranderen-wij/innoveren/")!.Key;

        await db.Content.ShiftAsync(innoveren, -1);

        Assert.Equal(["Innoveren", "Verbeelden", "Motiveren"], db.Cache.Current.Children(principles).Take(3).Select(c => c.Name));
        await db.Content.ShiftAsync(innoveren, -1);
        Assert.Equal("Innoveren", db.Cache.Current.Children(principles)[0].Name);
    }
}
