using OrleansPlatform.Workflows.Settings;

namespace OrleansPlatform.Gateway.Admin.Configuration;

/// <summary>One managed setting.</summary>
/// <param name="Key">Its configuration key.</param>
/// <param name="Kind">How its value is written.</param>
/// <param name="Default">Its default.</param>
/// <param name="Minimum">The smallest value allowed (null: none).</param>
/// <param name="Maximum">The largest value allowed (null: none).</param>
/// <param name="Live">True when a change applies to running processes within a second; false when it needs a restart.</param>
/// <param name="Description">What it does.</param>
/// <param name="Cluster">The stored cluster-wide value (null: not set, the default applies).</param>
/// <param name="Value">The cluster's value: <paramref name="Cluster"/> or the default.</param>
/// <param name="Overrides">Stored per-silo values, by silo name.</param>
public sealed record SettingView(
    string Key,
    SettingKind Kind,
    string Default,
    string? Minimum,
    string? Maximum,
    bool Live,
    string Description,
    string? Cluster,
    string Value,
    IReadOnlyDictionary<string, string> Overrides);
