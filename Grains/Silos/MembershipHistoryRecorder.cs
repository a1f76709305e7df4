using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansPlatform.Workflows.Data;
using OrleansPlatform.Workflows.Time;

namespace OrleansPlatform.Grains.Silos;

/// <summary>
/// Writes the membership history of <c>platform_silo_events</c>: this silo's join when it becomes active and its leave
/// when it stops gracefully; and, from Orleans' membership updates, the death of any other silo declared dead that had
/// not left (a killed or frozen one). Every live silo records the deaths it sees; the table keeps one row per silo and
/// kind, so the first one wins.
/// </summary>
internal sealed partial class MembershipHistoryRecorder(
    IClusterDatabase database,
    ILocalSiloDetails silo,
    IClusterMembershipService membership,
    [FromKeyedServices(PlatformClock.Key)] TimeProvider time,
    ILogger<MembershipHistoryRecorder> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private static readonly TimeSpan KeptFor = TimeSpan.FromDays(7);
    private readonly CancellationTokenSource stopping = new();
    private Task? watching;
    private int disposed;

    /// <summary>The kinds of <c>platform_silo_events</c>.</summary>
    public static class Kinds
    {
        /// <summary>The silo became active.</summary>
        public const string Joined = "joined";

        /// <summary>The silo stopped gracefully.</summary>
        public const string Left = "left";

        /// <summary>The silo was declared dead without having left.</summary>
        public const string Died = "died";
    }

    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(nameof(MembershipHistoryRecorder), ServiceLifecycleStage.Active, OnActiveAsync, OnStopAsync);
    }

    // Disposed once per registration (the service and the lifecycle participant are the same instance).
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            stopping.Cancel();
            stopping.Dispose();
        }
    }

    private async Task OnActiveAsync(CancellationToken cancellationToken)
    {
        await RecordQuietlyAsync(silo.SiloAddress, silo.Name, Kinds.Joined, cancellationToken);
        watching = Task.Run(() => WatchAsync(stopping.Token), CancellationToken.None);
    }

    private async Task OnStopAsync(CancellationToken cancellationToken)
    {
        // Active stops first in a graceful shutdown, before Orleans marks this silo ShuttingDown and then Dead: the
        // others find "left" by the time they see it dead.
        await RecordQuietlyAsync(silo.SiloAddress, silo.Name, Kinds.Left, cancellationToken);
        if (Volatile.Read(ref disposed) == 0)
        {
            await stopping.CancelAsync();
        }
        if (watching is not null)
        {
            await watching.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        var recorded = new HashSet<SiloAddress>();
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(cancellationToken))
            {
                foreach (var member in snapshot.Members.Values)
                {
                    if (member.Status == SiloStatus.Dead && !member.SiloAddress.Equals(silo.SiloAddress) && recorded.Add(member.SiloAddress))
                    {
                        await RecordQuietlyAsync(member.SiloAddress, member.Name, Kinds.Died, cancellationToken);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task RecordQuietlyAsync(SiloAddress address, string name, string kind, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        try
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                kind == Kinds.Died
                    ? """
                      INSERT INTO platform_silo_events (silo_id, kind, silo_name, at)
                      SELECT @SiloId, @Kind, @Name, @At
                      WHERE NOT EXISTS (SELECT 1 FROM platform_silo_events WHERE silo_id = @SiloId AND kind = 'left')
                      ON CONFLICT (silo_id, kind) DO NOTHING
                      """
                    : """
                      INSERT INTO platform_silo_events (silo_id, kind, silo_name, at) VALUES (@SiloId, @Kind, @Name, @At)
                      ON CONFLICT (silo_id, kind) DO NOTHING;
                      DELETE FROM platform_silo_events WHERE at < @PruneBefore;
                      """,
                new { SiloId = address.ToParsableString(), Kind = kind, Name = name, At = now, PruneBefore = now - KeptFor },
                cancellationToken: cancellationToken));
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogRecordFailed(logger, kind, address.ToParsableString(), exception);
        }
    }

    [LoggerMessage(EventId = 2120, Level = LogLevel.Warning, Message = "Recording '{Kind}' of silo {SiloId} in the membership history failed")]
    private static partial void LogRecordFailed(ILogger logger, string kind, string siloId, Exception exception);
}
