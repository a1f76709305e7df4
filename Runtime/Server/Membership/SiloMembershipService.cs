using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansPlatform.Runtime.Database;
using OrleansPlatform.Runtime.Hosting;
using OrleansPlatform.Runtime.Transport;

namespace OrleansPlatform.Runtime.Membership;

/// <summary>
/// The local silo's membership. Start: insert the row as Joining, ping every Active silo (an unreachable one is only
/// logged), become Active. Then three loops: heartbeat (every <see cref="MembershipOptions.HeartbeatInterval"/>; renews the
/// lease), monitor (every <see cref="MembershipOptions.RefreshInterval"/> or on a notification: refresh the view, declare
/// silos with stale heartbeats dead, delete defunct rows) and probe (every <see cref="MembershipOptions.ProbeInterval"/>:
/// ping each other Active silo; repeated failures become suspicions, enough suspicions a death). Stop:
/// <see cref="BeginShutdownAsync"/> (ShuttingDown; the runtime drains), then Dead.
/// A silo found dead in the table, or unable to heartbeat for longer than its lease, is fenced: it stops serving for good,
/// raises <see cref="Fenced"/> and stops the host.
/// </summary>
internal sealed class SiloMembershipService : ISiloMembership, IHostedService, IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan StatusChangeTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LoopStopTimeout = TimeSpan.FromSeconds(10);

    private readonly IClusterDatabase database;
    private readonly IConnectionPool connections;
    private readonly ILocalSiloDetails local;
    private readonly ISiloLoadSource? loadSource;
    private readonly IHostApplicationLifetime? lifetime;
    private readonly MembershipOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly MembershipTable table;
    private readonly MembershipViewState state;
    private readonly WakeUpSignal refreshSignal = new();
    private readonly Dictionary<string, int> missedProbes = new(StringComparer.Ordinal);
    private readonly Lock shutdownGate = new();
    private readonly string siloId;
    private CancellationTokenSource? loops;
    private Task heartbeatLoop = Task.CompletedTask;
    private Task monitorLoop = Task.CompletedTask;
    private Task probeLoop = Task.CompletedTask;
    private MembershipNotificationListener? listener;
    private CancellationTokenRegistration stoppingRegistration;
    private Task? shutdown;
    private int status;
    private long lastRenewal;
    private int fenced;
    private long nextCleanup;
    private int disposed;

    public SiloMembershipService(
        IClusterDatabase database,
        IConnectionPool connections,
        ILocalSiloDetails local,
        IOptions<SiloOptions> siloOptions,
        IOptions<MembershipOptions> options,
        TimeProvider time,
        ILoggerFactory loggerFactory,
        ISiloLoadSource? loadSource = null,
        IHostApplicationLifetime? lifetime = null)
    {
        ArgumentNullException.ThrowIfNull(siloOptions);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        this.database = database;
        this.connections = connections;
        this.local = local;
        this.loadSource = loadSource;
        this.lifetime = lifetime;
        this.options = options.Value;
        this.time = time;
        logger = loggerFactory.CreateLogger<SiloMembershipService>();
        table = new MembershipTable(database, siloOptions.Value.ClusterId, logger);
        state = new MembershipViewState(table, this.options, logger);
        siloId = local.Address.Id;
    }

    public event Action<MembershipSnapshot>? Changed
    {
        add => state.Changed += value;
        remove => state.Changed -= value;
    }

    public event Action? Fenced;

    public MembershipSnapshot Current => state.Current;

    public SiloAddress LocalSilo => local.Address;

    public SiloStatus LocalStatus => (SiloStatus)Volatile.Read(ref status);

    public bool IsServing =>
        !IsFenced
        && LocalStatus == SiloStatus.Active
        && Volatile.Read(ref lastRenewal) is var renewed and not 0
        && time.GetElapsedTime(renewed) < options.LeaseDuration;

    /// <summary>The cluster id this silo belongs to.</summary>
    public string ClusterId => table.ClusterId;

    private bool IsFenced => Volatile.Read(ref fenced) != 0;

    private bool IsLive => LocalStatus is SiloStatus.Joining or SiloStatus.Active or SiloStatus.ShuttingDown;

    public Task<MembershipSnapshot> RefreshAsync(CancellationToken cancellationToken = default) => state.RefreshAsync(cancellationToken);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        MembershipLog.Joining(logger, siloId, local.Name, table.ClusterId);
        loops = new CancellationTokenSource();
        var token = loops.Token;
        try
        {
            await table.EnsureVersionRowAsync(cancellationToken).ConfigureAwait(false);
            var attempt = time.GetTimestamp();
            if (!await table.InsertJoiningAsync(local, GetLoad(), cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException($"Silo {siloId} could not insert its membership row in cluster {table.ClusterId}.");
            }

            Renewed(attempt);
            SetStatus(SiloStatus.Joining);
            if (table.IsPostgres && options.UseNotifications)
            {
                listener = new MembershipNotificationListener(database, table.Channel, refreshSignal.Set, time, logger);
                await listener.StartAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
            }

            heartbeatLoop = Task.Run(() => HeartbeatLoopAsync(token), CancellationToken.None);
            var snapshot = await state.RefreshAsync(cancellationToken).ConfigureAwait(false);
            await CheckConnectivityAsync(snapshot, cancellationToken).ConfigureAwait(false);

            attempt = time.GetTimestamp();
            if (!await table.SetStatusAsync(siloId, SiloStatus.Active, cancellationToken).ConfigureAwait(false))
            {
                Fence("declared dead while joining", declaredDead: true);
                throw new InvalidOperationException($"Silo {siloId} was declared dead while joining cluster {table.ClusterId}.");
            }

            Renewed(attempt);
            SetStatus(SiloStatus.Active);
            snapshot = await state.TryRefreshAsync(cancellationToken).ConfigureAwait(false) ?? state.Current;
            MembershipLog.Active(logger, siloId, table.ClusterId, snapshot.Version);
            nextCleanup = time.GetTimestamp();
            monitorLoop = Task.Run(() => MonitorLoopAsync(token), CancellationToken.None);
            probeLoop = Task.Run(() => ProbeLoopAsync(token), CancellationToken.None);
            if (lifetime is not null)
            {
                // Go ShuttingDown as soon as the host starts stopping; the runtime's own call then finds it under way.
                stoppingRegistration = lifetime.ApplicationStopping.Register(() => _ = BeginShutdownAsync());
            }
        }
        catch
        {
            await StopLoopsAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Sets this silo ShuttingDown (a version bump everyone sees) so that no new work is placed here; the runtime drains
    /// after this completes and before the host stops this service, which then sets Dead. Idempotent: every call returns
    /// the same task. Never throws: a failure is logged (the silo then goes straight to Dead at stop).
    /// </summary>
    public Task BeginShutdownAsync()
    {
        lock (shutdownGate)
        {
            return shutdown ??= BeginShutdownCoreAsync();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await BeginShutdownAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Out of time: go on to Dead.
        }

        await StopLoopsAsync().ConfigureAwait(false);
        if (IsLive)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(StatusChangeTimeout);
                if (await table.SetStatusAsync(siloId, SiloStatus.Dead, timeout.Token).ConfigureAwait(false))
                {
                    MembershipLog.Left(logger, siloId);
                }
            }
            catch (Exception exception)
            {
                MembershipLog.StatusChangeFailed(logger, exception, siloId, SiloStatus.Dead);
            }

            SetStatus(SiloStatus.Dead);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The container may dispose this instance once per registration that exposes it.
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await StopLoopsAsync().ConfigureAwait(false);
        state.Dispose();
    }

    public void Dispose()
    {
        // Synchronous disposal (e.g. IHost.Dispose): stop the loops without waiting for them and write nothing.
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        stoppingRegistration.Dispose();
        try
        {
            loops?.Cancel();
        }
        catch (AggregateException)
        {
        }

        if (listener is { } current)
        {
            _ = current.DisposeAsync().AsTask();
        }
    }

    private async Task BeginShutdownCoreAsync()
    {
        await Task.Yield();
        if (IsFenced || LocalStatus is not (SiloStatus.Joining or SiloStatus.Active))
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(StatusChangeTimeout, time);
            var attempt = time.GetTimestamp();
            if (await table.SetStatusAsync(siloId, SiloStatus.ShuttingDown, timeout.Token).ConfigureAwait(false))
            {
                Renewed(attempt);
                SetStatus(SiloStatus.ShuttingDown);
                MembershipLog.ShuttingDown(logger, siloId);
                refreshSignal.Set();
            }
            else
            {
                Fence("declared dead before shutting down", declaredDead: true);
            }
        }
        catch (Exception exception)
        {
            MembershipLog.StatusChangeFailed(logger, exception, siloId, SiloStatus.ShuttingDown);
        }
    }

    private async Task StopLoopsAsync()
    {
        stoppingRegistration.Dispose();
        if (loops is { } cancel)
        {
            try
            {
                await cancel.CancelAsync().ConfigureAwait(false);
            }
            catch (AggregateException)
            {
            }
        }

        try
        {
            await Task.WhenAll(heartbeatLoop, monitorLoop, probeLoop).WaitAsync(LoopStopTimeout).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or TimeoutException)
        {
        }

        if (Interlocked.Exchange(ref listener, null) is { } current)
        {
            await current.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task CheckConnectivityAsync(MembershipSnapshot snapshot, CancellationToken cancellationToken)
    {
        var peers = snapshot.ActiveSilos.Where(silo => !IsSelf(silo)).ToList();
        await Task.WhenAll(peers.Select(async peer =>
        {
            var failure = await PingAsync(peer, cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                MembershipLog.PeerUnreachableAtJoin(logger, failure, peer.Address.Id);
            }
        })).ConfigureAwait(false);
    }

    private async Task HeartbeatLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && !IsFenced)
        {
            var attempt = time.GetTimestamp();
            try
            {
                using var timeout = new CancellationTokenSource(options.LeaseDuration, time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
                if (!await table.HeartbeatAsync(siloId, GetLoad(), linked.Token).ConfigureAwait(false))
                {
                    Fence("declared dead: the heartbeat found the membership row no longer live", declaredDead: true);
                    return;
                }

                Renewed(attempt);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                var elapsed = time.GetElapsedTime(Volatile.Read(ref lastRenewal));
                MembershipLog.HeartbeatFailed(logger, exception, siloId, elapsed, options.LeaseDuration);
                if (elapsed >= options.LeaseDuration)
                {
                    Fence($"lease expired: no successful heartbeat for {elapsed} (lease {options.LeaseDuration})", declaredDead: false);
                    return;
                }
            }

            var wait = options.HeartbeatInterval - time.GetElapsedTime(attempt);
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task MonitorLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await refreshSignal.WaitAsync(options.RefreshInterval, time, cancellationToken).ConfigureAwait(false);
                await MonitorOnceAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                MembershipLog.LoopFailed(logger, exception, "monitor");
            }
        }
    }

    private async Task MonitorOnceAsync(CancellationToken cancellationToken)
    {
        var snapshot = await state.TryRefreshAsync(cancellationToken).ConfigureAwait(false);
        if (snapshot is null || IsFenced)
        {
            return;
        }

        if (IsLive && snapshot.Find(siloId) is not { Status: not SiloStatus.Dead })
        {
            Fence("declared dead: the membership table shows this silo Dead or absent", declaredDead: true);
            return;
        }

        var deathTimeoutMs = (long)options.DeathTimeout.TotalMilliseconds;
        var declared = false;
        foreach (var silo in snapshot.Silos)
        {
            var age = snapshot.ReadAtMs - silo.HeartbeatAtMs;
            if (IsSelf(silo) || silo.Status is not (SiloStatus.Joining or SiloStatus.Active or SiloStatus.ShuttingDown) || age <= deathTimeoutMs)
            {
                continue;
            }

            try
            {
                if (await table.DeclareDeadAsync(silo.Address.Id, options.DeathTimeout, cancellationToken).ConfigureAwait(false))
                {
                    declared = true;
                    MembershipLog.DeclaredDead(logger, silo.Address.Id, $"no heartbeat for {age} ms by the database clock (death timeout {deathTimeoutMs} ms)");
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                MembershipLog.ChangeFailed(logger, exception, $"declare silo {silo.Address.Id} dead");
            }
        }

        if (declared)
        {
            await state.TryRefreshAsync(cancellationToken).ConfigureAwait(false);
        }

        if (time.GetTimestamp() >= Volatile.Read(ref nextCleanup))
        {
            var period = TimeSpan.FromTicks(Math.Clamp((options.DefunctRowRetention / 2).Ticks, options.RefreshInterval.Ticks, TimeSpan.FromMinutes(1).Ticks));
            Volatile.Write(ref nextCleanup, time.GetTimestamp() + (long)(period.TotalSeconds * time.TimestampFrequency));
            try
            {
                var deleted = await table.DeleteDefunctAsync(options.DefunctRowRetention, cancellationToken).ConfigureAwait(false);
                if (deleted > 0)
                {
                    MembershipLog.DefunctRowsDeleted(logger, deleted, table.ClusterId);
                    await state.TryRefreshAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                MembershipLog.CleanupFailed(logger, exception);
            }
        }
    }

    private async Task ProbeLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && !IsFenced)
        {
            try
            {
                await Task.Delay(options.ProbeInterval, time, cancellationToken).ConfigureAwait(false);
                if (LocalStatus == SiloStatus.Active && !IsFenced)
                {
                    await ProbeOnceAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                MembershipLog.LoopFailed(logger, exception, "probe");
            }
        }
    }

    private async Task ProbeOnceAsync(CancellationToken cancellationToken)
    {
        var snapshot = state.Current;
        var targets = snapshot.ActiveSilos.Where(silo => !IsSelf(silo)).ToList();
        foreach (var gone in missedProbes.Keys.Where(id => !targets.Exists(t => t.Address.Id == id)).ToList())
        {
            missedProbes.Remove(gone);
        }

        var failures = await Task.WhenAll(targets.Select(target => PingAsync(target, cancellationToken))).ConfigureAwait(false);
        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[i];
            if (failures[i] is not { } failure)
            {
                missedProbes.Remove(target.Address.Id);
                continue;
            }

            var missed = missedProbes.GetValueOrDefault(target.Address.Id) + 1;
            missedProbes[target.Address.Id] = missed;
            MembershipLog.ProbeFailed(logger, target.Address.Id, missed, failure.Message);
            if (missed >= options.MissedProbesForSuspicion)
            {
                await SuspectAsync(target, snapshot, missed, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task SuspectAsync(SiloEntry target, MembershipSnapshot snapshot, int missed, CancellationToken cancellationToken)
    {
        var targetId = target.Address.Id;
        try
        {
            // Voters: the active silos other than the target (this one included); the votes needed are capped at their number.
            var voters = snapshot.ActiveSilos.Select(silo => silo.Address.Id).Where(id => id != targetId).ToHashSet(StringComparer.Ordinal);
            voters.Add(siloId);
            var needed = Math.Min(options.VotesForDeath, voters.Count);
            var fresh = await table.AddSuspicionAsync(targetId, siloId, options.DeathTimeout * 2, cancellationToken).ConfigureAwait(false);
            if (fresh is null)
            {
                return;
            }

            var votes = fresh.Select(s => s.By).Distinct(StringComparer.Ordinal).Count(voters.Contains);
            MembershipLog.Suspected(logger, targetId, missed, votes, needed);
            if (votes >= needed && await table.DeclareDeadAsync(targetId, staleFor: null, cancellationToken).ConfigureAwait(false))
            {
                MembershipLog.DeclaredDead(logger, targetId, $"{votes} silo(s) could not reach it ({missed} probes missed here)");
                missedProbes.Remove(targetId);
                refreshSignal.Set();
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            MembershipLog.SuspicionFailed(logger, exception, targetId);
        }
    }

    /// <summary>Pings <paramref name="silo"/> within the probe timeout; returns the failure, or null when it answered.</summary>
    private async Task<Exception?> PingAsync(SiloEntry silo, CancellationToken cancellationToken)
    {
        try
        {
            await connections.GetConnection(EndPointOf(silo.Address)).PingAsync(options.ProbeTimeout, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return exception;
        }
    }

    private static EndPoint EndPointOf(SiloAddress address) =>
        IPAddress.TryParse(address.Host, out var ip) ? new IPEndPoint(ip, address.Port) : new DnsEndPoint(address.Host, address.Port);

    private bool IsSelf(SiloEntry silo) => string.Equals(silo.Address.Id, siloId, StringComparison.Ordinal);

    private SiloLoad GetLoad()
    {
        if (loadSource is null)
        {
            return SiloLoad.Empty;
        }

        try
        {
            return loadSource.GetLoad() ?? SiloLoad.Empty;
        }
        catch (Exception exception)
        {
            MembershipLog.LoadSourceFailed(logger, exception);
            return SiloLoad.Empty;
        }
    }

    private void SetStatus(SiloStatus value) => Volatile.Write(ref status, (int)value);

    /// <summary>Records a successful write that started at <paramref name="attemptStarted"/> (monotonic); keeps the latest.</summary>
    private void Renewed(long attemptStarted)
    {
        var seen = Volatile.Read(ref lastRenewal);
        while (attemptStarted > seen)
        {
            var previous = Interlocked.CompareExchange(ref lastRenewal, attemptStarted, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }

    private void Fence(string reason, bool declaredDead)
    {
        if (Interlocked.Exchange(ref fenced, 1) != 0)
        {
            return;
        }

        if (declaredDead)
        {
            SetStatus(SiloStatus.Dead);
        }

        MembershipLog.Fenced(logger, siloId, reason);
        if (Fenced is { } handlers)
        {
            foreach (var handler in handlers.GetInvocationList().Cast<Action>())
            {
                try
                {
                    handler();
                }
                catch (Exception exception)
                {
                    MembershipLog.FencedHandlerFailed(logger, exception);
                }
            }
        }

        refreshSignal.Set();
        lifetime?.StopApplication();
    }
}
