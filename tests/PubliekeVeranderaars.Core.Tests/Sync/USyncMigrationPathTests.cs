using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Sync;

namespace PubliekeVeranderaars.Core.Tests.Sync;

/// <summary>Real exports hold duplicates, delete markers and references to what is not there: each is handled and said.</summary>
public sealed class USyncMigrationPathTests
{
    [Fact]
    public async Task Two_files_with_one_key_import_the_first_by_name_say_so_and_a_second_import_changes_nothing()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var folder = db.NewFolder("duplicaten");
        var content = Directory.CreateDirectory(Path.Combine(folder, "Content")).FullName;
        var seed = Path.Combine(RepositoryPaths.USyncSeed, "Content", "cocreeren.config");
        var text = await File.ReadAllTextAsync(seed);
        await File.WriteAllTextAsync(Path.Combine(content, "a-cocreeren.config"), text.Replace("<NodeName Default=\"Cocreëren\"", "<NodeName Default=\"Cocreëren (a)\""));
        await File.WriteAllTextAsync(Path.Combine(content, "b-cocreeren.config"), text.Replace("<NodeName Default=\"Cocreëren\"", "<NodeName Default=\"Cocreëren (b)\""));

        var first = await db.Import.ImportAsync(folder);
        var second = await db.Import.ImportAsync(folder);

