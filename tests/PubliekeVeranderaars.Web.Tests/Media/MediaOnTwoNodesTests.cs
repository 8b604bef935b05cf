using System.Net;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Media;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Web.Tests.Media;

/// <summary>
/// Several web nodes on one PostgreSQL, each with its own disk: with <c>Media:Storage</c> Database, an image uploaded
/// on one node is served by the other, resized there too.
/// </summary>
public sealed class MediaOnTwoNodesTests
{
    [Fact]
    public async Task An_image_uploaded_on_one_node_is_served_by_the_other()
    {
        var settings = new Dictionary<string, string?> { ["Media:Storage"] = nameof(MediaStorageKind.Database) };
        using var first = new SiteHost(DatabaseProvider.Postgres, settings);
        using var second = new SiteHost(DatabaseProvider.Postgres, settings,
            restored: (Directory.CreateTempSubdirectory("pv-node-").FullName, first.ConnectionString));
        Assert.NotEqual(first.DataDirectory, second.DataDirectory);

        using var visitor = second.CreateHttpClient();
        // The second node has served media just before: what it remembers must not hide the new image, nor keep one binned.
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/media/nogniets/niets.png")).StatusCode);
        using var editor = await BackofficeUsers.LoginAsync(first, await BackofficeUsers.CreateAsync(first, BackofficeRoles.Editor));
        var key = await MediaUploads.UploadAsync(editor, "gedeeld.png", TestImages.Png(900, 600));
        var src = (await first.GetService<MediaQueries>().FindAsync(key))!.Src!;
        Assert.False(File.Exists(Path.Combine(first.DataDirectory, "media", src["/media/".Length..])));

        var original = await WithinAsync(() => visitor.GetAsync(src), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        Assert.Equal((900, 600, "pngload_buffer"), TestImages.Describe(await original.Content.ReadAsByteArrayAsync()));
        var resized = await visitor.GetAsync(src + "?width=320&format=webp");
        Assert.Equal((320, 213, "webpload_buffer"), TestImages.Describe(await resized.Content.ReadAsByteArrayAsync()));

        await first.GetService<MediaLibrary>().TrashAsync(key, Actor.System);
        await WithinAsync(() => visitor.GetAsync(src), HttpStatusCode.NotFound);
        await WithinAsync(() => visitor.GetAsync(src + "?width=320&format=webp"), HttpStatusCode.NotFound);
    }

    /// <summary>
    /// Another node's change reaches this one through the change journal, which it reads every two seconds: well
    /// within ten (the media's own cache lifetime, thirty seconds, must not be what ends the wait).
    /// </summary>
    private static async Task<HttpResponseMessage> WithinAsync(Func<Task<HttpResponseMessage>> request, HttpStatusCode expected)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var response = await request();
            if (response.StatusCode == expected) return response;
            Assert.True(DateTime.UtcNow < until, $"still {(int)response.StatusCode} after 10 s");
            await Task.Delay(200);
        }
    }
}
