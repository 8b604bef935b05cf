using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Core.Tests.Content;

public class ContentEditingServiceTests
{
    private static Guid KeyOf(TestDatabase db, string route) => db.Cache.Current.ByRoute(route)!.Key;

    [Fact]
    public async Task Save_keeps_the_published_text_live_until_publish()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var key = KeyOf(db, "/privacy/");
        var draft = (await db.Queries.LatestVersionAsync(key))!;
        var values = draft.Values.Select(v => v.Alias == "body" ? v with { Value = "<p>Nieuwe tekst</p>" } : v).ToList();

        var saved = await db.Editing.SaveAsync(key, "Privacy", values, TestDatabase.Editor);

        Assert.True(saved.Succeeded);
        Assert.Contains("zorgvuldig", db.Cache.Current.ByKey(key)!.GetHtml("body"));
        Assert.True(saved.Node!.HasUnpublishedChanges);

        var published = await db.Publishing.PublishAsync(key, TestDatabase.Editor);

        Assert.True(published.Succeeded);
        Assert.Equal("<p>Nieuwe tekst</p>", db.Cache.Current.ByKey(key)!.GetHtml("body"));
    }

    [Fact]
    public async Task Unpublish_removes_the_page_and_its_children_from_the_cache()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var principles = KeyOf(db, "/zo-veranderen-wij/");

        await db.Publishing.UnpublishAsync(principles, TestDatabase.Editor);

        Assert.Null(db.Cache.Current.ByRoute("/zo-veranderen-wij/"));
        Assert.Null(db.Cache.Current.ByRoute("/zo-veranderen-wij/verbeelden/"));
        Assert.NotNull(db.Cache.Current.ByRoute("/"));
    }

    [Fact]
    public async Task Create_validates_mandatory_and_regex_with_the_document_types_own_messages()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var principles = KeyOf(db, "/zo-veranderen-wij/");

        var result = await db.Editing.CreateAsync(principles, "principle", "Dertiende",
            [new ContentPropertyValue("number", null, "abc"), new ContentPropertyValue("text", null, "Tekst")], TestDatabase.Editor);

        Assert.Equal(ContentOperationStatus.Invalid, result.Status);
        Assert.Contains(result.Errors, e => e.Alias == "number" && e.Message == "Het nummer is een getal van 1 tot en met 99.");
        Assert.Contains(result.Errors, e => e.Alias == "title" && e.Message == "Geef het principe een titel.");
    }

    [Fact]
    public async Task Create_refuses_a_type_the_parent_does_not_allow()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);

        var result = await db.Editing.CreateAsync(KeyOf(db, "/zo-veranderen-wij/"), "initiative", "Verkeerd", [], TestDatabase.Editor);

        Assert.Equal(ContentOperationStatus.Invalid, result.Status);
        Assert.Contains("mag niet onder", result.Errors.Single().Message);
    }

    [Fact]
    public async Task Create_then_publish_serves_the_new_page_at_its_segment()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var principles = KeyOf(db, "/zo-veranderen-wij/");

        var created = await db.Editing.CreateAsync(principles, "principle", "Experimenteren",
            [new("number", null, "13"), new("title", null, "Experimenteren"), new("text", null, "Wij proberen dingen uit.")], TestDatabase.Editor);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Message)));
        Assert.Null(db.Cache.Current.ByRoute("/zo-veranderen-wij/experimenteren/"));

        await db.Publishing.PublishAsync(created.Node!.Key, TestDatabase.Editor);

        var page = db.Cache.Current.ByRoute("/zo-veranderen-wij/experimenteren/");
        Assert.NotNull(page);
        Assert.Equal(13, db.Cache.Current.Children(principles).Count);
        Assert.Equal("Experimenteren", db.Cache.Current.Children(principles)[^1].Name);
    }
}

