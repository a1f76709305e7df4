using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansPlatform.Workflows.Data;
using OrleansPlatform.Workflows.Settings;

namespace OrleansPlatform.Silo.Hosting.Settings;

/// <summary>
/// The cluster-wide settings of <c>platform_settings</c>, overlaid with this silo's own overrides (scope
/// <c>silo:&lt;name&gt;</c>). Read when the configuration is built, so that settings that take a restart are in force from
/// the start, and again on <see cref="Reload"/>. A database that cannot be read (not migrated yet, unreachable) leaves the
/// layer as it was: a process never fails to start because of it.
/// </summary>
internal sealed class DatabaseSettingsConfigurationProvider(ClusterDatabaseOptions options, string? siloName) : ConfigurationProvider, IDisposable
{
    private readonly Lazy<IClusterDatabase> database = new(() => ClusterDatabaseServiceCollectionExtensions.Create(options, NullLoggerFactory.Instance));

    /// <summary>The layer's values, for the digest and the console.</summary>
    public IReadOnlyDictionary<string, string?> Values => new Dictionary<string, string?>(Data, StringComparer.OrdinalIgnoreCase);

    public override void Load()
    {
        if (Read() is { } values)
        {
            Data = values;
        }
    }

    /// <summary>Why the last read failed (null: it worked, or there is no database to read yet).</summary>
    public Exception? LastError { get; private set; }

    /// <summary>Reads the table again and tells the configuration's listeners (options monitors) when anything changed.</summary>
    public void Reload()
    {
        if (Read() is { } values && !SameAs(values))
        {
            Data = values;
            OnReload();
        }
    }

    public void Dispose()
    {
        if (database.IsValueCreated && database.Value is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }

    private Dictionary<string, string?>? Read()
    {
        if (!ClusterDatabaseOptions.TryParseProvider(options.Provider, out _) || string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return null;
        }

        try
        {
            LastError = null;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            using var connection = database.Value.OpenConnectionAsync(timeout.Token).AsTask().GetAwaiter().GetResult();
            // Two plain parameters, not a list: Dapper hands a list to Npgsql as one array parameter, which "IN" does not take.
            var rows = connection.Query<(string Scope, string Key, string Value)>(
                "SELECT scope, key, value FROM platform_settings WHERE scope = @Cluster OR scope = @Silo",
                new { Cluster = PlatformSettingsCatalog.ClusterScope, Silo = siloName is null ? PlatformSettingsCatalog.ClusterScope : PlatformSettingsCatalog.SiloScope(siloName) });

            // The silo's own override wins over the cluster's value.
            var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var row in rows.OrderBy(r => r.Scope == PlatformSettingsCatalog.ClusterScope ? 0 : 1))
            {
                values[row.Key] = row.Value;
            }

            return values;
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or OperationCanceledException or InvalidOperationException or TimeoutException)
        {
            // Kept for the watcher to log: this layer is built before logging is.
            LastError = exception;
            return null;
        }
    }

    private bool SameAs(Dictionary<string, string?> values) =>
        values.Count == Data.Count && values.All(kv => Data.TryGetValue(kv.Key, out var value) && value == kv.Value);
}
