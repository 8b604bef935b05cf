using Microsoft.Extensions.Logging.Abstractions;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Search;

namespace PubliekeVeranderaars.Core.Tests.Search;

/// <summary>Each test gets the seeded site with its search started, as the web host starts it.</summary>
public class ContentSearchIndexTests : IAsyncLifetime
{
    private const string InBeeld = "/initiatieven/ambtenaren-in-beeld/";

    private TestDatabase db = null!;
    private ContentSearchIndex index = null!;
    private ContentSearch search = null!;

    public async Task InitializeAsync()
    {
        db = await TestDatabase.CreateAsync(seed: true);
        index = NewIndex(db.NewFolder("search"));
        search = new ContentSearch(db.Cache, index, NullLogger<ContentSearch>.Instance);
        search.Start();
    }

    public async Task DisposeAsync()
    {
        index.Dispose();
        await db.DisposeAsync();
    }

    private static ContentSearchIndex NewIndex(string path) =>
        new(path, NullLogger<ContentSearchIndex>.Instance, TimeProvider.System);

    private static ContentSearchResults Find(ContentSearch search, string text, int page = 1) =>
        search.Search(SearchQueryText.Parse(text)!, page);

    private static async Task<Guid> PublishPageAsync(TestDatabase db, string name, string bodyHtml)
    {
        var home = db.Cache.Current.Home!.Key;
        var created = await db.Editing.CreateAsync(home, "contentPage", name,
            [new ContentPropertyValue("title", null, name), new ContentPropertyValue("body", null, bodyHtml)], TestDatabase.Editor);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Message)));
        Assert.True((await db.Publishing.PublishAsync(created.Node!.Key, TestDatabase.Editor)).Succeeded);
        return created.Node!.Key;
    }

    /// <summary>A search on one index, as the site's search service runs it.</summary>
    private static ContentSearchResults SearchIn(ContentSearchIndex index, PublishedContentCache cache, SearchQueryText query) =>
        new ContentSearch(cache, index, NullLogger<ContentSearch>.Instance).Search(query, 1);

    [Fact]
    public async Task Ambtenaar_finds_the_page_that_says_ambtenaren_with_the_word_marked()
    {

        var results = Find(search, "ambtenaar");

        Assert.Equal(SearchMatch.AllWords, results.Match);
        var hit = Assert.Single(results.Hits, h => h.Route == InBeeld);
        Assert.Matches("<mark>[Aa]mbtenaren</mark>", hit.SnippetHtml);
        Assert.All(results.Hits, h => Assert.Contains("mbtenaren", h.SnippetHtml + h.Name, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task All_words_must_match_and_the_name_weighs_most()
    {

        var results = Find(search, "ambtenaren beeld");

        Assert.Equal(SearchMatch.AllWords, results.Match);
        Assert.Equal(InBeeld, results.Hits[0].Route);
    }

    [Fact]
    public async Task A_phrase_matches_only_its_words_in_order()
    {
        await PublishPageAsync(db, "Volgorde", "<p>De open data van een transparante overheid.</p>");

        Assert.Contains(Find(search, "\"transparante overheid\"").Hits, h => h.Name.StartsWith("Volgorde"));
        Assert.DoesNotContain(Find(search, "\"overheid transparante\"").Hits, h => h.Name.StartsWith("Volgorde"));
    }

    [Fact]
    public async Task Sensitive_properties_are_not_findable_and_not_in_the_index_files()
    {

        // Words that look alike may still turn up pages ("inbeeld" is close to "beeld"); the address itself never does.
        Assert.NotEqual(SearchMatch.AllWords, Find(search, "inbeeld@publiekeveranderaars.example").Match);
        Assert.NotEqual(SearchMatch.AllWords, Find(search, "publiekeveranderaars.example").Match);
        Assert.NotEmpty(Find(search, "Sanne Jansen").Hits); // the owner's name is on the page, so it may be found
        index.Dispose();

        foreach (var file in Directory.EnumerateFiles(index.Path))
        {
            var bytes = File.ReadAllText(file, System.Text.Encoding.Latin1);
            Assert.DoesNotContain("publiekeveranderaars.example", bytes);
        }
    }

    [Fact]
    public async Task Publish_unpublish_and_drafts_are_followed_when_the_publish_returns()
    {

        var key = await PublishPageAsync(db, "Zeppelins", "<p>Over de zeppelinwerkplaats van het netwerk.</p>");
        Assert.Contains(Find(search, "zeppelinwerkplaats").Hits, h => h.Key == key && h.Route == "/zeppelins/");

        // A saved draft is not what visitors see, so it is not what they find.
        var draft = (await db.Queries.LatestVersionAsync(key))!;
        var values = draft.Values.Select(v => v.Alias == "body" ? v with { Value = "<p>Luchtschipconcept</p>" } : v).ToList();
        Assert.True((await db.Editing.SaveAsync(key, "Zeppelins", values, TestDatabase.Editor)).Succeeded);
        Assert.Empty(Find(search, "luchtschipconcept").Hits);
        Assert.NotEmpty(Find(search, "zeppelinwerkplaats").Hits);

        Assert.True((await db.Publishing.UnpublishAsync(key, TestDatabase.Editor)).Succeeded);
        Assert.Empty(Find(search, "zeppelinwerkplaats").Hits);
        Assert.Equal(db.Cache.Current.All.Count(), index.Count);
    }

    [Fact]
    public async Task A_repeated_search_is_answered_from_memory_until_the_index_changes()
    {
        var first = Find(search, "ambtenaar");
        Assert.Same(first, Find(search, "ambtenaar"));
        Assert.NotSame(first, Find(search, "ambtenaar", page: 2));

        var key = await PublishPageAsync(db, "Nieuw", "<p>Een nieuwe pagina over ambtenaren.</p>");

        var after = Find(search, "ambtenaar");
        Assert.NotSame(first, after);
        Assert.Contains(after.Hits, h => h.Key == key);
    }

    [Fact]
    public async Task Only_changed_pages_are_rewritten()
    {

        Assert.Equal(0, index.Synchronize(db.Cache.Current.All));
        var privacy = db.Cache.Current.ByRoute("/privacy/")!.Key;
        var draft = (await db.Queries.LatestVersionAsync(privacy))!;
        var values = draft.Values.Select(v => v.Alias == "body" ? v with { Value = "<p>Bewaartermijnen uitgelegd</p>" } : v).ToList();
        await db.Editing.SaveAsync(privacy, "Privacy", values, TestDatabase.Editor);
        await db.Publishing.PublishAsync(privacy, TestDatabase.Editor);

        Assert.Equal(0, index.Synchronize(db.Cache.Current.All)); // the publish itself already wrote it
        Assert.NotEmpty(Find(search, "bewaartermijnen").Hits);
    }

    [Fact]
    public async Task A_typo_falls_back_to_similar_words_and_suggests_the_right_one()
    {

        var results = Find(search, "ambtenraen");

        Assert.Equal(SearchMatch.SimilarWords, results.Match);
        Assert.Equal("ambtenaren", results.Suggestion);
        Assert.Contains(results.Hits, h => h.Route == InBeeld);
        Assert.Contains("<mark>", results.Hits[0].SnippetHtml);
    }

    [Fact]
    public async Task Words_that_match_nothing_together_fall_back_to_pages_with_some_of_them()
    {

        var results = Find(search, "ambtenaren xylofoonorkest");

        Assert.Equal(SearchMatch.SomeWords, results.Match);
        Assert.Contains(results.Hits, h => h.Route == InBeeld);
        Assert.Equal(SearchMatch.None, Find(search, "xylofoonorkest").Match);
        Assert.Equal(SearchMatch.NoWords, Find(search, "de het een").Match);
    }

    [Fact]
    public async Task Results_are_paged_and_a_page_past_the_end_shows_the_last()
    {
        for (var i = 1; i <= 23; i++) await PublishPageAsync(db, $"Pagina {i}", $"<p>Het woord kwartelkoning staat op pagina {i}.</p>");

        var first = Find(search, "kwartelkoning");
        var third = Find(search, "kwartelkoning", page: 3);
        var beyond = Find(search, "kwartelkoning", page: 99);

        Assert.Equal((23, 3, 10), (first.Total, first.PageCount, first.Hits.Count));
        Assert.Equal((3, 3), (third.Page, third.Hits.Count));
        Assert.Equal(3, beyond.Page);
        Assert.Equal(23, first.Hits.Concat(Find(search, "kwartelkoning", 2).Hits).Concat(third.Hits).Select(h => h.Key).Distinct().Count());
    }

    [Fact]
    public async Task Snippets_are_encoded_text()
    {
        await PublishPageAsync(db, "Code", "<p>Schrijf nooit &lt;script&gt;alert(1)&lt;/script&gt; in een vleermuisformulier &amp; zo.</p>");

        var snippet = Assert.Single(Find(search, "vleermuisformulier").Hits).SnippetHtml;

        Assert.DoesNotContain("<script", snippet);
        Assert.Contains("&lt;script&gt;", snippet);
        Assert.Contains("<mark>vleermuisformulier</mark>", snippet);
    }

    [Fact]
    public async Task A_page_found_by_its_title_shows_the_start_of_its_text_even_without_spaces()
    {
        var word = new string('x', 300);
        await PublishPageAsync(db, "Zeearend", $"<p>{word}</p>");
        await PublishPageAsync(db, "Zeearend gespot", "<p>Een korte tekst &amp; meer.</p>");

        var hits = Find(search, "zeearend").Hits;

        Assert.Contains(hits, h => h.SnippetHtml == new string('x', 160) + " …");
        Assert.Contains(hits, h => h.SnippetHtml == "Een korte tekst &amp; meer.");
    }

    [Theory]
    [InlineData("\"ambtenaar")]
    [InlineData("ambtenaar\"")]
    [InlineData("(ambtenaar")]
    [InlineData("ambtenaar)]}")]
    [InlineData("title:ambtenaar")]
    [InlineData("ambtenaar~2")]
    [InlineData("*ambtenaar?")]
    [InlineData("+ambtenaar")]
    [InlineData("ambtenaar AND OR NOT")]
    [InlineData("[a TO z]")]
    [InlineData("\\")]
    [InlineData("/regex.*/")]
    [InlineData("!!!")]
    [InlineData("\"\" \" \"")]
    [InlineData("a^10000")]
    [InlineData("ambtenaarambtenaarambtenaarambtenaarambtenaarambtenaarambtenaarambtenaarambtenaarambtenaarambtenaarambtenaarambtenaarambtenaarambtenaarambtenaarambtenaarambtenaarambtenaarambtenaarambtenaar ambtenaar")]
    public async Task Hostile_text_is_searched_as_plain_words(string text)
    {

        var results = Find(search, text);

        Assert.NotNull(results);
        if (text.Contains("ambtenaar")) Assert.Contains(results.Hits, h => h.Route == InBeeld);
    }

    [Fact]
    public async Task A_missing_index_is_rebuilt_from_the_published_pages()
    {
        index.Dispose();
        Directory.Delete(index.Path, recursive: true);

        using var reopened = NewIndex(index.Path);
        reopened.Open(db.Cache.Current.All);

        Assert.Equal(db.Cache.Current.All.Count(), reopened.Count);
        Assert.Contains(SearchIn(reopened, db.Cache, SearchQueryText.Parse("ambtenaar")!).Hits, h => h.Route == InBeeld);
    }

    [Theory]
    [InlineData("segments")]
    [InlineData("all")]
    public async Task A_corrupt_index_is_rebuilt_from_the_published_pages(string damage)
    {
        index.Dispose();
        var files = Directory.GetFiles(index.Path).Where(f => damage == "all" || Path.GetFileName(f).StartsWith("segments_"));
        foreach (var file in files) File.WriteAllBytes(file, "not an index"u8.ToArray());

        using var reopened = NewIndex(index.Path);
        reopened.Open(db.Cache.Current.All);

        Assert.Equal(db.Cache.Current.All.Count(), reopened.Count);
        Assert.Contains(SearchIn(reopened, db.Cache, SearchQueryText.Parse("ambtenaar")!).Hits, h => h.Route == InBeeld);
    }

    [Fact]
    public async Task An_index_reopened_after_pages_changed_while_closed_catches_up()
    {
        var path = db.NewFolder("closed-search");
        using (var closed = NewIndex(path)) closed.Open(db.Cache.Current.All);
        var privacy = db.Cache.Current.ByRoute("/privacy/")!.Key;
        await db.Publishing.UnpublishAsync(privacy, TestDatabase.Editor);

        using var reopened = NewIndex(path);
        reopened.Open(db.Cache.Current.All);

        Assert.DoesNotContain(SearchIn(reopened, db.Cache, SearchQueryText.Parse("privacy")!).Hits, h => h.Key == privacy);
        Assert.Equal(db.Cache.Current.All.Count(), reopened.Count);
    }

    [Fact]
    public async Task An_index_rebuilt_by_another_process_is_read_after_a_second()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var path = db.NewFolder("other-search");
        var clock = new ManualClock();
        using var site = new ContentSearchIndex(path, NullLogger<ContentSearchIndex>.Instance, clock);
        site.Open(db.Cache.Current.All);
        var ambtenaar = SearchQueryText.Parse("ambtenaar")!;
        Assert.NotEmpty(SearchIn(site, db.Cache, ambtenaar).Hits);

        // The search rebuild command, while the site runs: it writes the same folder (here: without the initiatives).
        using (var command = NewIndex(path))
        {
            command.Rebuild(db.Cache.Current.All.Where(p => p.ContentTypeAlias != "initiative"));
        }

        Assert.Contains(SearchIn(site, db.Cache, ambtenaar).Hits, h => h.Route == InBeeld); // still the index it had open
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.DoesNotContain(SearchIn(site, db.Cache, ambtenaar).Hits, h => h.Route == InBeeld);
        // The site's next publish puts back what the command left out: it compares with the index, not with memory.
        Assert.True(site.Synchronize(db.Cache.Current.All) > 0);
        Assert.Contains(SearchIn(site, db.Cache, ambtenaar).Hits, h => h.Route == InBeeld);
    }

    [Fact]
    public async Task A_large_missing_index_is_built_in_the_background_while_search_says_so()
    {
        await using var separate = await TestDatabase.CreateAsync(seed: true);
        using var background = NewIndex(separate.NewFolder("background"));
        Action? build = null;
        var built = new TaskCompletionSource();
        var large = new ContentSearch(separate.Cache, background, NullLogger<ContentSearch>.Instance, synchronousBuildLimit: 5,
            work => { build = work; return built.Task; });

        large.Start(); // returns before anything is built: the seed's pages count as large here

        Assert.Equal(SearchMatch.IndexBuilding, Find(large, "ambtenaar").Match);
        Assert.Equal((0, separate.Cache.Current.All.Count()), (large.Building!.Done, large.Building.Total));
        Assert.False(large.Status().IsCurrent);
        var key = await PublishPageAsync(separate, "Tijdens de bouw", "<p>Over de reigerkolonie.</p>"); // does not wait for the build

        build!();
        built.SetResult();

        Assert.Null(large.Building);
        Assert.Contains(Find(large, "ambtenaar").Hits, h => h.Route == InBeeld);
        Assert.Contains(Find(large, "reigerkolonie").Hits, h => h.Key == key);
        Assert.True(large.Status().IsCurrent);
    }

    /// <summary>
    /// On a large site, comparing every page with the index (its text from the markup, its stamp from the index)
    /// took seconds of the start; the site answers from the index as last committed and catches up in the background.
    /// </summary>
    [Fact]
    public async Task A_large_existing_index_opens_at_once_and_catches_up_with_what_changed_in_the_background()
    {
        await using var separate = await TestDatabase.CreateAsync(seed: true);
        var folder = separate.NewFolder("restart");
        using (var before = NewIndex(folder)) before.Rebuild(separate.Cache.Current.All);
        var key = await PublishPageAsync(separate, "Na de herstart", "<p>Over de reigerkolonie.</p>"); // while no site follows
        using var reopened = NewIndex(folder);
        Action? catchUp = null;
        var caughtUp = new TaskCompletionSource();
        var large = new ContentSearch(separate.Cache, reopened, NullLogger<ContentSearch>.Instance, synchronousBuildLimit: 5,
            work => { catchUp = work; return caughtUp.Task; });

        large.Start(); // returns before the pages are compared with the index

        Assert.NotNull(catchUp);
        Assert.Null(large.Building);
        Assert.True(large.IsAvailable);
        Assert.Contains(Find(large, "ambtenaar").Hits, h => h.Route == InBeeld);
        Assert.DoesNotContain(Find(large, "reigerkolonie").Hits, h => h.Key == key);
        Assert.False(large.Status().IsCurrent);

        catchUp!();
        caughtUp.SetResult();

        Assert.Contains(Find(large, "reigerkolonie").Hits, h => h.Key == key);
        Assert.True(large.Status().IsCurrent);
    }

    [Fact]
    public async Task A_small_missing_index_is_built_before_start_returns()
    {
        await using var separate = await TestDatabase.CreateAsync(seed: true);
        using var small = NewIndex(separate.NewFolder("small"));
        var started = false;
        var seeded = new ContentSearch(separate.Cache, small, NullLogger<ContentSearch>.Instance, synchronousBuildLimit: separate.Cache.Current.All.Count(),
            work => { started = true; return Task.CompletedTask; });

        seeded.Start();

        Assert.False(started);
        Assert.Null(seeded.Building);
        Assert.Contains(Find(seeded, "ambtenaar").Hits, h => h.Route == InBeeld);
    }

    private sealed class ManualClock : TimeProvider
    {
        private long _ticks = 1;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override long GetTimestamp() => _ticks;
        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
