using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PubliekeVeranderaars.Core.Storage;

/// <summary>
/// Stores a list of small records as one JSON text column. A page's property values and a document type's
/// property list are always read and written whole, so a side table would only add joins.
/// Text (not jsonb) keeps both providers byte-identical, which the uSync round trip relies on.
/// </summary>
internal static class JsonColumn
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static PropertyBuilder<List<T>> HasJsonConversion<T>(this PropertyBuilder<List<T>> property)
    {
        var comparer = new ValueComparer<List<T>>(
            (a, b) => Serialize(a) == Serialize(b),
            v => Serialize(v).GetHashCode(StringComparison.Ordinal),
            v => Deserialize<T>(Serialize(v)));
        property.HasConversion(v => Serialize(v), v => Deserialize<T>(v), comparer).IsRequired();
        return property;
    }

    /// <summary>One small immutable record (or nothing) as JSON text.</summary>
    public static PropertyBuilder<T?> HasJsonRecordConversion<T>(this PropertyBuilder<T?> property) where T : class
    {
        property.HasConversion(v => SerializeRecord(v!), v => DeserializeRecord<T>(v));
        return property;
    }

    private static string SerializeRecord<T>(T value) => JsonSerializer.Serialize(value, Options);

    private static T? DeserializeRecord<T>(string json) where T : class => JsonSerializer.Deserialize<T>(json, Options);

    private static string Serialize<T>(List<T>? value) => JsonSerializer.Serialize(value ?? [], Options);

    private static List<T> Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<List<T>>(json, Options) ?? [];
}
