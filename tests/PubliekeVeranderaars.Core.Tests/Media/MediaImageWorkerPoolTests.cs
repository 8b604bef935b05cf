using System.Diagnostics;
using PubliekeVeranderaars.Core.Media;

namespace PubliekeVeranderaars.Core.Tests.Media;

/// <summary>
/// Images processed in worker processes as the site does it by default: the worker is the real program, built beside
/// these tests; failing workers are played by the shell.
/// </summary>
public sealed class MediaImageWorkerPoolTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly string _folder = Directory.CreateTempSubdirectory("pv-worker-").FullName;

    private static MediaImageWorkerPool Pool(Func<ProcessStartInfo>? start = null, TimeSpan? idle = null, TimeSpan? timeout = null, int workers = 2) =>
        new(start ?? (() => MediaImageWorkerPool.WorkerIn(AppContext.BaseDirectory)),
            MediaImageWorkerPoolOptions.Default with
            {
                Workers = workers,
                IdleTime = idle ?? MediaImageWorkerPoolOptions.DefaultIdleTime,
                RequestTimeout = timeout ?? MediaImageWorkerPoolOptions.DefaultRequestTimeout,
            });

    private static ProcessStartInfo Shell(string script)
    {
        var start = MediaImageWorkerPool.WorkerIn(AppContext.BaseDirectory);
        start.FileName = "/bin/sh";
        start.ArgumentList.Clear();
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        return start;
    }

    [Fact]
    public async Task A_worker_reencodes_an_upload_without_its_position_and_serves_the_next_one_too()
    {
        using var pool = Pool();
        var photo = TestImages.JpegWithGps(640, 480);
        Assert.True(TestImages.HasExif(photo));

        var first = await pool.ReencodeAsync(photo, MediaFileKind.Jpeg, new MediaLimits(), CancellationToken.None);
        var second = await pool.ReencodeAsync(TestImages.Png(300, 200), MediaFileKind.Png, new MediaLimits(), CancellationToken.None);

        Assert.Equal((640, 480), (first.Width, first.Height));
        Assert.False(TestImages.HasExif(first.Content));
        Assert.Equal((640, 480, "jpegload_buffer"), TestImages.Describe(first.Content));
        Assert.Equal((300, 200, "pngload_buffer"), TestImages.Describe(second.Content));
        Assert.Equal(1, pool.WorkersStarted);
    }

    [Fact]
    public async Task A_refusal_comes_back_in_dutch_and_the_worker_stays()
    {
        using var pool = Pool();

        var refused = await Assert.ThrowsAsync<MediaRefusedException>(() =>
            pool.ReencodeAsync(TestImages.PngHeaderClaiming(50_000, 50_000), MediaFileKind.Png, new MediaLimits(), CancellationToken.None));
        var broken = await Assert.ThrowsAsync<MediaRefusedException>(() =>
            pool.ReencodeAsync(TestImages.Jpeg()[..200], MediaFileKind.Jpeg, new MediaLimits(), CancellationToken.None));

        Assert.Contains("50000 × 50000 pixels", refused.Message);
        Assert.Contains("megapixel", refused.Message);
        Assert.Equal(MediaImages.Unreadable, broken.Message);
        Assert.Equal((1, 1), (pool.WorkersStarted, pool.WorkersRunning));
    }

    [Fact]
    public async Task An_import_keeps_a_plain_file_as_it_is_and_writes_one_with_a_position_again()
    {
        using var pool = Pool();

        // What this site stored is plain: another site importing it keeps it byte for byte.
        var ours = await pool.ReencodeAsync(TestImages.Png(300, 200), MediaFileKind.Png, new MediaLimits(), CancellationToken.None);
        var plain = await pool.ForImportAsync(ours.Content, MediaFileKind.Png, new MediaLimits(), CancellationToken.None);
        var located = await pool.ForImportAsync(TestImages.JpegWithGps(320, 240), MediaFileKind.Jpeg, new MediaLimits(), CancellationToken.None);

        Assert.Equal((null, 300, 200), (plain.Reencoded, plain.Width, plain.Height));
        Assert.NotNull(located.Reencoded);
        Assert.False(TestImages.HasExif(located.Reencoded));
        Assert.Equal((320, 240), (located.Width, located.Height));
    }

    [Fact]
    public async Task A_worker_renders_a_variant_and_leaves_an_animation_to_be_served_whole()
    {
        using var pool = Pool();
        var still = Path.Combine(_folder, "foto.png");
        var animation = Path.Combine(_folder, "banner.gif");
        await File.WriteAllBytesAsync(still, TestImages.Png(1000, 500));
        await File.WriteAllBytesAsync(animation, TestImages.AnimatedGif());

        var variant = await pool.RenderAsync(still, 1000, 500, new MediaVariant(200, 200, MediaFocalPoint.Centre, MediaVariantFormat.WebP), CancellationToken.None);
        var whole = await pool.RenderAsync(animation, 200, 120, new MediaVariant(160, null, MediaFocalPoint.Centre, MediaVariantFormat.WebP), CancellationToken.None);
        var missing = await pool.RenderAsync(Path.Combine(_folder, "weg.png"), 10, 10, new MediaVariant(160, null, MediaFocalPoint.Centre, MediaVariantFormat.WebP), CancellationToken.None);

        Assert.Equal((200, 200, "webpload_buffer"), TestImages.Describe(variant!));
        Assert.Null(whole);
        Assert.Null(missing);
    }

    [Fact]
    public async Task A_worker_that_dies_costs_its_request_and_the_next_request_gets_a_new_worker()
    {
        var starts = 0;
        using var pool = Pool(() => Interlocked.Increment(ref starts) == 1 ? Shell("exit 3") : MediaImageWorkerPool.WorkerIn(AppContext.BaseDirectory));

        var failed = await Assert.ThrowsAsync<MediaRefusedException>(() =>
            pool.ReencodeAsync(TestImages.Jpeg(), MediaFileKind.Jpeg, new MediaLimits(), CancellationToken.None));
        var next = await pool.ReencodeAsync(TestImages.Jpeg(400, 300), MediaFileKind.Jpeg, new MediaLimits(), CancellationToken.None);

        Assert.Equal(MediaImageWorkerPool.NotProcessed, failed.Message);
        Assert.Equal((400, 300), (next.Width, next.Height));
        Assert.Equal(2, pool.WorkersStarted);
    }

    [Fact]
    public async Task A_worker_that_does_not_answer_in_time_is_killed()
    {
        using var pool = Pool(() => Shell("exec sleep 600"), timeout: TimeSpan.FromSeconds(1));

        var failed = await Assert.ThrowsAsync<MediaRefusedException>(() =>
            pool.ReencodeAsync(TestImages.Jpeg(40, 30), MediaFileKind.Jpeg, new MediaLimits(), CancellationToken.None));

        Assert.Equal(MediaImageWorkerPool.NotProcessed, failed.Message);
        Assert.Equal(0, pool.WorkersRunning);
    }

    [Fact]
    public async Task A_variant_whose_worker_fails_is_left_to_the_original_and_tried_again_next_time()
    {
        var starts = 0;
        using var pool = Pool(() => Interlocked.Increment(ref starts) == 1 ? Shell("exit 3") : MediaImageWorkerPool.WorkerIn(AppContext.BaseDirectory));
        var still = Path.Combine(_folder, "foto.jpg");
        await File.WriteAllBytesAsync(still, TestImages.Jpeg(400, 300));
        var variant = new MediaVariant(160, null, MediaFocalPoint.Centre, MediaVariantFormat.Jpeg);

        Assert.Null(await pool.RenderAsync(still, 400, 300, variant, CancellationToken.None));
        Assert.Equal((160, 120, "jpegload_buffer"), TestImages.Describe((await pool.RenderAsync(still, 400, 300, variant, CancellationToken.None))!));
    }

    [Fact]
    public async Task An_idle_worker_ends_and_a_new_one_starts_for_the_next_image()
    {
        using var pool = Pool(idle: TimeSpan.FromMilliseconds(300));

        await pool.ReencodeAsync(TestImages.Jpeg(), MediaFileKind.Jpeg, new MediaLimits(), CancellationToken.None);
        Assert.Equal(1, pool.WorkersRunning);
        var waited = Stopwatch.StartNew();
        while (pool.WorkersRunning > 0 && waited.Elapsed < Patience) await Task.Delay(50);
        Assert.Equal(0, pool.WorkersRunning);
        await pool.ReencodeAsync(TestImages.Jpeg(), MediaFileKind.Jpeg, new MediaLimits(), CancellationToken.None);

        Assert.Equal(2, pool.WorkersStarted);
    }

    [Fact]
    public async Task Images_at_once_share_the_workers_there_are()
    {
        using var pool = Pool(workers: 2);

        var images = await Task.WhenAll(Enumerable.Range(1, 6).Select(i =>
            pool.ReencodeAsync(TestImages.Jpeg(100 * i, 50 * i), MediaFileKind.Jpeg, new MediaLimits(), CancellationToken.None)));

        Assert.Equal(Enumerable.Range(1, 6).Select(i => (100 * i, 50 * i)), images.Select(i => (i.Width, i.Height)));
        Assert.InRange(pool.WorkersStarted, 1, 2);
    }

    [Fact]
    public async Task Disposing_the_pool_ends_its_workers()
    {
        var pool = Pool();
        await pool.ReencodeAsync(TestImages.Jpeg(), MediaFileKind.Jpeg, new MediaLimits(), CancellationToken.None);
        Assert.Equal(1, pool.WorkersRunning);

        pool.Dispose();

        Assert.Equal(0, pool.WorkersRunning);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
