using System.Globalization;

namespace OrleansPlatform.Workflows.Settings;

/// <summary>How a setting's value is written and checked.</summary>
public enum SettingKind
{
    /// <summary>A duration, e.g. <c>00:20:00</c> (TimeSpan, invariant culture).</summary>
    Duration,

    /// <summary>A whole number.</summary>
    Integer,

    /// <summary>A number.</summary>
    Number,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,
}

/// <summary>
/// One setting operators may store in the cluster database (admin console, <c>oplat config set</c>): its configuration
/// key, kind and bounds, its default, and whether a change applies while the processes run or needs a restart.
/// </summary>
/// <param name="Key">The configuration key, e.g. <c>Sessions:IdleTimeout</c>.</param>
/// <param name="Kind">How the value is written.</param>
/// <param name="Default">The value in force when nothing sets it, in canonical form.</param>
/// <param name="Minimum">The smallest value allowed, in canonical form (null: none).</param>
/// <param name="Maximum">The largest value allowed, in canonical form (null: none).</param>
/// <param name="Live">True when running processes apply a change within a second; false when it takes a restart.</param>
/// <param name="Description">What it does, for the console.</param>
public sealed record PlatformSetting(string Key, SettingKind Kind, string Default, string? Minimum, string? Maximum, bool Live, string Description)
{
    /// <summary>Parses <paramref name="value"/>, checks the bounds and returns the canonical form, or an error that names the key.</summary>
    public bool TryNormalize(string? value, out string canonical, out string error)
    {
        canonical = string.Empty;
        error = string.Empty;
        var text = value?.Trim() ?? string.Empty;
        switch (Kind)
        {
            case SettingKind.Duration when TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var duration):
                canonical = duration.ToString("c", CultureInfo.InvariantCulture);
                return InBounds(duration.Ticks, s => TimeSpan.Parse(s, CultureInfo.InvariantCulture).Ticks, out error);
            case SettingKind.Integer when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer):
                canonical = integer.ToString(CultureInfo.InvariantCulture);
                return InBounds(integer, s => long.Parse(s, CultureInfo.InvariantCulture), out error);
            case SettingKind.Number when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number):
                canonical = number.ToString("R", CultureInfo.InvariantCulture);
                return InBounds(number, s => double.Parse(s, CultureInfo.InvariantCulture), out error);
            case SettingKind.Boolean when bool.TryParse(text, out var flag):
                canonical = flag ? "true" : "false";
                return true;
            default:
                error = $"{Key}: '{Truncate(text)}' is not a {Describe(Kind)}.";
                return false;
        }
    }

    private bool InBounds<T>(T value, Func<string, T> parse, out string error)
        where T : IComparable<T>
    {
        error = string.Empty;
        if (Minimum is not null && value.CompareTo(parse(Minimum)) < 0)
        {
            error = $"{Key}: must be at least {Minimum}.";
            return false;
        }

        if (Maximum is not null && value.CompareTo(parse(Maximum)) > 0)
        {
            error = $"{Key}: must be at most {Maximum}.";
            return false;
        }

        return true;
    }

    private static string Describe(SettingKind kind) => kind switch
    {
        SettingKind.Duration => "duration (e.g. 00:20:00)",
        SettingKind.Integer => "whole number",
        SettingKind.Number => "number",
        _ => "true or false",
    };

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
