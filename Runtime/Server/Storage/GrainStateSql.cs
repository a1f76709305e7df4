using OrleansPlatform.Runtime.Database;

namespace OrleansPlatform.Runtime.Storage;

/// <summary>The statements of <see cref="AdoNetGrainStorage"/> in one SQL dialect. All are parameterised.</summary>
internal sealed class GrainStateSql
{
    private const string KeyMatch = "grain_type = @GrainType AND grain_key = @GrainKey AND state_name = @StateName";

    private static readonly GrainStateSql Postgres = new("CAST(@Payload AS jsonb)", "now()", "payload::text");

    private static readonly GrainStateSql Sqlite = new("@Payload", "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')", "payload");

    private GrainStateSql(string payloadParameter, string now, string payloadColumn)
    {
        Read = $"SELECT {payloadColumn} AS Payload, version AS Version FROM grain_state WHERE {KeyMatch}";
        ReadVersion = $"SELECT version FROM grain_state WHERE {KeyMatch}";
        Insert = "INSERT INTO grain_state (grain_type, grain_key, state_name, payload, version, updated_at) "
            + $"VALUES (@GrainType, @GrainKey, @StateName, {payloadParameter}, 1, {now}) "
            + "ON CONFLICT (grain_type, grain_key, state_name) DO NOTHING";
        Update = $"UPDATE grain_state SET payload = {payloadParameter}, version = version + 1, updated_at = {now} WHERE {KeyMatch} AND version = @Version";
        Clear = $"UPDATE grain_state SET payload = NULL, version = version + 1, updated_at = {now} WHERE {KeyMatch} AND version = @Version";
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

    public static GrainStateSql For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Postgres => Postgres,
        DatabaseProvider.Sqlite => Sqlite,
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
    };
}
