using Microsoft.Extensions.Configuration;

namespace OrleansPlatform.Silo.Hosting.Settings;

/// <summary>This process's layer of stored settings (when its configuration has one), to reload it on demand.</summary>
public sealed class PlatformSettingsLayer(IConfiguration configuration)
{
    private readonly DatabaseSettingsConfigurationProvider? provider =
        (configuration as IConfigurationRoot)?.Providers.OfType<DatabaseSettingsConfigurationProvider>().FirstOrDefault();

    /// <summary>The stored values in force in this process (cluster-wide and this silo's overrides).</summary>
    public IReadOnlyDictionary<string, string?> Values => provider?.Values ?? new Dictionary<string, string?>();

    /// <summary>Reads the stored settings again; options monitors see any change. Returns why the read failed, or null.</summary>
    public Exception? Reload()
    {
        provider?.Reload();
        return provider?.LastError;
    }

    /// <summary>Why the last read of the stored settings failed, or null.</summary>
    public Exception? LastError => provider?.LastError;
}
