namespace OrleansPlatform.Gateway.Admin.Configuration;

/// <summary>The outcome of storing or removing a setting.</summary>
/// <param name="Key">The setting, spelled as the catalog spells it.</param>
/// <param name="Scope"><c>cluster</c>, or <c>silo:&lt;name&gt;</c>.</param>
/// <param name="Value">The stored value in canonical form (null: removed).</param>
/// <param name="Live">True when running processes apply it within a second.</param>
/// <param name="Message">What happens now: applied live, or restart needed.</param>
public sealed record SettingChange(string Key, string Scope, string? Value, bool Live, string Message);
