using System.Diagnostics;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Media;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Web.Tests.Media;

/// <summary>
/// <c>Media:ImageWorkers</c>: uploads are processed in worker processes that end when there is no more work, or, with
/// 0, in the site itself; either way the upload is stored without its position.
/// </summary>
public sealed class MediaImageWorkersTests
{
    [Fact]
    public async Task An_upload_is_processed_by_a_worker_that_ends_when_the_work_is_done()
    {
        using var site = new SiteHost(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Media:ImageWorkerIdleTime"] = "00:00:00.5" });
        var pool = Assert.IsType<MediaImageWorkerPool>(site.GetService<IMediaImageProcessor>());

        var stored = await UploadAsync(site, TestImages.JpegWithGps(800, 600));

        Assert.False(TestImages.HasExif(stored));
        Assert.Equal((800, 600, "jpegload_buffer"), TestImages.Describe(stored));
        Assert.True(pool.WorkersStarted > 0);
        var waited = Stopwatch.StartNew();
        while (pool.WorkersRunning > 0 && waited.Elapsed < TimeSpan.FromSeconds(20)) await Task.Delay(50);
        Assert.Equal(0, pool.WorkersRunning);
    }

    [Fact]
    public async Task With_no_workers_the_site_processes_the_upload_itself()
    {
        using var site = new SiteHost(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Media:ImageWorkers"] = "0" });
        Assert.IsType<InProcessMediaImageProcessor>(site.GetService<IMediaImageProcessor>());

        var stored = await UploadAsync(site, TestImages.JpegWithGps(800, 600));

        Assert.False(TestImages.HasExif(stored));
        Assert.Equal((800, 600, "jpegload_buffer"), TestImages.Describe(stored));
    }

    private static async Task<byte[]> UploadAsync(SiteHost site, byte[] photo)
    {
        using var editor = await BackofficeUsers.LoginAsync(site, await BackofficeUsers.CreateAsync(site, BackofficeRoles.Editor));
        var key = await MediaUploads.UploadAsync(editor, "portret.jpg", photo);
        var src = (await site.GetService<MediaQueries>().FindAsync(key))!.Src!;
        using var visitor = site.CreateHttpClient();
        return await visitor.GetByteArrayAsync(src);
    }
}
