namespace PubliekeVeranderaars.Core.Media;

/// <summary>
/// An item of the media library, as Umbraco's media: a folder, an image or another file. The file itself lives in a
/// <see cref="IMediaFileStore"/> under <see cref="Src"/>; this row holds what the library knows about it.
/// </summary>
public sealed class MediaItem
{
    public Guid Key { get; set; }
    public Guid? ParentKey { get; set; }
    public string Name { get; set; } = "";
    /// <summary>Umbraco's media type alias: <see cref="MediaTypes.Image"/>, <see cref="MediaTypes.File"/> or <see cref="MediaTypes.Folder"/>.</summary>
    public string MediaTypeAlias { get; set; } = MediaTypes.Image;
    /// <summary>What its uSync file held beyond what this site models (<see cref="Sync.USyncShape"/>, as JSON); null when made here.</summary>
    public string? USyncShape { get; set; }
    public int Level { get; set; } = 1;
    public int SortOrder { get; set; }
    /// <summary>
    /// Where the file is served, as Umbraco's <c>umbracoFile</c> holds it: <c>/media/{folder}/{file name}</c>. Each
    /// upload gets a new folder, so the address changes whenever the file does and caches may keep it for a year.
    /// Null for folders.
    /// </summary>
    public string? Src { get; set; }
    /// <summary>Lower case, without the dot: "jpg", "png", "webp", "gif", "pdf".</summary>
    public string Extension { get; set; } = "";
    public long Bytes { get; set; }
    public int? Width { get; set; }
    public int? Height { get; set; }
    /// <summary>What a screen reader says for the image. Required for images unless <see cref="IsDecorative"/>.</summary>
    public string AltText { get; set; } = "";
    /// <summary>The image adds nothing a reader needs (a pattern, a mood): rendered with an empty alt.</summary>
    public bool IsDecorative { get; set; }
    /// <summary>The point that stays in view when the image is cropped, 0–1 from the left and the top; null is the centre.</summary>
    public double? FocalLeft { get; set; }
    public double? FocalTop { get; set; }
    /// <summary>SHA-256 of the stored file, hex: the strong ETag of the original.</summary>
    public string ContentHash { get; set; } = "";
    public DateTime CreateDate { get; set; }
    public DateTime UpdateDate { get; set; }
    public bool Trashed { get; set; }

    public bool IsFolder => MediaTypeAlias == MediaTypes.Folder;
    public bool IsImage => MediaTypeAlias == MediaTypes.Image;
    /// <summary>How the audit trail names the item: readable, and unique even when two share a name.</summary>
    public string AuditTarget => $"{Name} ({Key})";
    /// <summary>An image without alt text that is not marked decorative cannot be used on a page.</summary>
    public bool NeedsAltText => IsImage && !IsDecorative && string.IsNullOrWhiteSpace(AltText);
    public MediaFocalPoint FocalPoint => new(FocalLeft ?? MediaFocalPoint.Centre.Left, FocalTop ?? MediaFocalPoint.Centre.Top);
}

/// <summary>Umbraco's built-in media type aliases; our uSync files use them so real Umbraco sites understand them.</summary>
public static class MediaTypes
{
    public const string Folder = "Folder";
    public const string Image = "Image";
    public const string File = "File";

    public static bool IsKnown(string alias) => alias is Folder or Image or File;
}

/// <summary>A focal point as Umbraco's image cropper stores it: fractions of the width and the height.</summary>
public readonly record struct MediaFocalPoint(double Left, double Top)
{
    public static readonly MediaFocalPoint Centre = new(0.5, 0.5);

    public static MediaFocalPoint Clamped(double left, double top) =>
        new(double.IsFinite(left) ? Math.Clamp(left, 0, 1) : Centre.Left, double.IsFinite(top) ? Math.Clamp(top, 0, 1) : Centre.Top);
}

/// <summary>A saved state of an item's metadata: every change to name, alt text, focal point or place is kept.</summary>
public sealed class MediaVersion
{
    public long Id { get; set; }
    public Guid MediaKey { get; set; }
    public DateTime CreatedUtc { get; set; }
    public string CreatedBy { get; set; } = "";
    public string Name { get; set; } = "";
    public string AltText { get; set; } = "";
    public bool IsDecorative { get; set; }
    public double? FocalLeft { get; set; }
    public double? FocalTop { get; set; }
    public Guid? ParentKey { get; set; }
    public string? Src { get; set; }

    public static MediaVersion Of(MediaItem item, DateTime utc, string by) => new()
    {
        MediaKey = item.Key, CreatedUtc = utc, CreatedBy = by, Name = item.Name, AltText = item.AltText,
        IsDecorative = item.IsDecorative, FocalLeft = item.FocalLeft, FocalTop = item.FocalTop, ParentKey = item.ParentKey, Src = item.Src,
    };
}

/// <summary>A stored file, for sites that keep media in the database (several web nodes, no shared disk).</summary>
public sealed class MediaFileBlob
{
    /// <summary>The item's <see cref="MediaItem.Src"/>.</summary>
    public string Path { get; set; } = "";
    public byte[] Content { get; set; } = [];
    public DateTime CreatedUtc { get; set; }
}
