using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansPlatform.Runtime.Catalog;
using OrleansPlatform.Runtime.GrainDirectory;
using OrleansPlatform.Runtime.Membership;
using OrleansPlatform.Runtime.Messaging;
using OrleansPlatform.Runtime.Placement;
using OrleansPlatform.Runtime.Scheduling;

namespace OrleansPlatform.Runtime.Cluster;

/// <summary>
/// Routes work for a grain in a cluster: to the local activation when there is one; else to the silo the directory
/// names (cached); else to the silo a placement strategy picks (created there, registered in the directory, first
/// registration wins). A silo that refuses without running the call (not serving, full, stale entry, unreachable)
/// makes the call re-route; a call that may have run on a lost silo fails with <see cref="SiloUnavailableException"/>.
/// </summary>
internal sealed class ClusterGrainDispatcher : IGrainDispatcher
{
    private readonly ActivationCatalog _catalog;
    private readonly GrainTypeRegistry _types;
    private readonly IGrainDirectory _directory;
    private readonly DirectoryCache _cache;
    private readonly ISiloMembership _membership;
    private readonly RemoteSender _sender;
    private readonly IServiceProvider _services;
    private readonly ClusterOptions _options;
    private readonly ILogger<ClusterGrainDispatcher> _logger;

    public ClusterGrainDispatcher(
        ActivationCatalog catalog,
        GrainTypeRegistry types,
        IGrainDirectory directory,
        DirectoryCache cache,
        ISiloMembership membership,
        RemoteSender sender,
        IServiceProvider services,
        IOptions<ClusterOptions> options,
        ILogger<ClusterGrainDispatcher> logger)
    {
        _catalog = catalog;
        _types = types;
        _directory = directory;
        _cache = cache;
        _membership = membership;
        _sender = sender;
        _services = services;
        _options = options.Value;
        _logger = logger;
    }

    public void Dispatch(GrainId grainId, WorkItem item)
    {
        Task? deactivating = null;
        if (_catalog.TryGet(grainId, out var local))
        {
            if (local.TryEnqueue(item))
            {
                return;
            }

            // The local activation is deactivating: its successor may only start (here or elsewhere) after it is gone.
            deactivating = local.Deactivated;
        }

        if (!item.CanForward)
        {
            item.Fail(new InvalidOperationException($"{item.Description}: {grainId} is no longer active on this silo."));
            return;
        }

        _ = RouteAsync(grainId, item, deactivating);
    }

    private async Task RouteAsync(GrainId grainId, WorkItem item, Task? deactivating)
    {
        if (deactivating is not null)
        {
            await deactivating.ConfigureAwait(false);
        }

        var delay = _options.RetryDelay;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (Environment.TickCount64 >= item.DeadlineTickMs)
                {
                    item.Fail(new GrainCallTimeoutException($"No silo could take {item.Description} before the caller's timeout."));
                    return;
                }

                if (item.Hops >= _options.MaxForwardHops && item is RemoteRequestWorkItem forwarded)
                {
                    forwarded.Reject(RejectReasons.TooManyHops);
                    return;
                }

                var route = await ResolveAsync(grainId, item, attempt).ConfigureAwait(false);
                if (route.Reject is { } reason && item is RemoteRequestWorkItem remote)
                {
                    // Only the silo that placed the call may re-place it; tell it this silo cannot host.
                    remote.Reject(reason);
                    return;
                }

                if (route.Target is null)
                {
                    if (_catalog.TryGetOrCreate(grainId, out var activation))
                    {
                        if (activation.TryEnqueue(item))
                        {
                            return;
                        }

                        await activation.Deactivated.ConfigureAwait(false);
                        continue;
                    }

                    // This silo filled up since placement chose it: place again.
                    Strategy(grainId).OnRejectedAsFull(_membership.LocalSilo);
                }
                else
                {
                    var outcome = await item.ForwardAsync(_sender, route.Target, route.Placed).ConfigureAwait(false);
                    if (outcome.Handled)
                    {
                        return;
                    }

                    _cache.Remove(grainId);
                    if (outcome.RejectReason == RejectReasons.Full)
                    {
                        Strategy(grainId).OnRejectedAsFull(route.Target);
                    }
                    else if (outcome.RejectReason is RejectReasons.NotServing or RejectReasons.Unreachable)
                    {
                        await _membership.RefreshAsync().ConfigureAwait(false);
                    }

                    ClusterLog.Rerouting(_logger, grainId, route.Target.Id, outcome.RejectReason ?? "rejected", attempt);
                }

                await Task.Delay(delay).ConfigureAwait(false);

                // Short ceiling: a dead silo is declared within seconds and the call should follow at once.
                delay = TimeSpan.FromMilliseconds(Math.Min(250, delay.TotalMilliseconds * 2));
            }
            catch (Exception exception)
            {
                item.Fail(exception);
                return;
            }
        }
    }

    private async Task<Route> ResolveAsync(GrainId grainId, WorkItem item, int attempt)
    {
        var localCanHost = _membership.IsServing && _membership.LocalStatus == SiloStatus.Active;
        if (item.ArrivedPlaced && attempt == 0)
        {
            if (!localCanHost)
            {
                return Route.Refuse(RejectReasons.NotServing);
            }

            var classInfo = _types.GetByGrainType(grainId.Type);
            if (classInfo.IsCapacityLimited && _catalog.Capacity > 0 && _catalog.CapacityUsed >= _catalog.Capacity)
            {
                return Route.Refuse(RejectReasons.Full);
            }

            return Route.Local;
        }

        if (attempt == 0 && _cache.TryGet(grainId, out var cached) && !_membership.Current.IsDead(cached.SiloId))
        {
            return Route.To(SiloAddress.Parse(cached.SiloId), placed: false);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var entry = await _directory.LookupAsync(grainId, timeout.Token).ConfigureAwait(false);
        if (entry is not null)
        {
            var owner = _membership.Current.Find(entry.SiloId);
            if (entry.SiloId == _membership.LocalSilo.Id)
            {
                if (_catalog.TryGet(grainId, out var here) && here.ActivationId == entry.ActivationId)
                {
                    // Activated here while this call was looking it up.
                    return Route.Local;
                }

                // A previous activation of this silo left its entry (it was deactivating): the next one re-registers.
                await _directory.UnregisterAsync(entry, timeout.Token).ConfigureAwait(false);
            }
            else if (owner is null || owner.Status is SiloStatus.Dead or SiloStatus.None)
            {
                await _directory.UnregisterIfOwnerDeadAsync(entry, timeout.Token).ConfigureAwait(false);
            }
            else
            {
                _cache.Put(entry);
                return Route.To(owner.Address, placed: false);
            }
        }

        var context = new PlacementContext(grainId, _membership, _membership.LocalSilo, localCanHost, item.DeadlineTickMs);
        var target = await Strategy(grainId).PlaceAsync(context, CancellationToken.None).ConfigureAwait(false);
        return target.Id == _membership.LocalSilo.Id ? Route.Local : Route.To(target, placed: true);
    }

    private IPlacementStrategy Strategy(GrainId grainId) =>
        _services.GetRequiredKeyedService<IPlacementStrategy>(_types.GetByGrainType(grainId.Type).PlacementStrategy);

    private sealed record Route(SiloAddress? Target, bool Placed, string? Reject)
    {
        public static Route Local { get; } = new(null, false, null);

        public static Route To(SiloAddress target, bool placed) => new(target, placed, null);

        public static Route Refuse(string reason) => new(null, false, reason);
    }
}
