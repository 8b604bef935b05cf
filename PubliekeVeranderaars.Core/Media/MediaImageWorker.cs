using System.Buffers.Binary;

namespace PubliekeVeranderaars.Core.Media;

/// <summary>
/// The worker's side of <see cref="MediaImageWorkerPool"/>: reads requests from the site on its standard input, does
/// them with <see cref="MediaImages"/> one at a time, and writes each reply to its standard output, until the site
/// closes the input.
/// </summary>
public static class MediaImageWorker
{
    /// <returns>The process's exit code.</returns>
    public static async Task<int> ServeAsync(Stream requests, Stream replies)
    {
        while (await MediaImageWorkerFrame.ReadAsync(requests, CancellationToken.None) is { } request)
        {
            MediaImageWorkerFrame reply;
            try
            {
                reply = Do(request);
            }
            catch (MediaRefusedException refused)
            {
                reply = MediaImageWorkerFrame.Of(MediaImageWorkerFrame.Refused, w => w.Write(refused.Message));
            }
            catch (Exception e)
            {
                // The site logs it and tells the uploader the file could not be processed; the worker goes on.
                reply = MediaImageWorkerFrame.Of(MediaImageWorkerFrame.Failed, w => w.Write($"{e.GetType().Name}: {e.Message}"));
            }
            await reply.WriteAsync(replies, CancellationToken.None);
        }
        return 0;
    }

    private static MediaImageWorkerFrame Do(MediaImageWorkerFrame request)
    {
        var fields = request.Fields();
        switch (request.Code)
        {
            case MediaImageWorkerFrame.Reencode:
            {
                var (kind, limits) = MediaImageWorkerFrame.ReadImageRequest(fields);
                var image = MediaImages.Reencode(request.Content!, kind, limits);
                return MediaImageWorkerFrame.Of(MediaImageWorkerFrame.Done, w => { w.Write(image.Width); w.Write(image.Height); }, image.Content);
            }
            case MediaImageWorkerFrame.ForImport:
            {
                var (kind, limits) = MediaImageWorkerFrame.ReadImageRequest(fields);
                var image = MediaImages.ForImport(request.Content!, kind, limits);
                return MediaImageWorkerFrame.Of(MediaImageWorkerFrame.Done, w => { w.Write(image.Width); w.Write(image.Height); }, image.Reencoded);
            }
            case MediaImageWorkerFrame.Render:
            {
                var (path, width, height, variant) = MediaImageWorkerFrame.ReadRenderRequest(fields);
                return MediaImageWorkerFrame.Of(MediaImageWorkerFrame.Done, _ => { }, MediaImages.RenderVariant(path, width, height, variant));
            }
            default:
                throw new InvalidDataException($"Unknown request {request.Code}.");
        }
    }
}

/// <summary>
/// One message between the site and a worker, in either direction: a code (the operation asked, or how it went), a
/// few fields and the file's bytes, which go through the pipe as they are (a photo is not copied into a message first):
/// <c>[code: 1 byte][fields' length: int32][fields][content's length: int32, −1 for none][content]</c>, little-endian.
/// </summary>
internal sealed record MediaImageWorkerFrame(byte Code, byte[] FieldBytes, byte[]? Content)
{
    public const byte Reencode = 1, ForImport = 2, Render = 3;
    public const byte Done = 0, Refused = 100, Failed = 101;
    private const int NoContent = -1;
    /// <summary>Far above any field a request carries (a path, a few numbers): a bigger length means the stream is not ours.</summary>
    private const int MaxFieldBytes = 64 * 1024;
    /// <summary>
    /// Above the largest file either side sends (an upload is at most <c>Media:MaxUploadBytes</c>, 20 MB by default; a
    /// 100-megapixel PNG written again about 300 MB): a bigger length is a broken stream, not a file to allocate.
    /// </summary>
    private const int MaxContentBytes = 512 * 1024 * 1024;

