using System.Globalization;

namespace OrleansPlatform.Workflows.Data;

/// <summary>
/// Reads timestamps selected as text (<c>CAST(column AS text)</c>), which is how both dialects give them back the same
/// way: PostgreSQL's <c>timestamptz</c> text (<c>2026-12-01 20:00:00.123+00</c>) and the ISO text Microsoft.Data.Sqlite
/// stores for a <see cref="DateTimeOffset"/> (<c>2026-12-01 20:00:00.123+00:00</c>).
/// </summary>
public static class DatabaseTimestamps
{
    /// <summary>The instant <paramref name="text"/> names, in UTC.</summary>
    /// <exception cref="FormatException">Not a timestamp.</exception>
    public static DateTimeOffset Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        // PostgreSQL writes a whole-hour offset as "+00"; .NET wants "+00:00".
        var value = text.Length > 3 && text[^3] is '+' or '-' && char.IsAsciiDigit(text[^2]) && char.IsAsciiDigit(text[^1]) ? text + ":00" : text;
        return DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime();
    }
}
