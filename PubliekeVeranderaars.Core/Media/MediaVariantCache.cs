using System.Collections.Concurrent;

namespace PubliekeVeranderaars.Core.Media;

/// <summary>
/// Variants rendered once and kept on disk: <c>{root}/{folder}/{file}.{variant tag}</c>. Requests for a variant that is
/// being rendered wait for that rendering instead of starting their own; renderings run on half the cores, so a
/// burst of new images cannot starve the pages, and beyond <see cref="MaxWaiting"/> renderings a request is told to
/// come back later (<see cref="MediaBusyException"/>) instead of queueing without end.
/// </summary>
public sealed class MediaVariantCache(string root, IMediaImageProcessor? images = null)
{
    /// <summary>A page's worth of new images (every width of its srcset) and then some.</summary>
    public const int MaxWaiting = 32;
    private static readonly int Renderers = Math.Max(1, Environment.ProcessorCount / 2);
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _rendering = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _renderers = new(Renderers, Renderers);
    private readonly IMediaImageProcessor _images = images ?? InProcessMediaImageProcessor.Instance;

    public string Root { get; } = root;

    /// <returns>The variant's file, rendered from <paramref name="originalPath"/> if this is its first request.</returns>
    public async Task<string> GetAsync(MediaItem item, string originalPath, MediaVariant variant, CancellationToken ct)
    {
        var path = MediaPaths.UnderRoot(Root, item.Src!) + "." + variant.Tag;
        if (File.Exists(path)) return path;
        if (_rendering.Count >= MaxWaiting && !_rendering.ContainsKey(path)) throw new MediaBusyException();
        var rendering = _rendering.GetOrAdd(path, p => new Lazy<Task<string>>(() => RenderAsync(item, originalPath, variant, p)));
        try
        {
            return await rendering.Value.WaitAsync(ct);
        }
        finally
        {
            if (rendering.Value.IsCompleted) _rendering.TryRemove(new KeyValuePair<string, Lazy<Task<string>>>(path, rendering));
        }
    }

    /// <summary>Every variant of a file, when the file is deleted.</summary>
    public void Forget(string src)
    {
        if (!MediaPaths.IsValidSrc(src)) return;
        var original = MediaPaths.UnderRoot(Root, src);
        var folder = Path.GetDirectoryName(original)!;
        if (!Directory.Exists(folder)) return;
        foreach (var file in Directory.EnumerateFiles(folder, Path.GetFileName(original) + ".*")) File.Delete(file);
    }

    private async Task<string> RenderAsync(MediaItem item, string originalPath, MediaVariant variant, string path)
    {
        // Not the caller's token: others may be waiting for this rendering after the first caller left.
        await _renderers.WaitAsync();
        try
        {
            if (File.Exists(path)) return path;
            // An animation, or a file this site stored but cannot read (an import's): the original is served instead.
            var content = await _images.RenderAsync(originalPath, item.Width ?? 0, item.Height ?? 0, variant, CancellationToken.None);
            if (content is null) return originalPath;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var partial = $"{path}.{Guid.NewGuid():N}.part";
            await File.WriteAllBytesAsync(partial, content);
            File.Move(partial, path, overwrite: true);
            return path;
        }
        finally
        {
            _renderers.Release();
        }
    }
}

/// <summary>Too many new variants are being rendered: the request may come back in a moment (503 with Retry-After).</summary>
public sealed class MediaBusyException() : Exception("Too many image variants are being rendered.");
