using PubliekeVeranderaars.Core.Content;
namespace PubliekeVeranderaars.Core.Tests;

/// <summary>Times, durations and sizes as the site writes them in Dutch, around the clock changes too.</summary>
public sealed class DutchFormatTests
{
    [Theory]
    // Summer time (UTC+2) ends on the last Sunday of October at 03:00, winter time (UTC+1) until the last Sunday of March.
    [InlineData("2026-10-25T00:30:00Z", "25 oktober 2026 02:30")]
    [InlineData("2026-10-25T01:30:00Z", "25 oktober 2026 02:30")]
    [InlineData("2026-03-29T00:59:00Z", "29 maart 2026 01:59")]
    [InlineData("2026-03-29T01:00:00Z", "29 maart 2026 03:00")]
    [InlineData("2026-12-31T23:30:00Z", "1 januari 2027 00:30")]
    public void A_moment_is_written_in_dutch_time_on_both_sides_of_the_clock_changes(string utc, string expected) =>
        Assert.Equal(expected, DutchFormat.DateTime(DateTime.Parse(utc, null, System.Globalization.DateTimeStyles.AdjustToUniversal)));

    [Fact]
    public void The_hour_the_clocks_skip_means_the_same_moment_an_hour_later()
    {
        Assert.Equal(new DateTime(2026, 3, 29, 1, 30, 0, DateTimeKind.Utc), DutchFormat.FromLocalInput("2026-03-29T02:30"));
        Assert.Null(DutchFormat.FromLocalInput("29-03-2026 02:30"));
    }

    [Theory]
    [InlineData(15 * 60, "15 minuten")]
    [InlineData(60, "1 minuut")]
    [InlineData(24 * 3600, "1 dag")]
    [InlineData(14 * 24 * 3600, "14 dagen")]
    [InlineData(36 * 3600, "36 uur")]
    [InlineData(90, "90 seconden")]
    public void A_duration_is_written_in_its_largest_whole_unit(int seconds, string expected) =>
        Assert.Equal(expected, DutchFormat.Duration(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData(100, "1 kB")]
    [InlineData(860_000, "840 kB")]
    [InlineData(3_565_158, "3,4 MB")]
    [InlineData(20 * 1024 * 1024, "20 MB")]
    public void A_file_size_is_written_as_people_read_it(long bytes, string expected) =>
        Assert.Equal(expected, DutchFormat.FileSize(bytes));

    /// <summary>A date picker's value is stored as Dutch time already (Umbraco keeps no zone): shown as it is, never shifted.</summary>
    [Fact]
    public void A_date_pickers_value_reads_as_stored_in_the_compare_screen() =>
        Assert.Equal("28 juli 2023 12:00", PropertyEditorValues.Readable(EditorAliases.DateTime, "2023-07-28T12:00:00", _ => null));
}
