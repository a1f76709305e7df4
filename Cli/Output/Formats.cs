using System.Globalization;

namespace OrleansPlatform.Cli.Output;

/// <summary>How figures read in the tables (invariant culture: the same output on every machine).</summary>
internal static class Formats
{
    public const string None = "-";

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Percent(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) + " %" : None;

    /// <summary>A hit ratio the API gives as 0..1.</summary>
    public static string Ratio(double? value) => value is { } v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : None;

    public static string Mebibytes(double? bytes) => bytes is { } b ? (b / 1024 / 1024).ToString("0.0", CultureInfo.InvariantCulture) + " MiB" : None;

    public static string Seconds(double? seconds) => seconds is { } s ? s.ToString("0.0", CultureInfo.InvariantCulture) + " s" : None;

    /// <summary>An uptime in its two largest units: <c>3d 4h</c>, <c>2h 5m</c>, <c>4m 12s</c>, <c>9s</c>.</summary>
    public static string Duration(double? seconds)
    {
        if (seconds is not { } s)
        {
            return None;
        }

        var span = TimeSpan.FromSeconds(Math.Max(0, Math.Floor(s)));
        return span switch
        {
            { TotalDays: >= 1 } => $"{(int)span.TotalDays}d {span.Hours}h",
            { TotalHours: >= 1 } => $"{span.Hours}h {span.Minutes}m",
            { TotalMinutes: >= 1 } => $"{span.Minutes}m {span.Seconds}s",
            _ => $"{span.Seconds}s",
        };
    }

    public static string Time(DateTimeOffset? time) => time is { } t ? t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : None;

    public static string OrNone(string? text) => string.IsNullOrEmpty(text) ? None : text;
}
