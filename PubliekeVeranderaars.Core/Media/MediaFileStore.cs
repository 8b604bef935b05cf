using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Media;

/// <summary>Where the library's files are kept. The site serves files from a local path either way.</summary>
public interface IMediaFileStore
{
    /// <param name="src">The item's <see cref="MediaItem.Src"/>, <c>/media/{folder}/{file}</c>.</param>
    Task SaveAsync(string src, byte[] content, CancellationToken cancellationToken = default);

    /// <returns>A file on this node's disk with the content, or null when the store has no such file.</returns>
    Task<string?> LocalPathAsync(string src, CancellationToken cancellationToken = default);

    Task DeleteAsync(string src, CancellationToken cancellationToken = default);
}

/// <summary>Which <see cref="IMediaFileStore"/> the site uses (<c>Media:Storage</c>).</summary>
public enum MediaStorageKind
{
    /// <summary>A folder in the data directory: one web node, or a shared disk.</summary>
    Folder,
    /// <summary>The database: several web nodes on one PostgreSQL serve the same files without a shared disk.</summary>
    Database,
}

/// <summary>Media paths and file names: one place decides what may be a path on disk.</summary>
public static class MediaPaths
{
    public const string Prefix = "/media/";
    /// <summary>Umbraco names each upload's folder with eight random characters; so do we.</summary>
    private const int FolderLength = 8;
    private const string FolderAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const int MaxFileNameLength = 80;

    public static string NewSrc(string uploadedName, string extension)
    {
        var folder = string.Create(FolderLength, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = FolderAlphabet[System.Security.Cryptography.RandomNumberGenerator.GetInt32(FolderAlphabet.Length)];
        });
        return $"{Prefix}{folder}/{FileName(uploadedName, extension)}";
    }

    /// <summary>
    /// A name that is safe everywhere: lower case ASCII letters, digits and hyphens, the extension the content has
    /// (a "foto.php.jpg" or "portret.JPG " becomes "foto-php.jpg", "portret.jpg").
    /// </summary>
    public static string FileName(string uploadedName, string extension)
    {
        var stem = Stem(uploadedName);
        // A name without a letter or digit gives the library's word for it, not the content tree's ("pagina").
        var segment = stem.Any(char.IsAsciiLetterOrDigit) || stem.Normalize(System.Text.NormalizationForm.FormD).Any(char.IsAsciiLetterOrDigit)
            ? Content.UrlSegments.FromName(stem) : "";
        // File names stay ASCII (a page's address may be in any script; a file on every disk and in every zip may not).
        segment = string.Join('-', new string(segment.Select(c => c < 128 ? c : '-').ToArray()).Split('-', StringSplitOptions.RemoveEmptyEntries));
        if (segment.Length > MaxFileNameLength) segment = segment[..MaxFileNameLength].TrimEnd('-');
        if (segment.Length == 0) segment = "bestand";
        return $"{segment}.{extension}";
    }

    /// <summary>An uploaded file's name without folders (of any system) and without its extension.</summary>
    public static string Stem(string uploadedName) => Path.GetFileNameWithoutExtension(Path.GetFileName(uploadedName.Replace('\\', '/')));

    /// <summary>
    /// True for <c>/media/{folder}/{file}</c> with nothing that climbs out of the folder; a path from a request or an
    /// import is checked here before it names a file.
    /// </summary>
    public static bool IsValidSrc(string? src)
    {
        if (src is null || !src.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var parts = src[Prefix.Length..].Split('/');
        return parts.Length == 2 && parts.All(IsSafeSegment);
    }

    private static bool IsSafeSegment(string segment) =>
        segment.Length is > 0 and <= 200 && segment != "." && segment != ".." && !segment.StartsWith('.')
        && segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>The file's place under a root folder; only for a <see cref="IsValidSrc"/> path.</summary>
    public static string UnderRoot(string root, string src)
    {
        if (!IsValidSrc(src)) throw new ArgumentException($"not a media path: {src}", nameof(src));
        return Path.Combine(root, src[Prefix.Length..].Replace('/', Path.DirectorySeparatorChar));
    }
}

/// <summary>Files in a folder under the data directory.</summary>
public sealed class FolderMediaFileStore(string root) : IMediaFileStore
{
    public string Root { get; } = root;

    public async Task SaveAsync(string src, byte[] content, CancellationToken cancellationToken = default)
    {
        var path = MediaPaths.UnderRoot(Root, src);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Written beside and moved: a reader never sees half a file.
        var partial = $"{path}.{Guid.NewGuid():N}.part";
        await File.WriteAllBytesAsync(partial, content, cancellationToken);
        File.Move(partial, path, overwrite: true);
    }

    public Task<string?> LocalPathAsync(string src, CancellationToken cancellationToken = default)
    {
        if (!MediaPaths.IsValidSrc(src)) return Task.FromResult<string?>(null);
        var path = MediaPaths.UnderRoot(Root, src);
        return Task.FromResult(File.Exists(path) ? path : null);
    }

    public Task DeleteAsync(string src, CancellationToken cancellationToken = default)
    {
        if (!MediaPaths.IsValidSrc(src)) return Task.CompletedTask;
        var path = MediaPaths.UnderRoot(Root, src);
        if (File.Exists(path)) File.Delete(path);
        var folder = Path.GetDirectoryName(path)!;
        if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any()) Directory.Delete(folder);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Files in the database, copied to a folder on this node the first time it serves them: after that a request is a
/// file read like any other. A file never changes under its path (each upload gets a new one), so the copy never
/// goes stale; a deleted file's copy goes when the node next asks for it and the database no longer has it.
/// </summary>
public sealed class DatabaseMediaFileStore(SiteDatabase database, string localCopies, TimeProvider clock) : IMediaFileStore
{
    public async Task SaveAsync(string src, byte[] content, CancellationToken cancellationToken = default)
    {
        if (!MediaPaths.IsValidSrc(src)) throw new ArgumentException($"not a media path: {src}", nameof(src));
        using var _ = await database.WriteLockAsync(cancellationToken);
        await using var db = database.Open();
        var existing = await db.MediaFileBlobs.FindAsync([src], cancellationToken);
        if (existing is null) db.MediaFileBlobs.Add(new MediaFileBlob { Path = src, Content = content, CreatedUtc = clock.GetUtcNow().UtcDateTime });
        else existing.Content = content;
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<string?> LocalPathAsync(string src, CancellationToken cancellationToken = default)
    {
        if (!MediaPaths.IsValidSrc(src)) return null;
        var path = MediaPaths.UnderRoot(localCopies, src);
        if (File.Exists(path)) return path;
        await using var db = database.Open();
        var content = await db.MediaFileBlobs.AsNoTracking().Where(b => b.Path == src).Select(b => b.Content).SingleOrDefaultAsync(cancellationToken);
        if (content is null) return null;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = $"{path}.{Guid.NewGuid():N}.part";
        await File.WriteAllBytesAsync(partial, content, cancellationToken);
        File.Move(partial, path, overwrite: true);
        return path;
    }

    public async Task DeleteAsync(string src, CancellationToken cancellationToken = default)
    {
        using (await database.WriteLockAsync(cancellationToken))
        {
            await using var db = database.Open();
            await db.MediaFileBlobs.Where(b => b.Path == src).ExecuteDeleteAsync(cancellationToken);
        }
        if (!MediaPaths.IsValidSrc(src)) return;
        var path = MediaPaths.UnderRoot(localCopies, src);
        if (File.Exists(path)) File.Delete(path);
    }
}
