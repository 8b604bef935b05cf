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
    public async Task A_worker_that_dies_without_a_reply_is_replaced_and_the_next_one_does_the_work()
    {
        var starts = 0;
        using var pool = Pool(() => Interlocked.Increment(ref starts) == 1 ? Shell("exit 3") : MediaImageWorkerPool.WorkerIn(AppContext.BaseDirectory));

        var image = await pool.ReencodeAsync(TestImages.Jpeg(400, 300), MediaFileKind.Jpeg, new MediaLimits(), CancellationToken.None);

        Assert.Equal((400, 300), (image.Width, image.Height));
        Assert.Equal(2, pool.WorkersStarted);
    }

    [Fact]
    public async Task A_file_that_every_worker_dies_on_is_refused_after_a_second_try()
    {
        using var pool = Pool(() => Shell("exit 3"));

        var failed = await Assert.ThrowsAsync<MediaRefusedException>(() =>
            pool.ReencodeAsync(TestImages.Jpeg(), MediaFileKind.Jpeg, new MediaLimits(), CancellationToken.None));

        Assert.Equal(MediaImageWorkerPool.NotProcessed, failed.Message);
        Assert.Equal(2, pool.WorkersStarted);
    }

    [Fact]
    public async Task A_worker_that_does_not_answer_in_time_is_killed_and_not_tried_again()
    {
        var pidFile = Path.Combine(_folder, "pid");
        using var pool = Pool(() => Shell($"echo $$ > {pidFile}; exec sleep 600"), timeout: TimeSpan.FromSeconds(1));
        var waited = Stopwatch.StartNew();

        // More than a pipe holds (64 KB): the worker reads none of it, so even the sending has to be cut short.
        var failed = await Assert.ThrowsAsync<MediaRefusedException>(() =>
            pool.ReencodeAsync(new byte[256 * 1024], MediaFileKind.Jpeg, new MediaLimits(), CancellationToken.None));

        Assert.Equal(MediaImageWorkerPool.NotProcessed, failed.Message);
        Assert.True(waited.Elapsed < TimeSpan.FromMinutes(1), $"waited {waited.Elapsed} for a worker that sleeps ten minutes");
        Assert.Equal(1, pool.WorkersStarted);
        await AssertEndedAsync(int.Parse(await File.ReadAllTextAsync(pidFile)));
    }

    [Fact]
    public async Task A_variant_whose_workers_fail_is_left_to_the_original_without_asking_again_for_a_while()
    {
        using var pool = Pool(() => Shell("exit 3"));
        var still = Path.Combine(_folder, "foto.jpg");
        await File.WriteAllBytesAsync(still, TestImages.Jpeg(400, 300));
        var variant = new MediaVariant(160, null, MediaFocalPoint.Centre, MediaVariantFormat.Jpeg);

        Assert.Null(await pool.RenderAsync(still, 400, 300, variant, CancellationToken.None));
        Assert.Null(await pool.RenderAsync(still, 400, 300, variant with { Width = 240 }, CancellationToken.None));

        Assert.Equal(2, pool.WorkersStarted);
    }

    [Fact]
    public async Task What_a_library_writes_to_standard_output_does_not_get_into_a_reply()
    {
        using var pool = Pool(() =>
        {
            var start = MediaImageWorkerPool.WorkerIn(AppContext.BaseDirectory);
            // GLib writes its info and debug messages to standard output, from native code.
            start.Environment["G_MESSAGES_DEBUG"] = "all";
            start.Environment["VIPS_INFO"] = "1";
            return start;
        });

        var image = await pool.ReencodeAsync(TestImages.JpegWithGps(320, 240), MediaFileKind.Jpeg, new MediaLimits(), CancellationToken.None);
        var again = await pool.ReencodeAsync(TestImages.Png(200, 100), MediaFileKind.Png, new MediaLimits(), CancellationToken.None);

        Assert.Equal((320, 240, "jpegload_buffer"), TestImages.Describe(image.Content));
        Assert.Equal((200, 100, "pngload_buffer"), TestImages.Describe(again.Content));
        Assert.Equal(1, pool.WorkersStarted);
    }

    [Fact]
    public void A_worker_gets_none_of_the_sites_settings_in_its_environment()
    {
        var name = "PV_TEST_SECRET_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "geheim");
        try
        {
            var start = MediaImageWorkerPool.WorkerIn(AppContext.BaseDirectory);

            Assert.False(start.Environment.ContainsKey(name));
            Assert.True(start.Environment.ContainsKey("PATH"));
            Assert.Equal("2", start.Environment["MALLOC_ARENA_MAX"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public async Task A_worker_is_replaced_after_its_share_of_requests()
    {
        using var pool = new MediaImageWorkerPool(() => MediaImageWorkerPool.WorkerIn(AppContext.BaseDirectory),
            MediaImageWorkerPoolOptions.Default with { Workers = 1, RequestsPerWorker = 2 });

        for (var i = 0; i < 3; i++) await pool.ReencodeAsync(TestImages.Jpeg(), MediaFileKind.Jpeg, new MediaLimits(), CancellationToken.None);

        Assert.Equal(2, pool.WorkersStarted);
    }

    [Fact]
    public async Task A_request_given_up_while_waiting_for_a_worker_does_not_take_one_away()
    {
        using var pool = Pool(workers: 1);
        using var given = new CancellationTokenSource();
        await given.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pool.ReencodeAsync(TestImages.Jpeg(), MediaFileKind.Jpeg, new MediaLimits(), given.Token));
        var image = await pool.ReencodeAsync(TestImages.Jpeg(400, 300), MediaFileKind.Jpeg, new MediaLimits(), CancellationToken.None).WaitAsync(Patience);

        Assert.Equal((400, 300), (image.Width, image.Height));
    }

    [Fact]
    public async Task An_idle_worker_ends_and_a_new_one_starts_for_the_next_image()
    {
        using var pool = Pool(idle: TimeSpan.FromMilliseconds(300));

        await pool.ReencodeAsync(TestImages.Jpeg(), MediaFileKind.Jpeg, new MediaLimits(), CancellationToken.None);
        Assert.Equal(1, pool.WorkersRunning);
        await UntilAsync(() => pool.WorkersRunning == 0);
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
        var pidFile = Path.Combine(_folder, "pid");
        var pool = Pool(() =>
        {
            var worker = MediaImageWorkerPool.WorkerIn(AppContext.BaseDirectory);
            return Shell($"echo $$ > {pidFile}; exec '{worker.FileName}' {string.Join(' ', worker.ArgumentList.Select(a => $"'{a}'"))}");
        });
        await pool.ReencodeAsync(TestImages.Jpeg(), MediaFileKind.Jpeg, new MediaLimits(), CancellationToken.None);
        var pid = int.Parse(await File.ReadAllTextAsync(pidFile));
        Assert.True(Directory.Exists($"/proc/{pid}"));

        pool.Dispose();

        await AssertEndedAsync(pid);
        await UntilAsync(() => pool.WorkersRunning == 0);
        Assert.Equal(0, pool.WorkersRunning);
    }

    [Fact]
    public async Task A_worker_whose_site_is_gone_ends_even_while_its_input_stays_open()
    {
        var pidFile = Path.Combine(_folder, "pid");
        var worker = MediaImageWorkerPool.WorkerIn(AppContext.BaseDirectory);
        // The shell plays a site that dies at once: the worker is left with its input open (fd 3 is the shell's own
        // input, the pipe this test holds), so only noticing that its parent is not the site can end it.
        var start = Shell($"exec 3<&0; '{worker.FileName}' {string.Join(' ', worker.ArgumentList.Select(a => $"'{a}'"))} <&3 & echo $! > {pidFile}; exit 0");
        using var site = Process.Start(start)!;
        await site.WaitForExitAsync();
        var pid = int.Parse(await File.ReadAllTextAsync(pidFile));

        await AssertEndedAsync(pid);
        GC.KeepAlive(site.StandardInput);
    }

    /// <summary>The process is gone (reaped), within the patience of a slow machine.</summary>
    private static async Task AssertEndedAsync(int pid)
    {
        await UntilAsync(() => !Directory.Exists($"/proc/{pid}"));
        Assert.False(Directory.Exists($"/proc/{pid}"), $"process {pid} still runs");
    }

    /// <summary>Waits until the condition holds or the patience of a slow machine runs out; the caller asserts.</summary>
    private static async Task UntilAsync(Func<bool> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!condition() && waited.Elapsed < Patience) await Task.Delay(50);
    }

    [Fact]
    public void By_default_a_worker_per_core_and_never_more_than_four()
    {
        var workers = MediaImageWorkerPoolOptions.Default.Workers;

        Assert.Equal(Math.Min(Environment.ProcessorCount, 4), workers);
        Assert.InRange(workers, 1, MediaImageWorkerPoolOptions.MostDefaultWorkers);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
