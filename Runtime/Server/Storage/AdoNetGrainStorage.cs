using System.Data.Common;
using System.Globalization;
using System.Text;
using Dapper;
using Microsoft.Extensions.Logging;
using OrleansPlatform.Runtime.Database;
using OrleansPlatform.Runtime.Serialization;

namespace OrleansPlatform.Runtime.Storage;

/// <summary>
/// Grain state in the cluster database's <c>grain_state</c> table (JSON payload: <c>jsonb</c> on PostgreSQL, text on
/// SQLite). The ETag is the row's version as a decimal string. Writes and clears are single conditional statements
/// (insert-if-absent, or update where the version matches), so a stale activation can never overwrite a newer state;
/// a clear leaves a tombstone row (NULL payload, next version) for the same reason.
/// </summary>
internal sealed partial class AdoNetGrainStorage : IGrainStorage
{
    private readonly string name;
    private readonly IClusterDatabase database;
    private readonly IPlatformSerializer serializer;
    private readonly ILogger<AdoNetGrainStorage> logger;
    private readonly GrainStateSql sql;
    private readonly IStorageWriteFence? fence;

    public AdoNetGrainStorage(string name, IClusterDatabase database, IPlatformSerializer serializer, ILogger<AdoNetGrainStorage> logger, IStorageWriteFence? fence = null)
    {
        this.name = name;
        this.database = database;
        this.serializer = serializer;
        this.logger = logger;
        this.fence = fence;
        sql = GrainStateSql.For(database.Provider, fenced: fence is not null);
    }

    public async Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        StoredState? row;
        await using (var connection = await database.OpenConnectionAsync(cancellationToken))
        {
            row = await connection.QuerySingleOrDefaultAsync<StoredState>(
                new CommandDefinition(sql.Read, Key(stateName, grainId), cancellationToken: cancellationToken));
        }

        if (row?.Payload is null)
        {
            grainState.State = DefaultState<TState>.Create();
            grainState.ETag = row is null ? null : FormatETag(row.Version);
            grainState.RecordExists = false;
        }
        else
        {
            grainState.State = serializer.Deserialize<TState>(Encoding.UTF8.GetBytes(row.Payload))!;
            grainState.ETag = FormatETag(row.Version);
            grainState.RecordExists = true;
        }

