using System.Collections.Concurrent;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansPlatform.Workflows.Data;
using OrleansPlatform.Workflows.Time;

namespace OrleansPlatform.Grains.Sessions;

/// <summary>
/// See <see cref="ISessionStatistics"/>. Events queue in memory and are written once a second by one transaction: an
/// upsert per kind seen (atomic increments of the shared counters) and one multi-row insert into the log. So no
/// interaction waits for the statistics, and many sessions starting at once cost one write, not one each. Events not yet
/// written when the silo dies are lost (they are statistics, not session state).
/// </summary>
internal sealed partial class SessionStatisticsService(
    IClusterDatabase database,
    ILocalSiloDetails silo,
    [FromKeyedServices(PlatformClock.Key)] TimeProvider time,
    ILogger<SessionStatisticsService> logger) : ISessionStatistics, ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private const int KeptLogRows = 10_000;
    private static readonly TimeSpan FlushPeriod = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, long> local = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Event> pending = new();
    private readonly SemaphoreSlim flushing = new(1, 1);
    private ITimer? timer;
    private long flushes;

    public void Record(string kind, string sessionId, string applicationId)
    {
        local.AddOrUpdate(kind, 1, (_, count) => count + 1);
        pending.Enqueue(new Event(time.GetUtcNow(), kind, sessionId, applicationId));
    }

    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(
            nameof(SessionStatisticsService),
            ServiceLifecycleStage.ApplicationServices,
            _ =>
            {
                timer = time.CreateTimer(_ => _ = FlushQuietlyAsync(), null, FlushPeriod, FlushPeriod);
                return Task.CompletedTask;
            },
            async ct =>
            {
                timer?.Dispose();
                await FlushQuietlyAsync();
            });
    }

    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await flushing.WaitAsync(cancellationToken);
        try
        {
            var batch = new List<Event>();
            while (batch.Count < 1000 && pending.TryDequeue(out var next))
            {
                batch.Add(next);
            }

            if (batch.Count == 0)
            {
                return;
            }

            try
            {
                await WriteAsync(batch, cancellationToken);
            }
            catch
            {
                // Kept for the next flush, in their order.
                foreach (var e in batch)
                {
                    pending.Enqueue(e);
                }

                throw;
            }
        }
        finally
        {
            flushing.Release();
        }
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

    public void Dispose()
    {
        timer?.Dispose();
        flushing.Dispose();
    }

    private async Task WriteAsync(List<Event> batch, CancellationToken cancellationToken)
    {
        var siloId = silo.SiloAddress.ToParsableString();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var (kind, count) in batch.GroupBy(e => e.Kind).Select(g => (g.Key, g.LongCount())))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO session_events (kind, count) VALUES (@Kind, @Count) ON CONFLICT (kind) DO UPDATE SET count = session_events.count + excluded.count",
                new { Kind = kind, Count = count }, transaction, cancellationToken: cancellationToken));
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO session_event_log (at, kind, session_id, app, silo) VALUES (@At, @Kind, @SessionId, @App, @Silo)",
            batch.Select(e => new { e.At, e.Kind, e.SessionId, App = e.ApplicationId, Silo = siloId }), transaction, cancellationToken: cancellationToken));
        if (Interlocked.Increment(ref flushes) % 60 == 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM session_event_log WHERE id <= (SELECT max(id) FROM session_event_log) - @Kept", new { Kept = KeptLogRows }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task FlushQuietlyAsync()
    {
        try
        {
            await FlushAsync();
        }
        catch (Exception exception)
        {
            LogFlushFailed(logger, exception, pending.Count);
        }
    }

    [LoggerMessage(EventId = 6103, Level = LogLevel.Warning, Message = "Writing session events failed; {Pending} are kept for the next attempt")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception, int pending);

    private sealed record Event(DateTimeOffset At, string Kind, string SessionId, string ApplicationId);
}
