using OrleansPlatform.Workflows.Data;

namespace OrleansPlatform.Workflows.Tests.Data;

public sealed class DatabaseTimestampsTests
{
    [Theory]
    [InlineData("2026-12-01 20:00:00.123+00")]
    [InlineData("2026-12-01 21:00:00.123+01")]
    [InlineData("2026-12-01 15:30:00.123-04:30")]
    [InlineData("2026-12-01 20:00:00.1230000+00:00")]
    [InlineData("2026-12-01T20:00:00.123Z")]
    public void Both_dialects_text_forms_read_as_the_same_instant(string text) =>
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 20, 0, 0, 123, TimeSpan.Zero), DatabaseTimestamps.Parse(text));

    [Fact]
    public void Text_that_is_not_a_timestamp_is_a_format_error() =>
        Assert.Throws<FormatException>(() => DatabaseTimestamps.Parse("yesterday"));
}
