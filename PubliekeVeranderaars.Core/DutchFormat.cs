using System.Globalization;

namespace PubliekeVeranderaars.Core;

/// <summary>
/// How the site writes times, numbers and durations for people: in Dutch, in Dutch time (Europe/Amsterdam, summer time
/// included), whatever the server's own time zone and culture. Stored times stay UTC; only what people read goes
/// through here, so every screen, mail and audit line says it the same way.
/// </summary>
public static class DutchFormat
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("nl-NL");
    public static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    /// <summary>The format of an HTML datetime-local input: what the browser sends and shows.</summary>
    private const string LocalInputFormat = "yyyy-MM-ddTHH:mm";

    /// <summary>"1 december 2026 11:05", in Dutch time.</summary>
    public static string DateTime(DateTime utc) => LocalDateTime(ToAmsterdam(utc));

    /// <summary>"1 december 2026 11:05" of a time that is already Dutch time: a date picker's value, which Umbraco stores without a zone.</summary>
    public static string LocalDateTime(DateTime local) => local.ToString("d MMMM yyyy HH:mm", Culture);

    /// <summary>"1 december 2026 11:05:09": where several things happen within a minute (versions, the audit trail).</summary>
    public static string DateTimeWithSeconds(DateTime utc) =>
        ToAmsterdam(utc).ToString("d MMMM yyyy HH:mm:ss", Culture);

    /// <summary>"1 december 2026".</summary>
    public static string Date(DateTime utc) => ToAmsterdam(utc).ToString("d MMMM yyyy", Culture);

    /// <summary>"12.345": thousands grouped as Dutch readers expect.</summary>
    public static string Date(DateOnly day) => day.ToString("d MMMM yyyy", Culture);

    public static string Number(long value) => value.ToString("N0", Culture);

    /// <summary>"1,5": one decimal with a comma.</summary>
    public static string Decimal(double value) => value.ToString("0.0", Culture);

    /// <summary>"1 pagina", "3 pagina's": a count with the right form of the word.</summary>
    public static string Count(long value, string one, string many) => $"{Number(value)} {(value == 1 ? one : many)}";

    /// <summary>"15 minuten", "14 dagen", "24 uur", "1 minuut": a duration in the largest whole unit, for texts built from constants.</summary>
    public static string Duration(TimeSpan duration) => duration switch
    {
        { TotalDays: >= 1 } when duration.TotalDays % 1 == 0 => Count((long)duration.TotalDays, "dag", "dagen"),
        { TotalHours: >= 1 } when duration.TotalHours % 1 == 0 => $"{Number((long)duration.TotalHours)} uur",
        { TotalMinutes: >= 1 } when duration.TotalMinutes % 1 == 0 => Count((long)duration.TotalMinutes, "minuut", "minuten"),
        _ => Count((long)duration.TotalSeconds, "seconde", "seconden"),
    };

    /// <summary>"840 kB", "3,4 MB", "20 MB": a file's size as the media screens and their messages give it.</summary>
    public static string FileSize(long bytes) => bytes switch
    {
        < BytesPerMegabyte => $"{Math.Max(1, (long)Math.Round(bytes / 1024d)).ToString(Culture)} kB",
        < 10 * BytesPerMegabyte => (bytes / (double)BytesPerMegabyte).ToString("0.0", Culture) + " MB",
        _ => (bytes / (double)BytesPerMegabyte).ToString("0", Culture) + " MB",
    };

    private const long BytesPerMegabyte = 1024 * 1024;

    /// <summary>The value of a datetime-local input, in Dutch time.</summary>
    public static string LocalInput(DateTime? utc) => utc is { } value ? ToAmsterdam(value).ToString(LocalInputFormat, CultureInfo.InvariantCulture) : "";

    /// <summary>What a datetime-local input sent, read as Dutch time, in UTC; null when empty or not a time.</summary>
    public static DateTime? FromLocalInput(string? local)
    {
        if (!System.DateTime.TryParseExact(local, LocalInputFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)) return null;
        var unspecified = System.DateTime.SpecifyKind(value, DateTimeKind.Unspecified);
        // The hour the clocks skip in spring (02:00-03:00) does not exist; it means the same moment an hour later.
        if (Amsterdam.IsInvalidTime(unspecified)) unspecified = unspecified.AddHours(1);
        return TimeZoneInfo.ConvertTimeToUtc(unspecified, Amsterdam);
    }

    public static DateTime ToAmsterdam(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(System.DateTime.SpecifyKind(utc, DateTimeKind.Utc), Amsterdam);
}
