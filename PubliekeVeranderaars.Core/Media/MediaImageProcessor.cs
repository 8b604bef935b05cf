namespace PubliekeVeranderaars.Core.Media;

/// <summary>
/// What the site asks of image pixels (<see cref="MediaImages"/>): done in this process
/// (<see cref="InProcessMediaImageProcessor"/>) or, as the site does by default, in short-lived worker processes
/// (<see cref="MediaImageWorkerPool"/>).
/// </summary>
public interface IMediaImageProcessor
{
    /// <inheritdoc cref="MediaImages.Reencode"/>
    /// <exception cref="MediaRefusedException">The upload is too large or cannot be read.</exception>
    Task<ReencodedImage> ReencodeAsync(byte[] upload, MediaFileKind kind, MediaLimits limits, CancellationToken ct);

    /// <inheritdoc cref="MediaImages.ForImport"/>
    /// <exception cref="MediaRefusedException">The file is too large or cannot be read.</exception>
    Task<ImportedImage> ForImportAsync(byte[] content, MediaFileKind kind, MediaLimits limits, CancellationToken ct);

    /// <inheritdoc cref="MediaImages.RenderVariant"/>
    Task<byte[]?> RenderAsync(string originalPath, int originalWidth, int originalHeight, MediaVariant variant, CancellationToken ct);
}

/// <summary>libvips in the calling process, on the thread pool: for tests, tools and <c>Media:ImageWorkers</c> 0.</summary>
public sealed class InProcessMediaImageProcessor : IMediaImageProcessor
{
    public static readonly InProcessMediaImageProcessor Instance = new();

    public Task<ReencodedImage> ReencodeAsync(byte[] upload, MediaFileKind kind, MediaLimits limits, CancellationToken ct) =>
        Task.Run(() => MediaImages.Reencode(upload, kind, limits), ct);

    public Task<ImportedImage> ForImportAsync(byte[] content, MediaFileKind kind, MediaLimits limits, CancellationToken ct) =>
        Task.Run(() => MediaImages.ForImport(content, kind, limits), ct);

    public Task<byte[]?> RenderAsync(string originalPath, int originalWidth, int originalHeight, MediaVariant variant, CancellationToken ct) =>
        Task.Run(() => MediaImages.RenderVariant(originalPath, originalWidth, originalHeight, variant), ct);
}
