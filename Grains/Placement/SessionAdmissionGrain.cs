using Microsoft.Extensions.DependencyInjection;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Serialization.TypeSystem;
using OrleansPlatform.Grains.Sessions;

using OrleansPlatform.Workflows.Time;

namespace OrleansPlatform.Grains.Placement;

/// <summary>
/// See <see cref="ISessionAdmissionGrain"/>. Reentrant, so sessions waiting for a slot do not hold up other calls;
/// all state changes happen between awaits, on the grain's single scheduler. A silo's load is its live sessions plus
/// the slots reserved for sessions placed there that have not activated yet. Capacity and weight come from each
/// silo's metadata; a silo whose metadata has not arrived yet is not offered.
/// </summary>
[Reentrant]
[PreferLocalPlacement]
[GrainType("op-session-admission")]
internal sealed class SessionAdmissionGrain(
    IClusterMembershipService membership,
    ISiloMetadataCache metadata,
    IOptionsMonitor<SessionPlacementOptions> options,
    [FromKeyedServices(PlatformClock.Key)] TimeProvider time,
    ILogger<SessionAdmissionGrain> logger) : Grain, ISessionAdmissionGrain
{
    /// <summary>The grain classes admitted through here (their activations are counted when the admission rebuilds).</summary>
    internal static readonly string[] PlacedGrainClasses = [RuntimeTypeNameFormatter.Format(typeof(SessionGrain))];

    private static readonly TimeSpan SweepPeriod = TimeSpan.FromMilliseconds(500);

    private readonly Dictionary<SiloAddress, HashSet<GrainId>> live = [];
    private readonly Dictionary<GrainId, Reservation> reserved = [];
    private readonly LinkedList<Waiter> waiting = new();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Counts are memory only: a new activation (first start, or after its silo died) finds the live sessions.
        var found = await GrainFactory.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics(PlacedGrainClasses, null, cancellationToken);
        foreach (var activation in found)
        {
            LiveOn(activation.SiloAddress).Add(activation.GrainId);
        }

        PlacementLog.Rebuilt(logger, found.Length, live.Count);
        this.RegisterGrainTimer(SweepAsync, new GrainTimerCreationOptions(SweepPeriod, SweepPeriod) { Interleave = true, KeepAlive = true });
    }

    public async Task<SiloAddress> Admit(GrainId session, SiloAddress[] candidates, SiloAddress? arrivedAt)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (reserved.TryGetValue(session, out var existing) && candidates.Contains(existing.Silo))
        {
            return existing.Silo;
        }

        if (waiting.FirstOrDefault(w => w.Session.Equals(session)) is { } alreadyWaiting)
        {
            // A repeated attempt (the caller timed out and asked again): the same place in line.
            return await alreadyWaiting.Admitted.Task;
        }

        Prune();
        if (waiting.Count == 0 && Pick(candidates, arrivedAt) is { } silo)
        {
            Reserve(session, silo);
            return silo;
        }

        var settings = options.CurrentValue;
        if (waiting.Count >= settings.MaxWaiting || settings.WaitTimeout == TimeSpan.Zero)
        {
            var reason = settings.WaitTimeout == TimeSpan.Zero ? "every silo is at capacity" : $"every silo is at capacity and {waiting.Count} sessions are already waiting";
            PlacementLog.Refused(logger, session, reason);
            throw Busy($"The cluster is at capacity: {reason}.");
        }

        var waiter = new Waiter(session, candidates, arrivedAt);
        var node = waiting.AddLast(waiter);
        PlacementLog.Waiting(logger, session, waiting.Count);
        using var cancel = new CancellationTokenSource();
        var winner = await Task.WhenAny(waiter.Admitted.Task, Task.Delay(settings.WaitTimeout, time, cancel.Token));
        if (winner == waiter.Admitted.Task)
        {
            await cancel.CancelAsync();
            return await waiter.Admitted.Task;
        }

        waiting.Remove(node);
        PlacementLog.Refused(logger, session, $"no slot freed within {settings.WaitTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        var busy = Busy($"Every server is at capacity and none freed a slot within {settings.WaitTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.");
        waiter.Admitted.TrySetException(busy);
        throw busy;
    }

    public Task Activated(GrainId session, SiloAddress silo)
    {
        reserved.Remove(session);
        foreach (var (other, sessions) in live)
        {
            if (!other.Equals(silo))
            {
                sessions.Remove(session);
            }
        }

        LiveOn(silo).Add(session);
        return Task.CompletedTask;
    }

    public Task Deactivated(GrainId session, SiloAddress silo)
    {
        if (live.TryGetValue(silo, out var sessions))
        {
            sessions.Remove(session);
        }

        if (reserved.TryGetValue(session, out var reservation) && reservation.Silo.Equals(silo))
        {
            reserved.Remove(session);
        }

        AdmitWaiters();
        return Task.CompletedTask;
    }

    public Task<AdmissionSnapshot> Snapshot()
    {
        Prune();
        var silos = membership.CurrentSnapshot.Members.Values
            .Where(member => member.Status == SiloStatus.Active)
            .Select(member => member.SiloAddress)
            .Union(live.Keys)
            .OrderBy(silo => silo.ToParsableString(), StringComparer.Ordinal)
            .Select(silo =>
            {
                var limits = CapacityOf(silo);
                var (capacity, weight) = limits ?? (0, 1);
                var offered = limits is not null && membership.CurrentSnapshot.GetSiloStatus(silo) == SiloStatus.Active;
                return new SiloLoad(silo, live.TryGetValue(silo, out var sessions) ? sessions.Count : 0, ReservedOn(silo), capacity, weight, offered);
            })
            .ToList();
        return Task.FromResult(new AdmissionSnapshot(silos, waiting.Count));
    }

    private Task SweepAsync(CancellationToken cancellationToken)
    {
        var expiredBefore = time.GetUtcNow() - options.CurrentValue.ReservationTimeout;
        foreach (var (session, reservation) in reserved.Where(r => r.Value.At < expiredBefore).ToList())
        {
            reserved.Remove(session);
            PlacementLog.ReservationExpired(logger, session, reservation.Silo);
        }

        Prune();
        AdmitWaiters();
        return Task.CompletedTask;
    }

    // First in, first out: the head of the line is admitted before anyone behind it.
    private void AdmitWaiters()
    {
        while (waiting.First is { } head)
        {
            if (Pick(head.Value.Candidates, head.Value.ArrivedAt) is not { } silo)
            {
                return;
            }

            waiting.RemoveFirst();
            Reserve(head.Value.Session, silo);
            head.Value.Admitted.TrySetResult(silo);
        }
    }

    // The least loaded by (load + 1) / weight among candidates that are active, have told their capacity, and have room;
    // the silo the session arrived at instead when its score is within the affinity tolerance of that.
    private SiloAddress? Pick(SiloAddress[] candidates, SiloAddress? arrivedAt)
    {
        var snapshot = membership.CurrentSnapshot;
        SiloAddress? best = null;
        var bestScore = double.MaxValue;
        double? arrivedScore = null;
        foreach (var silo in candidates.OrderBy(s => s.ToParsableString(), StringComparer.Ordinal))
        {
            if (Score(silo, snapshot) is not { } score)
            {
                continue;
            }

            if (silo.Equals(arrivedAt))
            {
                arrivedScore = score;
            }

            if (score < bestScore)
            {
                (best, bestScore) = (silo, score);
            }
        }

        return arrivedScore is { } local && local <= bestScore * (1 + options.CurrentValue.AffinityTolerance) ? arrivedAt : best;
    }

    // (load + 1) / weight, or null when the silo cannot take a session now.
    private double? Score(SiloAddress silo, ClusterMembershipSnapshot snapshot)
    {
        if (snapshot.GetSiloStatus(silo) != SiloStatus.Active || CapacityOf(silo) is not { } limits)
        {
            return null;
        }

        var (capacity, weight) = limits;
        var load = (live.TryGetValue(silo, out var sessions) ? sessions.Count : 0) + ReservedOn(silo);
        return capacity > 0 && load >= capacity ? null : (load + 1) / weight;
    }

    private (int Capacity, double Weight)? CapacityOf(SiloAddress silo)
    {
        var values = metadata.GetSiloMetadata(silo).Metadata;
        if (!values.TryGetValue(PlacementMetadataKeys.Capacity, out var capacityText)
            || !int.TryParse(capacityText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var capacity))
        {
            return null;
        }

        var weight = values.TryGetValue(PlacementMetadataKeys.Weight, out var weightText)
            && double.TryParse(weightText, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && parsed > 0 ? parsed : 1;
        return (capacity, weight);
    }

    private int ReservedOn(SiloAddress silo) => reserved.Values.Count(r => r.Silo.Equals(silo));

    private void Reserve(GrainId session, SiloAddress silo) => reserved[session] = new Reservation(silo, time.GetUtcNow());

    private HashSet<GrainId> LiveOn(SiloAddress silo)
    {
        if (!live.TryGetValue(silo, out var sessions))
        {
            live[silo] = sessions = [];
        }

        return sessions;
    }

    // Silos that died (or left) took their sessions with them.
    private void Prune()
    {
        var snapshot = membership.CurrentSnapshot;
        foreach (var silo in live.Keys.Where(s => snapshot.GetSiloStatus(s) is SiloStatus.Dead or SiloStatus.None).ToList())
        {
            PlacementLog.SiloGone(logger, silo, live[silo].Count);
            live.Remove(silo);
        }

        foreach (var session in reserved.Where(r => snapshot.GetSiloStatus(r.Value.Silo) is SiloStatus.Dead or SiloStatus.None).Select(r => r.Key).ToList())
        {
            reserved.Remove(session);
        }
    }

    private ClusterBusyException Busy(string message) =>
        new(message) { RetryAfter = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(options.CurrentValue.WaitTimeout.TotalSeconds / 2))) };

    private sealed record Reservation(SiloAddress Silo, DateTimeOffset At);

    private sealed class Waiter(GrainId session, SiloAddress[] candidates, SiloAddress? arrivedAt)
    {
        public GrainId Session { get; } = session;

        public SiloAddress[] Candidates { get; } = candidates;

        public SiloAddress? ArrivedAt { get; } = arrivedAt;

        public TaskCompletionSource<SiloAddress> Admitted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
