using OrleansPlatform.Runtime.Database;

namespace OrleansPlatform.Runtime.Storage;

/// <summary>The statements of <see cref="AdoNetGrainStorage"/> in one SQL dialect. All are parameterised.</summary>
internal sealed class GrainStateSql
{
    private const string KeyMatch = "grain_type = @GrainType AND grain_key = @GrainKey AND state_name = @StateName";

    // A write lands only while the writing silo's membership row is Active (2) or ShuttingDown (3).
    private const string Fence = " AND EXISTS (SELECT 1 FROM membership WHERE cluster_id = @FenceCluster AND silo_id = @FenceSilo AND status IN (2, 3))";

    private static readonly GrainStateSql Postgres = new("CAST(@Payload AS jsonb)", "now()", "payload::text", fenced: false);

    private static readonly GrainStateSql Sqlite = new("@Payload", "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')", "payload", fenced: false);

    private static readonly GrainStateSql FencedPostgres = new("CAST(@Payload AS jsonb)", "now()", "payload::text", fenced: true);

    private static readonly GrainStateSql FencedSqlite = new("@Payload", "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')", "payload", fenced: true);

    private GrainStateSql(string payloadParameter, string now, string payloadColumn, bool fenced)
    {
        var fence = fenced ? Fence : string.Empty;
        Read = $"SELECT {payloadColumn} AS Payload, version AS Version FROM grain_state WHERE {KeyMatch}";
        ReadVersion = $"SELECT version FROM grain_state WHERE {KeyMatch}";
        Insert = "INSERT INTO grain_state (grain_type, grain_key, state_name, payload, version, updated_at) "
            + $"SELECT @GrainType, @GrainKey, @StateName, {payloadParameter}, 1, {now} WHERE 1 = 1{fence} "
            + "ON CONFLICT (grain_type, grain_key, state_name) DO NOTHING";
        Update = $"UPDATE grain_state SET payload = {payloadParameter}, version = version + 1, updated_at = {now} WHERE {KeyMatch} AND version = @Version{fence}";
        Clear = $"UPDATE grain_state SET payload = NULL, version = version + 1, updated_at = {now} WHERE {KeyMatch} AND version = @Version{fence}";
    }

    /// <summary>Payload (JSON text or NULL for a tombstone) and version of one state; no row when never written.</summary>
    public string Read { get; }

    /// <summary>The stored version only, for conflict messages and ETag-less clears.</summary>
    public string ReadVersion { get; }

    /// <summary>Insert-if-absent at version 1; affects no row when any row (even a tombstone) exists.</summary>
    public string Insert { get; }

    /// <summary>Replaces the payload when the version matches, and increments it.</summary>
    public string Update { get; }

    /// <summary>Leaves a tombstone (NULL payload) when the version matches, and increments it.</summary>
    public string Clear { get; }

    public static GrainStateSql For(DatabaseProvider provider, bool fenced = false) => provider switch
    {
        DatabaseProvider.Postgres => fenced ? FencedPostgres : Postgres,
        DatabaseProvider.Sqlite => fenced ? FencedSqlite : Sqlite,
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
    };
}