    public static MediaImageWorkerFrame Of(byte code, Action<BinaryWriter> fields, byte[]? content = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer)) fields(writer);
        return new MediaImageWorkerFrame(code, buffer.ToArray(), content);
    }

    public BinaryReader Fields() => new(new MemoryStream(FieldBytes));

    public async Task WriteAsync(Stream stream, CancellationToken ct)
    {
        var prefix = new byte[1 + sizeof(int)];
        prefix[0] = Code;
        BinaryPrimitives.WriteInt32LittleEndian(prefix.AsSpan(1), FieldBytes.Length);
        await stream.WriteAsync(prefix, ct);
        await stream.WriteAsync(FieldBytes, ct);
        var length = new byte[sizeof(int)];
        BinaryPrimitives.WriteInt32LittleEndian(length, Content?.Length ?? NoContent);
        await stream.WriteAsync(length, ct);
        if (Content is not null) await stream.WriteAsync(Content, ct);
        await stream.FlushAsync(ct);
    }

    /// <returns>Null at the end of the stream before a frame starts.</returns>
    /// <exception cref="EndOfStreamException">The stream ended within a frame.</exception>
    public static async Task<MediaImageWorkerFrame?> ReadAsync(Stream stream, CancellationToken ct)
    {
        var prefix = new byte[1 + sizeof(int)];
        var read = await stream.ReadAtLeastAsync(prefix, prefix.Length, throwOnEndOfStream: false, ct);
        if (read == 0) return null;
        if (read < prefix.Length) throw new EndOfStreamException("The stream ended within a frame's first bytes.");
        var fieldLength = BinaryPrimitives.ReadInt32LittleEndian(prefix.AsSpan(1));
        if (fieldLength is < 0 or > MaxFieldBytes) throw new InvalidDataException($"A frame's fields cannot be {fieldLength} bytes.");
        var fields = new byte[fieldLength];
        await stream.ReadExactlyAsync(fields, ct);
        var lengthBytes = new byte[sizeof(int)];
        await stream.ReadExactlyAsync(lengthBytes, ct);
        var length = BinaryPrimitives.ReadInt32LittleEndian(lengthBytes);
        if (length is < NoContent or > MaxContentBytes) throw new InvalidDataException($"A frame's content cannot be {length} bytes.");
        byte[]? content = null;
        if (length != NoContent)
        {
            content = new byte[length];
            await stream.ReadExactlyAsync(content, ct);
        }
        return new MediaImageWorkerFrame(prefix[0], fields, content);
    }

    public static MediaImageWorkerFrame ImageRequest(byte code, byte[] content, MediaFileKind kind, MediaLimits limits) =>
        Of(code, w =>
        {
            w.Write((int)kind);
            w.Write(limits.MaxBytes);
            w.Write(limits.MaxPixels);
            w.Write(limits.MaxFrames);
        }, content);

    public static (MediaFileKind Kind, MediaLimits Limits) ReadImageRequest(BinaryReader r) =>
        ((MediaFileKind)r.ReadInt32(), new MediaLimits { MaxBytes = r.ReadInt64(), MaxPixels = r.ReadInt64(), MaxFrames = r.ReadInt32() });

    public static MediaImageWorkerFrame RenderRequest(string originalPath, int originalWidth, int originalHeight, MediaVariant variant) =>
        Of(Render, w =>
        {
            w.Write(originalPath);
            w.Write(originalWidth);
            w.Write(originalHeight);
            w.Write(variant.Width);
            w.Write(variant.Height ?? NoContent);
            w.Write(variant.Focus.Left);
            w.Write(variant.Focus.Top);
            w.Write((int)variant.Format);
        });

    public static (string Path, int Width, int Height, MediaVariant Variant) ReadRenderRequest(BinaryReader r)
    {
        var (path, width, height, variantWidth, variantHeight) = (r.ReadString(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32());
        var focus = new MediaFocalPoint(r.ReadDouble(), r.ReadDouble());
        return (path, width, height, new MediaVariant(variantWidth, variantHeight == NoContent ? null : variantHeight, focus, (MediaVariantFormat)r.ReadInt32()));
    }
}
