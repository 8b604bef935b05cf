using PubliekeVeranderaars.Core.Media;

namespace PubliekeVeranderaars.Core.Tests.Media;

/// <summary>The worker's loop and its messages, in this process over streams in memory.</summary>
public sealed class MediaImageWorkerTests
{
    [Fact]
    public async Task A_frame_with_and_without_content_reads_back_as_it_was_written()
    {
        using var stream = new MemoryStream();
        await MediaImageWorkerFrame.ImageRequest(MediaImageWorkerFrame.Reencode, [1, 2, 3], MediaFileKind.Png, new MediaLimits { MaxPixels = 42 })
            .WriteAsync(stream, CancellationToken.None);
        await MediaImageWorkerFrame.Of(MediaImageWorkerFrame.Refused, w => w.Write("Te groot."))
            .WriteAsync(stream, CancellationToken.None);
        stream.Position = 0;

        var request = await MediaImageWorkerFrame.ReadAsync(stream, CancellationToken.None);
        var refusal = await MediaImageWorkerFrame.ReadAsync(stream, CancellationToken.None);
        var end = await MediaImageWorkerFrame.ReadAsync(stream, CancellationToken.None);

        Assert.Equal(MediaImageWorkerFrame.Reencode, request!.Code);
        Assert.Equal([1, 2, 3], request.Content);
        var (kind, limits) = MediaImageWorkerFrame.ReadImageRequest(request.Fields());
        Assert.Equal((MediaFileKind.Png, 42L, MediaLimits.DefaultMaxBytes), (kind, limits.MaxPixels, limits.MaxBytes));
        Assert.Equal((MediaImageWorkerFrame.Refused, "Te groot.", null), (refusal!.Code, refusal.Fields().ReadString(), refusal.Content));
        Assert.Null(end);
    }

    [Fact]
    public async Task A_stream_that_ends_within_a_frame_or_is_not_ours_is_an_error()
    {
        using var whole = new MemoryStream();
        await MediaImageWorkerFrame.ImageRequest(MediaImageWorkerFrame.Reencode, new byte[100], MediaFileKind.Jpeg, new MediaLimits())
            .WriteAsync(whole, CancellationToken.None);

        await Assert.ThrowsAsync<EndOfStreamException>(() => MediaImageWorkerFrame.ReadAsync(new MemoryStream(whole.ToArray()[..^10]), CancellationToken.None));
        await Assert.ThrowsAsync<EndOfStreamException>(() => MediaImageWorkerFrame.ReadAsync(new MemoryStream(whole.ToArray()[..3]), CancellationToken.None));
        await Assert.ThrowsAsync<InvalidDataException>(() => MediaImageWorkerFrame.ReadAsync(new MemoryStream([1, 255, 255, 255, 127]), CancellationToken.None));
        // Fields of no length, then a content length of 1 GB: a broken stream, not something to allocate.
        await Assert.ThrowsAsync<InvalidDataException>(() => MediaImageWorkerFrame.ReadAsync(new MemoryStream([0, 0, 0, 0, 0, 0, 0, 0, 64]), CancellationToken.None));
    }

    [Fact]
    public async Task The_worker_answers_each_request_in_turn_and_ends_with_its_input()
    {
        using var requests = new MemoryStream();
        await MediaImageWorkerFrame.ImageRequest(MediaImageWorkerFrame.Reencode, TestImages.JpegWithGps(320, 240), MediaFileKind.Jpeg, new MediaLimits())
            .WriteAsync(requests, CancellationToken.None);
        await MediaImageWorkerFrame.ImageRequest(MediaImageWorkerFrame.Reencode, TestImages.PngHeaderClaiming(50_000, 50_000), MediaFileKind.Png, new MediaLimits())
            .WriteAsync(requests, CancellationToken.None);
        await MediaImageWorkerFrame.Of(99, _ => { }).WriteAsync(requests, CancellationToken.None);
        requests.Position = 0;
        using var replies = new MemoryStream();

        Assert.Equal(0, await MediaImageWorker.ServeAsync(requests, replies));

        replies.Position = 0;
        var done = (await MediaImageWorkerFrame.ReadAsync(replies, CancellationToken.None))!;
        var refused = (await MediaImageWorkerFrame.ReadAsync(replies, CancellationToken.None))!;
        var failed = (await MediaImageWorkerFrame.ReadAsync(replies, CancellationToken.None))!;
        Assert.Equal(MediaImageWorkerFrame.Done, done.Code);
        Assert.False(TestImages.HasExif(done.Content!));
        Assert.Equal((MediaImageWorkerFrame.Refused, true), (refused.Code, refused.Fields().ReadString().Contains("megapixel")));
        Assert.Equal((MediaImageWorkerFrame.Failed, "InvalidDataException: Unknown request 99."), (failed.Code, failed.Fields().ReadString()));
        Assert.Null(await MediaImageWorkerFrame.ReadAsync(replies, CancellationToken.None));
    }
}
