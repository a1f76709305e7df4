using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace OrleansPlatform.Workflows.Settings;

/// <summary>
/// A short fingerprint of the managed settings in force (<see cref="PlatformSettingsCatalog"/>): each key with its value
/// in canonical form (or the default), sorted, hashed. Two processes with the same digest run with the same settings.
/// </summary>
public static class ConfigurationDigest
{
    /// <summary>The digest of <paramref name="configuration"/>'s effective managed settings.</summary>
    public static string Of(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return Of(key => configuration[key]);
    }

    /// <summary>The digest of the values <paramref name="valueOf"/> gives (null: the default).</summary>
    public static string Of(Func<string, string?> valueOf)
    {
        ArgumentNullException.ThrowIfNull(valueOf);
        var text = new StringBuilder();
        foreach (var setting in PlatformSettingsCatalog.All.Values.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var value = valueOf(setting.Key);
            var canonical = value is not null && setting.TryNormalize(value, out var normalized, out _) ? normalized : value ?? setting.Default;
            text.Append(setting.Key).Append('=').Append(canonical).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}
