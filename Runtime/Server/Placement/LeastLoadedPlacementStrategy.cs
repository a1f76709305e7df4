using Microsoft.Extensions.Options;
using OrleansPlatform.Runtime.Catalog;
using OrleansPlatform.Runtime.Membership;

namespace OrleansPlatform.Runtime.Placement;

/// <summary>
/// Places on the silo with the lowest capacity use relative to its weight. Remote silos' use comes from the load they
/// publish with their heartbeats, plus the placements this silo sent them since (so a burst does not herd onto one
/// silo); this silo's own use is exact. A silo refuses a placement that would exceed its capacity, so the cap holds
/// even when views are stale. When every silo is full the call waits, on a bounded waiting list, until capacity frees
/// or the wait times out with <see cref="ClusterBusyException"/>.
/// </summary>
internal sealed class LeastLoadedPlacementStrategy : IPlacementStrategy
{
    private static readonly TimeSpan s_recheckInterval = TimeSpan.FromMilliseconds(100);
    private readonly PlacementOptions _options;
    private readonly ActivationCatalog _catalog;
    private readonly Random _random;
    private readonly TimeProvider _timeProvider;
    private readonly object _lock = new();
    private readonly Dictionary<string, (long HeartbeatAtMs, int Count)> _sentSinceHeartbeat = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _fullAtHeartbeat = new(StringComparer.Ordinal);
    private int _waiting;

    public LeastLoadedPlacementStrategy(IOptions<PlacementOptions> options, ActivationCatalog catalog, Random random, TimeProvider timeProvider)
    {
        _options = options.Value;
        _catalog = catalog;
        _random = random;
        _timeProvider = timeProvider;
    }

    /// <summary>Calls currently waiting for capacity.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public async ValueTask<SiloAddress> PlaceAsync(PlacementContext context, CancellationToken cancellationToken)
    {
        if (TryChoose(context, out var chosen))
        {
            return chosen;
        }

        if (Interlocked.Increment(ref _waiting) > _options.MaxWaiting)
        {
            Interlocked.Decrement(ref _waiting);
            throw Busy(context, "the waiting list is full");
        }

        try
        {
            var deadline = Math.Min(context.Deadline, Environment.TickCount64 + (long)_options.WaitTimeout.TotalMilliseconds);
            while (Environment.TickCount64 < deadline)
            {
                await Task.Delay(s_recheckInterval, _timeProvider, cancellationToken).ConfigureAwait(false);
                if (TryChoose(context, out chosen))
                {
                    return chosen;
                }
            }

            throw Busy(context, $"no capacity freed up within {_options.WaitTimeout.TotalSeconds:0.###} s");
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    public void OnRejectedAsFull(SiloAddress silo)
    {
        lock (_lock)
        {
            _fullAtHeartbeat[silo.Id] = long.MaxValue;
        }
    }

    private bool TryChoose(PlacementContext context, out SiloAddress chosen)
    {
        chosen = null!;
        var best = double.MaxValue;
        var ties = 0;
        lock (_lock)
        {
            foreach (var silo in context.Candidates())
            {
                var isLocal = silo.Address.Id == context.LocalSilo.Id;
                int used, capacity;
                double weight;
                if (isLocal)
                {
                    (used, capacity, weight) = (_catalog.CapacityUsed, _options.Capacity, _options.Weight);
                }
                else
                {
                    // A silo that refused as full is skipped until it publishes a newer load.
                    if (_fullAtHeartbeat.TryGetValue(silo.Address.Id, out var fullAt))
                    {
                        if (fullAt == long.MaxValue)
                        {
                            _fullAtHeartbeat[silo.Address.Id] = silo.HeartbeatAtMs;
                            continue;
                        }

                        if (fullAt == silo.HeartbeatAtMs)
                        {
                            continue;
                        }

                        _fullAtHeartbeat.Remove(silo.Address.Id);
                    }

                    var sent = _sentSinceHeartbeat.TryGetValue(silo.Address.Id, out var s) && s.HeartbeatAtMs == silo.HeartbeatAtMs ? s.Count : 0;
                    (used, capacity, weight) = (silo.Load.CapacityUsed + sent, silo.Load.Capacity, silo.Load.Weight > 0 ? silo.Load.Weight : 1.0);
                }

                if (capacity > 0 && used >= capacity)
                {
                    continue;
                }

                var score = used / weight;
                if (score < best)
                {
                    (best, chosen, ties) = (score, silo.Address, 1);
                }
                else if (score == best && _random.Next(++ties) == 0)
                {
                    chosen = silo.Address;
                }
            }

            if (chosen is null)
            {
                return false;
            }

            if (chosen.Id != context.LocalSilo.Id && context.Membership.Current.Find(chosen.Id) is { } entry)
            {
                var sent = _sentSinceHeartbeat.TryGetValue(chosen.Id, out var s) && s.HeartbeatAtMs == entry.HeartbeatAtMs ? s.Count : 0;
                _sentSinceHeartbeat[chosen.Id] = (entry.HeartbeatAtMs, sent + 1);
            }

            return true;
        }
    }

    private ClusterBusyException Busy(PlacementContext context, string why) =>
        new($"Every silo is at capacity for {context.GrainId.Type} grains and {why}; retry later.") { RetryAfter = TimeSpan.FromSeconds(1) };
}