        var duplicate = Assert.Single(first.Duplicates);
        Assert.Equal((Path.Combine("Content", "a-cocreeren.config"), Path.Combine("Content", "b-cocreeren.config")), (duplicate.KeptFile, duplicate.SkippedFile));
        Assert.Contains(first.Changes, c => c.Alias == "Cocreëren (a)");
        Assert.Empty(second.Changes);
    }

    [Fact]
    public async Task A_delete_marker_puts_the_page_in_the_bin_and_takes_it_off_the_site()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var page = db.Cache.Current.ByRoute("/zo-veranderen-wij/delen/")!;
        var folder = db.NewFolder("verwijderd");
        Directory.CreateDirectory(Path.Combine(folder, "Content"));
        await File.WriteAllTextAsync(Path.Combine(folder, "Content", "delen.config"),
            $"""<?xml version="1.0" encoding="utf-8"?><Empty Key="{page.Key}" Alias="Delen" Change="Delete" />""");

        var report = await db.Import.ImportAsync(folder);
        await db.Cache.RebuildAsync();

        Assert.Contains(report.Changes, c => c.Key == page.Key && c.Change == USyncChange.Deleted);
        Assert.Null(db.Cache.Current.ByRoute("/zo-veranderen-wij/delen/"));
        await using var context = db.Database.Open();
        Assert.True((await context.ContentNodes.SingleAsync(n => n.Key == page.Key)).Trashed);
    }

    [Fact]
    public async Task A_page_deleted_for_good_is_exported_as_a_delete_marker_that_takes_it_off_another_site()
    {
        await using var here = await TestDatabase.CreateAsync(seed: true);
        await using var there = await TestDatabase.CreateAsync(seed: true);
        var page = here.Cache.Current.ByRoute("/zo-veranderen-wij/delen/")!;
        await here.Tree.TrashAsync(page.Key, TestDatabase.Editor);
        await here.Tree.DeleteForGoodAsync(page.Key, TestDatabase.Editor);

        var folder = here.NewFolder("export");
        await here.Export.ExportAsync(folder);
        var marker = Directory.EnumerateFiles(Path.Combine(folder, "Content")).Select(f => System.Xml.Linq.XElement.Load(f))
            .SingleOrDefault(x => x.Name == "Empty" && (string?)x.Attribute("Key") == page.Key.ToString());
        var again = await here.Import.ImportAsync(folder);
        var report = await there.Import.ImportAsync(folder);
        await there.Cache.RebuildAsync();

        Assert.NotNull(marker);
        Assert.Equal("Delete", (string?)marker.Attribute("Change"));
        Assert.Equal("Delen", (string?)marker.Attribute("Alias"));
        Assert.Empty(again.Changes);
        Assert.Contains(report.Changes, c => c.Key == page.Key && c.Change == USyncChange.Deleted);
        Assert.Null(there.Cache.Current.ByRoute("/zo-veranderen-wij/delen/"));
    }

    [Fact]
    public async Task A_blueprint_is_no_page_travels_back_unchanged_and_starts_a_new_page_with_its_values()
    {
        await using var db = await TestDatabase.CreateAsync(seed: true);
        var folder = db.NewFolder("sjablonen");
        var blueprints = Directory.CreateDirectory(Path.Combine(folder, USyncFolders.Blueprints)).FullName;
        var key = Guid.NewGuid();
        var file = Path.Combine(blueprints, "initiatief-sjabloon.config");
        var xml = $"""
            <?xml version="1.0" encoding="utf-8"?>
            <Content Key="{key}" Alias="Initiatief (sjabloon)" Level="1">
              <Info>
                <Parent Key="00000000-0000-0000-0000-000000000000"></Parent>
                <Path>/InitiatiefSjabloon</Path>
                <Trashed>false</Trashed>
                <ContentType>contentPage</ContentType>
                <CreateDate>2026-11-30T10:00:00</CreateDate>
                <NodeName Default="Initiatief (sjabloon)" />
                <SortOrder>0</SortOrder>
                <Published Default="false" />
                <IsBlueprint>true</IsBlueprint>
              </Info>
              <Properties>
                <body>
                  <Value><![CDATA[<p>Wat willen we bereiken?</p><script>alert(1)</script>]]></Value>
                </body>
              </Properties>
            </Content>
            """;
        await File.WriteAllTextAsync(file, xml, new System.Text.UTF8Encoding(true));
        var before = db.Cache.Current.All.Count();

        await db.Import.ImportAsync(folder);
        await db.Cache.RebuildAsync();
        var exported = db.NewFolder("export");
        await db.Export.ExportAsync(exported);
        var blueprint = Assert.Single(await db.Blueprints.AllAsync());
        var home = db.Cache.Current.Home!.Key;
        var created = await db.Blueprints.CreatePageAsync(blueprint.Key, home, "Nieuw initiatief", TestDatabase.Editor);

        await using var context = db.Database.Open();
        Assert.False(await context.ContentNodes.AnyAsync(n => n.Key == key));
        Assert.Equal(before, db.Cache.Current.All.Count());
        Assert.Equal(await File.ReadAllBytesAsync(file), await File.ReadAllBytesAsync(Path.Combine(exported, USyncFolders.Blueprints, "initiatief-sjabloon.config")));
        Assert.Equal(("Initiatief (sjabloon)", "contentPage"), (blueprint.Name, blueprint.ContentTypeAlias));
        Assert.True(created.Succeeded, string.Join(", ", created.Errors.Select(e => e.Message)));
        var body = (await db.Queries.LatestVersionAsync(created.Node!.Key))!.Values.Single(v => v.Alias == "body").Value;
        Assert.Equal("<p>Wat willen we bereiken?</p>", body);
        Assert.False(created.Node.IsPublished);
    }

    [Fact]
    public async Task A_page_of_a_document_type_that_is_nowhere_is_reported()
    {
        await using var db = await TestDatabase.CreateAsync();
        var folder = db.NewFolder("wees");
        Directory.CreateDirectory(Path.Combine(folder, "Content"));
        await File.WriteAllTextAsync(Path.Combine(folder, "Content", "wees.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <Content Key="{Guid.NewGuid()}" Alias="Wees" Level="1">
              <Info><Parent Key="00000000-0000-0000-0000-000000000000"></Parent><Path>/Wees</Path><Trashed>false</Trashed>
                <ContentType>bestaatNiet</ContentType><CreateDate>2025-01-01T00:00:00</CreateDate><NodeName Default="Wees" />
                <SortOrder>0</SortOrder><Published Default="true" /></Info>
              <Properties />
            </Content>
            """);

        var report = await db.Import.ImportAsync(folder);

        Assert.Contains(report.MissingReferences, m => m.Contains("'Wees'") && m.Contains("'bestaatNiet'"));
    }
}
