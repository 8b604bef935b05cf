using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Media;

/// <summary>What an editor (or an import) does to the media library: the names of its write operations.</summary>
public enum MediaOperation
{
    Upload,
    CreateFolder,
    Save,
    Move,
    Trash,
    Restore,
    Delete,
    Import,
}

/// <summary>After a media operation committed: caches of media paths follow.</summary>
public sealed record MediaChangedNotification(MediaOperation Operation) : SiteNotification;

/// <summary>The outcome of a media operation: the item, or why not (Dutch, for the editor), keyed by field.</summary>
public sealed record MediaResult(MediaItem? Item, IReadOnlyDictionary<string, string> Errors, bool NotFound = false)
{
    public bool Succeeded => Item is not null && Errors.Count == 0 && !NotFound;
    public static MediaResult Done(MediaItem item) => new(item, new Dictionary<string, string>());
    public static MediaResult Refused(string field, string message) => new(null, new Dictionary<string, string> { [field] = message });
    public static MediaResult Missing() => new(null, new Dictionary<string, string>(), NotFound: true);
}

/// <summary>What an editor changes on an item's page.</summary>
public sealed record MediaDetails(string Name, string AltText, bool IsDecorative, double? FocalLeft, double? FocalTop);

/// <summary>
/// The media library's write path: uploads (checked and re-encoded before anything is stored), folders, details,
/// moves, the recycle bin. Each operation is one unit of the site's write path, with its audit entry; every change
/// of an item's details keeps a <see cref="MediaVersion"/>.
/// </summary>
public sealed class MediaLibrary(SiteWriter writer, IMediaFileStore files, MediaLimits limits, MediaVariantCache? variants = null,
    IMediaImageProcessor? images = null)
{
    private readonly IMediaImageProcessor _images = images ?? InProcessMediaImageProcessor.Instance;
    public const string FileField = "bestand";
    public const string NameField = "naam";
    public const string AltField = "alt";
    public const string ParentField = "map";
    /// <summary>Folders nest; Umbraco allows any depth, we stop at one no library needs.</summary>
    private const int MaxLevel = 16;
    private const int MaxNameLength = 255;
    private const int MaxAltLength = 500;

    /// <summary>
    /// Checks and stores one upload. The kind comes from the content; images are re-encoded, so what is stored holds
    /// pixels and a colour profile only. Nothing is written when anything is wrong.
    /// </summary>
    public async Task<MediaResult> UploadAsync(string fileName, byte[] content, Guid? parentKey, Actor actor, string altText = "",
        CancellationToken ct = default)
    {
        if (content.Length == 0) return MediaResult.Refused(FileField, $"{Display(fileName)} is leeg.");
        if (content.Length > limits.MaxBytes)
            return MediaResult.Refused(FileField, $"{Display(fileName)} is {DutchFormat.FileSize(content.Length)}; het maximum is {DutchFormat.FileSize(limits.MaxBytes)}.");
        var kind = MediaFileKinds.Sniff(content.AsSpan(0, Math.Min(content.Length, MediaFileKinds.SniffLength)));
        if (kind == MediaFileKind.Svg)
            return MediaResult.Refused(FileField, $"{Display(fileName)} is een SVG-bestand. Die nemen we niet aan, omdat ze scripts kunnen bevatten: sla de afbeelding op als PNG en upload die.");
        if (kind == MediaFileKind.Unknown)
            return MediaResult.Refused(FileField, $"{Display(fileName)} is geen JPEG-, PNG-, WebP- of GIF-afbeelding en geen PDF. Alleen die bestandstypen kunnen worden geüpload.");

        byte[] stored = content;
        int? width = null, height = null;
        if (kind == MediaFileKind.Pdf)
        {
            try
            {
                MediaPdfs.Check(content);
            }
            catch (MediaRefusedException refused)
            {
                return MediaResult.Refused(FileField, $"{Display(fileName)}: {refused.Message}");
            }
        }
        if (MediaFileKinds.IsImage(kind))
        {
            try
            {
                var image = await _images.ReencodeAsync(content, kind, limits, ct);
                (stored, width, height) = (image.Content, image.Width, image.Height);
            }
            catch (MediaRefusedException refused)
            {
                return MediaResult.Refused(FileField, $"{Display(fileName)}: {refused.Message}");
            }
        }

        var extension = MediaFileKinds.Extension(kind);
        var src = MediaPaths.NewSrc(fileName, extension);
        // The file first: a row without its file would be a broken image, a file without its row is only unused bytes.
        await files.SaveAsync(src, stored, ct);
        var result = await writer.WriteAsync(actor, async write =>
        {
            if (await ParentErrorAsync(write.Db, parentKey, ct) is { } error) return Abandon(write, ParentField, error);
            var item = new MediaItem
            {
                Key = Guid.NewGuid(), ParentKey = parentKey, Name = NameFromFile(fileName),
                MediaTypeAlias = MediaFileKinds.IsImage(kind) ? MediaTypes.Image : MediaTypes.File,
                Src = src, Extension = extension, Bytes = stored.LongLength, Width = width, Height = height,
                AltText = Limit(altText.Trim(), MaxAltLength), ContentHash = Convert.ToHexStringLower(SHA256.HashData(stored)),
                CreateDate = write.Now, UpdateDate = write.Now,
            };
            await PlaceAsync(write.Db, item, ct);
            write.Db.MediaItems.Add(item);
            write.Db.MediaVersions.Add(MediaVersion.Of(item, write.Now, write.Actor.Name));
            write.Audit(AuditActions.MediaUpload, item.AuditTarget, $"{extension}, {DutchFormat.FileSize(stored.LongLength)}");
            RaiseChanged(write, MediaOperation.Upload);
            return MediaResult.Done(item);
        }, ct);
        if (!result.Succeeded) await files.DeleteAsync(src, ct);
        return result;
    }

    public Task<MediaResult> CreateFolderAsync(string name, Guid? parentKey, Actor actor, CancellationToken ct = default) =>
        writer.WriteAsync(actor, async write =>
        {
            if (string.IsNullOrWhiteSpace(name)) return Abandon(write, NameField, "Geef de map een naam.");
            if (await ParentErrorAsync(write.Db, parentKey, ct) is { } error) return Abandon(write, ParentField, error);
            var folder = new MediaItem
            {
                Key = Guid.NewGuid(), ParentKey = parentKey, Name = Limit(name.Trim(), MaxNameLength), MediaTypeAlias = MediaTypes.Folder,
                CreateDate = write.Now, UpdateDate = write.Now,
            };
            await PlaceAsync(write.Db, folder, ct);
            write.Db.MediaItems.Add(folder);
            write.Audit(AuditActions.MediaCreateFolder, folder.AuditTarget);
            RaiseChanged(write, MediaOperation.CreateFolder);
            return MediaResult.Done(folder);
        }, ct);

    /// <summary>Name, alt text and focal point. An image needs alt text unless it is marked decorative.</summary>
    public Task<MediaResult> SaveAsync(Guid key, MediaDetails details, Actor actor, CancellationToken ct = default) =>
        writer.WriteAsync(actor, async write =>
        {
            var item = await write.Db.MediaItems.FindAsync([key], ct);
            if (item is null) { write.Abandon(); return MediaResult.Missing(); }
            var errors = new Dictionary<string, string>();
            if (string.IsNullOrWhiteSpace(details.Name)) errors[NameField] = "Geef het item een naam.";
            if (item.IsImage && !details.IsDecorative && string.IsNullOrWhiteSpace(details.AltText))
                errors[AltField] = "Beschrijf wat er op de afbeelding te zien is, of vink aan dat de afbeelding alleen decoratief is.";
            if (errors.Count > 0) { write.Abandon(); return new MediaResult(item, errors); }
            item.Name = Limit(details.Name.Trim(), MaxNameLength);
            item.AltText = details.IsDecorative ? "" : Limit(details.AltText.Trim(), MaxAltLength);
            item.IsDecorative = item.IsImage && details.IsDecorative;
            if (item.IsImage && details.FocalLeft is { } left && details.FocalTop is { } top)
            {
                var focus = MediaFocalPoint.Clamped(left, top);
                (item.FocalLeft, item.FocalTop) = (Math.Round(focus.Left, 4), Math.Round(focus.Top, 4));
            }
            item.UpdateDate = write.Now;
            write.Db.MediaVersions.Add(MediaVersion.Of(item, write.Now, write.Actor.Name));
            write.Audit(AuditActions.Save, item.AuditTarget, "media");
            RaiseChanged(write, MediaOperation.Save);
            return MediaResult.Done(item);
        }, ct);

    public Task<MediaResult> MoveAsync(Guid key, Guid? parentKey, Actor actor, CancellationToken ct = default) =>
        writer.WriteAsync(actor, async write =>
        {
            var item = await write.Db.MediaItems.FindAsync([key], ct);
            if (item is null) { write.Abandon(); return MediaResult.Missing(); }
            if (await ParentErrorAsync(write.Db, parentKey, ct) is { } error) return Abandon(write, ParentField, error);
            if (parentKey is { } target && await IsInsideAsync(write.Db, target, key, ct))
                return Abandon(write, ParentField, "Een map kan niet in zichzelf of in een van haar eigen mappen worden gezet.");
            item.ParentKey = parentKey;
            await PlaceAsync(write.Db, item, ct);
            await RelevelAsync(write.Db, item, ct);
            item.UpdateDate = write.Now;
            write.Db.MediaVersions.Add(MediaVersion.Of(item, write.Now, write.Actor.Name));
            write.Audit(AuditActions.Move, item.AuditTarget, "media");
            RaiseChanged(write, MediaOperation.Move);
            return MediaResult.Done(item);
        }, ct);

    /// <summary>To the recycle bin, with everything in it when it is a folder. The files stay until the bin is emptied.</summary>
    public Task<MediaResult> TrashAsync(Guid key, Actor actor, CancellationToken ct = default) =>
        writer.WriteAsync(actor, async write =>
        {
            var item = await write.Db.MediaItems.FindAsync([key], ct);
            if (item is null) { write.Abandon(); return MediaResult.Missing(); }
            foreach (var each in await SubtreeAsync(write.Db, item, ct)) each.Trashed = true;
            item.UpdateDate = write.Now;
            write.Audit(AuditActions.Delete, item.AuditTarget, "media naar prullenbak");
            RaiseChanged(write, MediaOperation.Trash);
            return MediaResult.Done(item);
        }, ct);

    public Task<MediaResult> RestoreAsync(Guid key, Actor actor, CancellationToken ct = default) =>
        writer.WriteAsync(actor, async write =>
        {
            var item = await write.Db.MediaItems.FindAsync([key], ct);
            if (item is null) { write.Abandon(); return MediaResult.Missing(); }
            // Back where it was, unless that folder is gone or in the bin itself: then at the top.
            if (item.ParentKey is { } parent && await write.Db.MediaItems.AnyAsync(m => m.Key == parent && m.Trashed, ct)
                || item.ParentKey is { } missing && !await write.Db.MediaItems.AnyAsync(m => m.Key == missing, ct))
            {
                item.ParentKey = null;
                await RelevelAsync(write.Db, item, ct);
            }
            foreach (var each in await SubtreeAsync(write.Db, item, ct)) each.Trashed = false;
            item.UpdateDate = write.Now;
            write.Audit(AuditActions.Restore, item.AuditTarget, "media");
            RaiseChanged(write, MediaOperation.Restore);
            return MediaResult.Done(item);
        }, ct);

    /// <summary>Deletes an item in the bin for good, with its files and versions.</summary>
    public async Task<MediaResult> DeleteAsync(Guid key, Actor actor, CancellationToken ct = default)
    {
        var removed = new List<string>();
        var result = await writer.WriteAsync(actor, async write =>
        {
            var item = await write.Db.MediaItems.FindAsync([key], ct);
            if (item is null) { write.Abandon(); return MediaResult.Missing(); }
            if (!item.Trashed) return Abandon(write, "", "Alleen items in de prullenbak kunnen definitief worden verwijderd.");
            var subtree = await SubtreeAsync(write.Db, item, ct);
            var keys = subtree.Select(m => m.Key).ToList();
            await write.Db.MediaVersions.Where(v => keys.Contains(v.MediaKey)).ExecuteDeleteAsync(ct);
            write.Db.MediaItems.RemoveRange(subtree);
            removed.AddRange(subtree.Where(m => m.Src is not null).Select(m => m.Src!));
            write.Audit(AuditActions.Delete, item.AuditTarget, "media definitief verwijderd");
            RaiseChanged(write, MediaOperation.Delete);
            return MediaResult.Done(item);
        }, ct);
        // Files after the commit: should deleting one fail, the item is gone and the bytes are merely unused.
        foreach (var src in removed)
        {
            await files.DeleteAsync(src, ct);
            variants?.Forget(src);
        }
        return result;
    }

    /// <summary>A readable name from an uploaded file's name: "portret_anna-2024.jpg" becomes "portret anna 2024".</summary>
    public static string NameFromFile(string fileName)
    {
        var stem = MediaPaths.Stem(fileName).Replace('_', ' ').Replace('-', ' ').Trim();
        return stem.Length == 0 ? "Naamloos" : Limit(stem, MaxNameLength);
    }

    /// <summary>
    /// Pages show media from the published snapshot, so a media change rebuilds it like a publish: on this node at
    /// once, on the others through the change journal.
    /// </summary>
    private static void RaiseChanged(SiteWrite write, MediaOperation operation)
    {
        write.Raise(new MediaChangedNotification(operation));
        write.Raise(new Content.ContentChangedNotification(Content.ContentOperation.MediaChange, PublishedTreeChanged: true));
    }

    private static MediaResult Abandon(SiteWrite write, string field, string message)
    {
        write.Abandon();
        return MediaResult.Refused(field, message);
    }

    private static async Task<string?> ParentErrorAsync(SiteDbContext db, Guid? parentKey, CancellationToken ct)
    {
        if (parentKey is not { } key) return null;
        var parent = await db.MediaItems.AsNoTracking().SingleOrDefaultAsync(m => m.Key == key, ct);
        if (parent is null || parent.Trashed) return "Die map bestaat niet (meer).";
        if (!parent.IsFolder) return "Alleen een map kan items bevatten.";
        if (parent.Level >= MaxLevel) return $"Mappen kunnen niet dieper dan {MaxLevel} niveaus.";
        return null;
    }

    /// <summary>At the end of its new folder, one level below it.</summary>
    private static async Task PlaceAsync(SiteDbContext db, MediaItem item, CancellationToken ct)
    {
        var parentLevel = item.ParentKey is { } p ? await db.MediaItems.Where(m => m.Key == p).Select(m => m.Level).SingleAsync(ct) : 0;
        item.Level = parentLevel + 1;
        var last = await db.MediaItems.Where(m => m.ParentKey == item.ParentKey && m.Key != item.Key).MaxAsync(m => (int?)m.SortOrder, ct);
        item.SortOrder = (last ?? -1) + 1;
    }

    private static async Task RelevelAsync(SiteDbContext db, MediaItem item, CancellationToken ct)
    {
        var parentLevel = item.ParentKey is { } p ? await db.MediaItems.Where(m => m.Key == p).Select(m => m.Level).SingleAsync(ct) : 0;
        item.Level = parentLevel + 1;
        foreach (var below in (await SubtreeAsync(db, item, ct)).Skip(1))
            below.Level = (await db.MediaItems.FindAsync([below.ParentKey!.Value], ct))!.Level + 1;
    }

    private static async Task<bool> IsInsideAsync(SiteDbContext db, Guid candidate, Guid ancestor, CancellationToken ct)
    {
        Guid? current = candidate;
        for (var depth = 0; current is { } key && depth <= MaxLevel; depth++)
        {
            if (key == ancestor) return true;
            current = await db.MediaItems.Where(m => m.Key == key).Select(m => m.ParentKey).SingleOrDefaultAsync(ct);
        }
        return false;
    }

    private static async Task<List<MediaItem>> SubtreeAsync(SiteDbContext db, MediaItem root, CancellationToken ct)
    {
        // Breadth first, each item once: a loop in the data (an old import) cannot keep this going.
        var result = new List<MediaItem> { root };
        var seen = new HashSet<Guid> { root.Key };
        for (var i = 0; i < result.Count; i++)
        {
            if (!result[i].IsFolder) continue;
            var key = result[i].Key;
            result.AddRange((await db.MediaItems.Where(m => m.ParentKey == key).ToListAsync(ct)).Where(m => seen.Add(m.Key)));
        }
        return result;
    }

    private static string Display(string fileName) => $"'{Limit(Path.GetFileName(fileName.Replace('\\', '/')), 80)}'";


    private static string Limit(string value, int max) => value.Length <= max ? value : value[..max];
}
