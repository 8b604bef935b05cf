using PubliekeVeranderaars.Core.Media;

namespace PubliekeVeranderaars.Core.Tests.Media;

public sealed class MediaCacheTests
{
    [Fact]
    public async Task A_small_served_file_is_kept_in_memory_and_a_large_one_is_sent_from_disk()
    {
        await using var db = await TestDatabase.CreateAsync();
        var cache = new MediaCache(db.Database, TimeProvider.System, db.Cache);
        var folder = Directory.CreateTempSubdirectory("pv-served-").FullName;
        try
        {
            var small = await FileAsync(folder, "klein.webp", 40_000);
            var large = await FileAsync(folder, "groot.webp", MediaCache.MaxFileInMemory + 1);

            var servedSmall = await cache.ServedAsync("klein", () => ValueTask.FromResult<MediaServedFile?>(Served(small)));
            var servedLarge = await cache.ServedAsync("groot", () => ValueTask.FromResult<MediaServedFile?>(Served(large)));

            Assert.Equal(await File.ReadAllBytesAsync(small), servedSmall!.Content);
            Assert.Null(servedLarge!.Content);
            // The second request is answered from what the first found, without looking again.
            var again = await cache.ServedAsync("klein", () => throw new InvalidOperationException("looked again"));
            Assert.Same(servedSmall, again);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Files_in_memory_together_stay_within_the_budget()
    {
        await using var db = await TestDatabase.CreateAsync();
        var cache = new MediaCache(db.Database, TimeProvider.System, db.Cache);
        var folder = Directory.CreateTempSubdirectory("pv-served-").FullName;
        try
        {
            var file = await FileAsync(folder, "variant.webp", MediaCache.MaxFileInMemory);
            var count = (int)(MediaCache.MaxBytesInMemory / MediaCache.MaxFileInMemory) + 5;
            var inMemory = 0;
            for (var i = 0; i < count; i++)
                if ((await cache.ServedAsync($"variant-{i}", () => ValueTask.FromResult<MediaServedFile?>(Served(file))))!.Content is not null) inMemory++;

            Assert.Equal(MediaCache.MaxBytesInMemory / MediaCache.MaxFileInMemory, inMemory);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<string> FileAsync(string folder, string name, int length)
    {
        var path = Path.Combine(folder, name);
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        await File.WriteAllBytesAsync(path, bytes);
        return path;
    }

    private static MediaServedFile Served(string path) => new(path, "image/webp", new FileInfo(path).Length, "\"tag\"");
}
