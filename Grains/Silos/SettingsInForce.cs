using Microsoft.Extensions.Configuration;
using OrleansPlatform.Workflows.Settings;

namespace OrleansPlatform.Grains.Silos;

/// <summary>
/// This silo's managed settings in force (<see cref="PlatformSettingsCatalog"/>): a live setting as the configuration
/// says now, a restart-needed one as it was when the silo started (a stored change reaches the configuration at once,
/// but not the options the silo was built with). So after a change that needs a restart the digest differs from the
/// cluster's until the silo is restarted, and the console says so.
/// </summary>
public sealed class SettingsInForce
{
    private readonly IConfiguration configuration;
    private readonly IReadOnlyDictionary<string, string?> atStart;

    /// <summary>Takes the snapshot of the settings that need a restart.</summary>
    public SettingsInForce(IConfiguration configuration)
    {
        this.configuration = configuration ?? throw new ArgumentNullException(nameof(configuration));
        atStart = PlatformSettingsCatalog.All.Values.Where(s => !s.Live).ToDictionary(s => s.Key, s => configuration[s.Key], StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The value in force of <paramref name="key"/> as written (null: the default).</summary>
    public string? Raw(string key) => atStart.TryGetValue(key, out var value) ? value : configuration[key];

    /// <summary>Every managed setting in force, canonical, by key.</summary>
    public IReadOnlyDictionary<string, string> Effective() =>
        PlatformSettingsCatalog.All.Values.OrderBy(s => s.Key, StringComparer.Ordinal).ToDictionary(
            s => s.Key,
            s => Raw(s.Key) is { } value && s.TryNormalize(value, out var canonical, out _) ? canonical : Raw(s.Key) ?? s.Default,
            StringComparer.Ordinal);

    /// <summary>The digest of the settings in force (see <see cref="ConfigurationDigest"/>).</summary>
    public string Digest => ConfigurationDigest.Of(Raw);
}
