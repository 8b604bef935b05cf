using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Media;

/// <summary>A named crop, as <c>Umbraco.ImageCropper</c> data types define them: an alias and the size it renders at.</summary>
public sealed record MediaCrop(string Alias, string Label, int Width, int Height)
{
    public double Proportion => (double)Width / Height;
}

/// <summary>The crops every <c>Umbraco.ImageCropper</c> data type of the site defines, each alias once.</summary>
public sealed class MediaCrops(SiteDatabase database)
{
    public const string ImageCropperEditorAlias = "Umbraco.ImageCropper";
    /// <summary>A media picker's data type defines crops of its own, in the same shape.</summary>
    public const string MediaPickerEditorAlias = "Umbraco.MediaPicker3";
    /// <summary>Larger than any screen needs; a configuration asking more is capped to it.</summary>
    private const int MaxCropSide = 4000;

    public async Task<IReadOnlyList<MediaCrop>> AllAsync(CancellationToken ct = default)
    {
        await using var db = database.Open();
        return (await ReadAsync(db, [ImageCropperEditorAlias], ct)).GroupBy(c => c.Alias, StringComparer.OrdinalIgnoreCase).Select(g => g.First()).ToList();
    }

    /// <summary>The proportions of every crop an image cropper or media picker data type defines: what a front end may ask.</summary>
    public static async Task<IReadOnlyList<double>> ProportionsAsync(SiteDbContext db, CancellationToken ct = default) =>
        [.. (await ReadAsync(db, [ImageCropperEditorAlias, MediaPickerEditorAlias], ct)).Select(c => c.Proportion).Distinct()];

    private static async Task<IEnumerable<MediaCrop>> ReadAsync(SiteDbContext db, string[] editorAliases, CancellationToken ct) =>
        (await db.DataTypes.AsNoTracking().Where(d => editorAliases.Contains(d.EditorAlias)).Select(d => d.ConfigJson).ToListAsync(ct)).SelectMany(Parse);

    /// <summary>Umbraco 8–13 (<c>"crops":[{"alias","width","height"}]</c>) and 14+ (the same with <c>"label"</c>).</summary>
    public static IReadOnlyList<MediaCrop> Parse(string configJson)
    {
        try
        {
            if (Content.StoredJson.TryParse(configJson) is not JsonObject config) return [];
            var crops = config.FirstOrDefault(p => string.Equals(p.Key, "crops", StringComparison.OrdinalIgnoreCase)).Value as JsonArray;
            return (crops ?? []).OfType<JsonObject>().Select(ReadCrop).OfType<MediaCrop>().ToList();
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static MediaCrop? ReadCrop(JsonObject crop)
    {
        var alias = Text(crop, "alias");
        if (string.IsNullOrWhiteSpace(alias) || Number(crop, "width") is not { } width || Number(crop, "height") is not { } height) return null;
        return new MediaCrop(alias, Text(crop, "label") is { Length: > 0 } label ? label : alias, Math.Min(width, MaxCropSide), Math.Min(height, MaxCropSide));
    }

    private static string? Text(JsonObject o, string name) =>
        o.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>() : null;

    private static int? Number(JsonObject o, string name) =>
        o.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            && v.GetValue<double>() is var d && d >= 1 ? (int)d : null;
}
