using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Initiatives;

namespace PubliekeVeranderaars.Core.Tests.Content;

/// <summary>The seed content is the network's manifesto; these tests hold it to the text in shared/seed.</summary>
public class SeedContentTests
{
    private static readonly string[] PrincipleTitles =
    [
        "Verbeelden", "Innoveren", "Motiveren", "Verbinden", "Leren", "Netwerken",
        "Cocreëren", "Delen", "Plezier maken", "Uitdagen", "Doorbreken", "Ontmoeten",
    ];

    [Fact]
    public async Task Principles_page_has_the_twelve_principles_of_the_manifesto_in_order()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var page = db.Cache.Current.ByRoute("/zo-veranderen-wij/")!;

        var principles = db.Cache.Current.Children(page.Key);

        Assert.Equal(PrincipleTitles, principles.Select(p => p.GetString("title")));
        Assert.Equal(Enumerable.Range(1, 12), principles.Select(p => p.GetInt("number")!.Value));
        Assert.All(principles, p => Assert.StartsWith("Wij ", p.GetString("text")));
    }

    [Fact]
    public async Task Home_carries_the_mission_and_the_four_society_points()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var home = db.Cache.Current.Home!;

        Assert.Contains("verbindende kracht", home.GetHtml("intro"));
        Assert.Equal("Onze samenleving verandert fundamenteel", home.GetString("societyHeading"));
        Assert.Equal(4, home.GetStrings("societyPoints").Count);
        Assert.StartsWith("Daarom is een andere rol", home.GetString("closingLine"));
    }

    [Fact]
    public async Task Example_initiatives_each_have_their_own_owner_address_marked_sensitive()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var initiatives = db.Cache.Current.Children(db.Cache.Current.ByRoute("/initiatieven/")!.Key);

        Assert.True(initiatives.Count >= 3);
        Assert.All(initiatives, i => Assert.True(i.GetBool("isExample")));
        Assert.All(initiatives, i => Assert.True(i.Properties["ownerEmail"].IsSensitive));
        Assert.Equal(initiatives.Count, initiatives.Select(i => i.GetString("ownerEmail")).Distinct().Count());
        Assert.Contains(initiatives, InitiativeStatus.IsOpen);
        Assert.Contains(initiatives, i => !InitiativeStatus.IsOpen(i));
    }

    [Fact]
    public async Task Seed_text_matches_the_manifesto_file()
    {
        var manifesto = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "..", "shared", "seed", "manifest-wij-publieke-veranderaars.txt"));
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var snapshot = db.Cache.Current;

        foreach (var principle in snapshot.All.Where(c => c.ContentTypeAlias == "principle"))
            Assert.Contains($"{principle.GetInt("number")}. {principle.GetString("title")}. {principle.GetString("text")}", manifesto);
        foreach (var point in snapshot.Home!.GetStrings("societyPoints"))
            Assert.Contains(point, manifesto);
    }
}
