using System.Collections.Concurrent;
using Dapper;
using OrleansPlatform.Workflows.Data;

namespace OrleansPlatform.Grains.Sessions;

/// <summary>See <see cref="ISessionStatistics"/>: in-memory counts of this silo plus atomic upserts into <c>session_events</c>.</summary>
internal sealed class SessionStatisticsService(IClusterDatabase database, ILocalSiloDetails silo) : ISessionStatistics
{
    private readonly ConcurrentDictionary<string, long> local = new(StringComparer.Ordinal);

    public async Task IncrementAsync(string kind, CancellationToken cancellationToken = default)
    {
        local.AddOrUpdate(kind, 1, (_, count) => count + 1);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO session_events (kind, count) VALUES (@Kind, 1) ON CONFLICT (kind) DO UPDATE SET count = session_events.count + 1",
            new { Kind = kind }, cancellationToken: cancellationToken));
    }

    public async Task<SessionStatistics> ReadAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Kind, long Count)>(new CommandDefinition(
            "SELECT kind, count FROM session_events ORDER BY kind", cancellationToken: cancellationToken));
        return new SessionStatistics(
            silo.SiloAddress.ToParsableString(),
            rows.ToDictionary(r => r.Kind, r => r.Count, StringComparer.Ordinal),
            local.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal));
    }
}
