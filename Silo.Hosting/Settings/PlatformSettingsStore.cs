using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Dapper;
using OrleansPlatform.Workflows.Data;
using OrleansPlatform.Workflows.Settings;
using OrleansPlatform.Workflows.Time;

namespace OrleansPlatform.Silo.Hosting.Settings;

/// <summary>The <c>platform_settings</c> table: managed settings per scope (cluster-wide, or one silo's override).</summary>
public sealed class PlatformSettingsStore(IClusterDatabase database, [FromKeyedServices(PlatformClock.Key)] TimeProvider time)
{
    /// <summary>Every stored setting.</summary>
    public async Task<IReadOnlyList<StoredSetting>> ReadAllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Scope, string Key, string Value)>(new CommandDefinition(
            "SELECT scope, key, value FROM platform_settings ORDER BY key, scope", cancellationToken: cancellationToken));
        return rows.Select(r => new StoredSetting(r.Scope, r.Key, r.Value)).ToList();
    }

    /// <summary>The change counter (bumped by every write).</summary>
    public async Task<long> VersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT version FROM platform_settings_version WHERE id = 1", cancellationToken: cancellationToken));
    }

    /// <summary>Stores <paramref name="canonicalValue"/> (already validated) for <paramref name="key"/> in <paramref name="scope"/>.</summary>
    public async Task WriteAsync(string scope, string key, string canonicalValue, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO platform_settings (scope, key, value, updated_at) VALUES (@Scope, @Key, @Value, @At)
            ON CONFLICT (scope, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
            """,
            new { Scope = scope, Key = key, Value = canonicalValue, At = time.GetUtcNow() },
            transaction,
            cancellationToken: cancellationToken));
        await BumpAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Removes <paramref name="key"/> from <paramref name="scope"/>; false when it was not set there.</summary>
    public async Task<bool> RemoveAsync(string scope, string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var removed = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM platform_settings WHERE scope = @Scope AND key = @Key", new { Scope = scope, Key = key }, transaction, cancellationToken: cancellationToken));
        await BumpAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return removed > 0;
    }

    /// <summary>The cluster-wide values, keyed as the catalog spells them.</summary>
    public static IReadOnlyDictionary<string, string> ClusterValues(IEnumerable<StoredSetting> stored) =>
        stored.Where(s => s.Scope == PlatformSettingsCatalog.ClusterScope).ToDictionary(s => s.Key, s => s.Value, StringComparer.OrdinalIgnoreCase);

    private static Task BumpAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("UPDATE platform_settings_version SET version = version + 1 WHERE id = 1", transaction: transaction, cancellationToken: cancellationToken));
}

/// <summary>One stored setting.</summary>
public sealed record StoredSetting(string Scope, string Key, string Value);
