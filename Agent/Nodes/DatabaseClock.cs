using OrleansPlatform.Workflows.Data;

namespace OrleansPlatform.Agent.Nodes;

/// <summary>The database clock in Unix milliseconds, per dialect: heartbeats and liveness are judged by one clock, whatever the machines' own say.</summary>
internal static class DatabaseClock
{
    public static string NowMs(DatabaseProvider provider) => provider == DatabaseProvider.Postgres
        ? "(extract(epoch from clock_timestamp()) * 1000)::bigint"
        : "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";
}
