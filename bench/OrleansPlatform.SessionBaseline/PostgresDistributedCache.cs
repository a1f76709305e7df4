using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace OrleansPlatform.SessionBaseline;

/// <summary>Options of <see cref="PostgresDistributedCache"/>.</summary>
public sealed class PostgresDistributedCacheOptions
{
    /// <summary>Expiry of entries set without any expiration (as the SQL Server cache does).</summary>
    public TimeSpan DefaultSlidingExpiration { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>How often, at most, an operation also deletes the expired rows (in the background).</summary>
    public TimeSpan ExpiredItemsDeletionInterval { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// An <see cref="IDistributedCache"/> in one PostgreSQL table (<see cref="Table"/>): key, value (bytea), expiry. Times are
/// the database's <c>now()</c>, so several servers share one clock. Sliding expiration: every read (<c>Get</c>) and
/// <c>Refresh</c> moves <c>expires_at</c> to <c>now() + sliding</c>, capped by the absolute expiration, in the same
/// statement that reads the row (one round trip). Expired rows are invisible at once and deleted in the background
/// at most every <see cref="PostgresDistributedCacheOptions.ExpiredItemsDeletionInterval"/>.
/// </summary>
public sealed partial class PostgresDistributedCache(
    NpgsqlDataSource dataSource,
    IOptions<PostgresDistributedCacheOptions> options,
    TimeProvider time,
    ILogger<PostgresDistributedCache> logger) : IDistributedCache
{
    /// <summary>The cache table.</summary>
    public const string Table = "aspnet_distributed_cache";

    /// <summary>Creates the table when missing.</summary>
    public const string Schema = $"""
        CREATE TABLE IF NOT EXISTS {Table} (
            id                  text        NOT NULL PRIMARY KEY,
            value               bytea       NOT NULL,
            expires_at          timestamptz NOT NULL,
            sliding             interval    NULL,
            absolute_expiration timestamptz NULL
        );
        CREATE INDEX IF NOT EXISTS {Table}_expires_at ON {Table} (expires_at);
        """;

    // Reads and slides in one statement. Rows without sliding expiration keep their expiry (no row version written).
    private const string GetSql = $"""
        WITH hit AS (SELECT id, value, sliding, absolute_expiration FROM {Table} WHERE id = @id AND expires_at > now()),
             slid AS (UPDATE {Table} c SET expires_at = LEAST(now() + hit.sliding, hit.absolute_expiration)
                      FROM hit WHERE c.id = hit.id AND hit.sliding IS NOT NULL)
        SELECT value FROM hit
        """;

    private const string RefreshSql = $"""
        UPDATE {Table} SET expires_at = LEAST(now() + sliding, absolute_expiration)
        WHERE id = @id AND expires_at > now() AND sliding IS NOT NULL
        """;

    // LEAST ignores NULLs: the expiry is the earliest of now()+sliding and the absolute expiration, whichever are given.
    private const string SetSql = $"""
        INSERT INTO {Table} (id, value, expires_at, sliding, absolute_expiration)
        VALUES (@id, @value, LEAST(now() + @sliding, @absolute, now() + @relative), @sliding, LEAST(@absolute, now() + @relative))
        ON CONFLICT (id) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at,
            sliding = excluded.sliding, absolute_expiration = excluded.absolute_expiration
        """;

    private const string RemoveSql = $"DELETE FROM {Table} WHERE id = @id";

    private const string DeleteExpiredSql = $"DELETE FROM {Table} WHERE expires_at <= now()";

    private readonly PostgresDistributedCacheOptions _options = options.Value;
    private long _nextDeletion = time.GetTimestamp();
    private int _deleting;

    /// <inheritdoc/>
    public byte[]? Get(string key)
    {
        using var command = Command(GetSql, key);
        MaybeDeleteExpired();
        return command.ExecuteScalar() as byte[];
    }

    /// <inheritdoc/>
    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        await using var command = Command(GetSql, key);
        MaybeDeleteExpired();
        return await command.ExecuteScalarAsync(token) as byte[];
    }

    /// <inheritdoc/>
    public void Refresh(string key)
    {
        using var command = Command(RefreshSql, key);
        command.ExecuteNonQuery();
    }

    /// <inheritdoc/>
    public async Task RefreshAsync(string key, CancellationToken token = default)
    {
        await using var command = Command(RefreshSql, key);
        await command.ExecuteNonQueryAsync(token);
    }

    /// <inheritdoc/>
    public void Remove(string key)
    {
        using var command = Command(RemoveSql, key);
        command.ExecuteNonQuery();
    }

    /// <inheritdoc/>
    public async Task RemoveAsync(string key, CancellationToken token = default)
    {
        await using var command = Command(RemoveSql, key);
        await command.ExecuteNonQueryAsync(token);
    }

    /// <inheritdoc/>
    public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
    {
        using var command = SetCommand(key, value, options);
        MaybeDeleteExpired();
        command.ExecuteNonQuery();
    }

    /// <inheritdoc/>
    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        await using var command = SetCommand(key, value, options);
        MaybeDeleteExpired();
        await command.ExecuteNonQueryAsync(token);
    }

    private NpgsqlCommand Command(string sql, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string>("id", NpgsqlDbType.Text) { TypedValue = key });
        return command;
    }

    private NpgsqlCommand SetCommand(string key, byte[] value, DistributedCacheEntryOptions entry)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.AbsoluteExpiration is { } absolute && absolute <= time.GetUtcNow())
        {
            throw new ArgumentOutOfRangeException(nameof(entry), absolute, "The absolute expiration must be in the future.");
        }

        var sliding = entry.SlidingExpiration;
        if (sliding is null && entry.AbsoluteExpiration is null && entry.AbsoluteExpirationRelativeToNow is null)
        {
            sliding = _options.DefaultSlidingExpiration;
        }

        var command = Command(SetSql, key);
        command.Parameters.Add(new NpgsqlParameter<byte[]>("value", NpgsqlDbType.Bytea) { TypedValue = value });
        command.Parameters.Add(new NpgsqlParameter("sliding", NpgsqlDbType.Interval) { Value = (object?)sliding ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("absolute", NpgsqlDbType.TimestampTz) { Value = (object?)entry.AbsoluteExpiration?.UtcDateTime ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("relative", NpgsqlDbType.Interval) { Value = (object?)entry.AbsoluteExpirationRelativeToNow ?? DBNull.Value });
        return command;
    }

    /// <summary>Starts a background delete of expired rows when the interval has passed (one at a time).</summary>
    private void MaybeDeleteExpired()
    {
        var now = time.GetTimestamp();
        if (now < Interlocked.Read(ref _nextDeletion) || Interlocked.Exchange(ref _deleting, 1) == 1)
        {
            return;
        }

        Interlocked.Exchange(ref _nextDeletion, now + (long)(_options.ExpiredItemsDeletionInterval.TotalSeconds * time.TimestampFrequency));
        _ = Task.Run(async () =>
        {
            try
            {
                await using var command = dataSource.CreateCommand(DeleteExpiredSql);
                var deleted = await command.ExecuteNonQueryAsync();
                LogDeletedExpired(logger, deleted);
            }
            catch (NpgsqlException exception)
            {
                LogDeleteExpiredFailed(logger, exception);
            }
            finally
            {
                Volatile.Write(ref _deleting, 0);
            }
        });
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Deleted {Count} expired cache rows.")]
    private static partial void LogDeletedExpired(ILogger logger, int count);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Deleting expired cache rows failed.")]
    private static partial void LogDeleteExpiredFailed(ILogger logger, Exception exception);
}