        LogRead(logger, name, grainId, stateName, grainState.ETag);
    }

    public async Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        var heldETag = grainState.ETag;
        var payload = Encoding.UTF8.GetString(serializer.SerializeToUtf8Bytes(grainState.State));
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        long newVersion;
        if (heldETag is null)
        {
            var inserted = await connection.ExecuteAsync(new CommandDefinition(
                sql.Insert, new { GrainType = grainId.Type, GrainKey = grainId.Key, StateName = stateName, Payload = payload, FenceCluster = fence?.ClusterId, FenceSilo = fence?.SiloId }, cancellationToken: cancellationToken));
            if (inserted == 0)
            {
                throw await ConflictAsync(connection, "Write", stateName, grainId, heldETag, cancellationToken);
            }

            newVersion = 1;
        }
        else
        {
            var expected = await ParseETagAsync(connection, "Write", stateName, grainId, heldETag, cancellationToken);
            var updated = await connection.ExecuteAsync(new CommandDefinition(
                sql.Update,
                new { GrainType = grainId.Type, GrainKey = grainId.Key, StateName = stateName, Payload = payload, Version = expected, FenceCluster = fence?.ClusterId, FenceSilo = fence?.SiloId },
                cancellationToken: cancellationToken));
            if (updated == 0)
            {
                throw await ConflictAsync(connection, "Write", stateName, grainId, heldETag, cancellationToken);
            }

            newVersion = expected + 1;
        }

        grainState.ETag = FormatETag(newVersion);
        grainState.RecordExists = true;
        LogWritten(logger, name, grainId, stateName, grainState.ETag);
    }

    public async Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        var heldETag = grainState.ETag;
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        if (heldETag is null)
        {
            // The grain never saw a stored version: nothing to clear unless someone else has written meanwhile.
            var stored = await connection.QuerySingleOrDefaultAsync<long?>(
                new CommandDefinition(sql.ReadVersion, Key(stateName, grainId), cancellationToken: cancellationToken));
            if (stored is not null)
            {
                throw await ConflictAsync(connection, "Clear", stateName, grainId, heldETag, cancellationToken);
            }

            grainState.RecordExists = false;
            return;
        }

        var expected = await ParseETagAsync(connection, "Clear", stateName, grainId, heldETag, cancellationToken);
        var cleared = await connection.ExecuteAsync(new CommandDefinition(
            sql.Clear, new { GrainType = grainId.Type, GrainKey = grainId.Key, StateName = stateName, Version = expected, FenceCluster = fence?.ClusterId, FenceSilo = fence?.SiloId }, cancellationToken: cancellationToken));
        if (cleared == 0)
        {
            throw await ConflictAsync(connection, "Clear", stateName, grainId, heldETag, cancellationToken);
        }

        grainState.ETag = FormatETag(expected + 1);
        grainState.RecordExists = false;
        grainState.State = DefaultState<TState>.CanCreate ? DefaultState<TState>.Create() : default!;
        LogCleared(logger, name, grainId, stateName, grainState.ETag);
    }

    private static object Key(string stateName, GrainId grainId) => new { GrainType = grainId.Type, GrainKey = grainId.Key, StateName = stateName };

    private static string FormatETag(long version) => version.ToString(CultureInfo.InvariantCulture);

    private static string Describe(string? etag) => etag is null ? "none (no record)" : $"'{etag}'";

    private async Task<long> ParseETagAsync(DbConnection connection, string operation, string stateName, GrainId grainId, string heldETag, CancellationToken cancellationToken)
    {
        if (long.TryParse(heldETag, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return version;
        }

        var storedETag = await ReadStoredETagAsync(connection, stateName, grainId, cancellationToken);
        LogConflict(logger, name, operation, grainId, stateName, heldETag, storedETag);
        throw new InconsistentStateException(
            $"{operation} of state '{stateName}' of grain {grainId} refused: ETag '{heldETag}' is not a version this storage issued "
            + $"(expected a decimal number); storage holds {Describe(storedETag)}. Nothing was changed.",
            storedETag,
            heldETag);
    }

    private async Task<InconsistentStateException> ConflictAsync(DbConnection connection, string operation, string stateName, GrainId grainId, string? heldETag, CancellationToken cancellationToken)
    {
        var storedETag = await ReadStoredETagAsync(connection, stateName, grainId, cancellationToken);
        LogConflict(logger, name, operation, grainId, stateName, heldETag, storedETag);
        if (fence is not null && storedETag == heldETag)
        {
            return new InconsistentStateException(
                $"{operation} of state '{stateName}' of grain {grainId} refused: silo {fence.SiloId} is no longer an active member of cluster "
                + $"'{fence.ClusterId}', so its activations may not write. Nothing was changed.",
                storedETag,
                heldETag);
        }

        return new InconsistentStateException(
            $"{operation} of state '{stateName}' of grain {grainId} refused: the grain held ETag {Describe(heldETag)} but storage holds "
            + $"{Describe(storedETag)}; another activation changed it. Nothing was changed.",
            storedETag,
            heldETag);
    }

    private async Task<string?> ReadStoredETagAsync(DbConnection connection, string stateName, GrainId grainId, CancellationToken cancellationToken)
    {
        var stored = await connection.QuerySingleOrDefaultAsync<long?>(
            new CommandDefinition(sql.ReadVersion, Key(stateName, grainId), cancellationToken: cancellationToken));
        return stored is null ? null : FormatETag(stored.Value);
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Trace, Message = "Storage {Storage}: read {GrainId} state {StateName} at ETag {ETag}")]
    private static partial void LogRead(ILogger logger, string storage, GrainId grainId, string stateName, string? eTag);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Debug, Message = "Storage {Storage}: wrote {GrainId} state {StateName}, now ETag {ETag}")]
    private static partial void LogWritten(ILogger logger, string storage, GrainId grainId, string stateName, string eTag);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Debug, Message = "Storage {Storage}: cleared {GrainId} state {StateName}, now ETag {ETag}")]
    private static partial void LogCleared(ILogger logger, string storage, GrainId grainId, string stateName, string eTag);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Warning, Message = "Storage {Storage}: {Operation} of {GrainId} state {StateName} refused: held ETag {HeldETag}, stored ETag {StoredETag}")]
    private static partial void LogConflict(ILogger logger, string storage, string operation, GrainId grainId, string stateName, string? heldETag, string? storedETag);

    /// <summary>One row of <c>grain_state</c> as read.</summary>
    private sealed class StoredState
    {
        public string? Payload { get; set; }

        public long Version { get; set; }
    }
}
