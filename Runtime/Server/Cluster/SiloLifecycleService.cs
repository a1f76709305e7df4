using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansPlatform.Runtime.Catalog;
using OrleansPlatform.Runtime.GrainDirectory;
using OrleansPlatform.Runtime.Locks;
using OrleansPlatform.Runtime.Membership;

namespace OrleansPlatform.Runtime.Cluster;

/// <summary>
/// Reacts to membership: when a silo is declared dead, drops its cached entries and clears its directory entries and
/// locks (idempotent, so every silo may do it). On shutdown (membership is already ShuttingDown, so no new activations
/// come here and calls are forwarded) deactivates every activation, which writes state, releases the directory
/// entries and hands queued calls to the silos that take over; membership then marks the silo Dead.
/// </summary>
internal sealed class SiloLifecycleService : IHostedService
{
    private readonly ISiloMembership _membership;
    private readonly ActivationCatalog _catalog;
    private readonly IGrainDirectory _directory;
    private readonly DirectoryCache _cache;
    private readonly IClusterLockStore _locks;
    private readonly Transport.IConnectionPool _connections;
    private readonly ILogger<SiloLifecycleService> _logger;
    private readonly HashSet<string> _cleaned = new(StringComparer.Ordinal);
    private readonly GracefulLeaves _leaves = new();

    public SiloLifecycleService(
        ISiloMembership membership,
        ActivationCatalog catalog,
        IGrainDirectory directory,
        DirectoryCache cache,
        IClusterLockStore locks,
        Transport.IConnectionPool connections,
        ILogger<SiloLifecycleService> logger)
    {
        _membership = membership;
        _catalog = catalog;
        _directory = directory;
        _cache = cache;
        _locks = locks;
        _connections = connections;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _membership.Changed += OnMembershipChanged;
        _membership.Fenced += OnFenced;
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // ShuttingDown must be visible before the drain starts, or this silo could take new activations while draining.
        if (_membership is SiloMembershipService service)
        {
            await service.BeginShutdownAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        _membership.Changed -= OnMembershipChanged;
        ClusterLog.Draining(_logger, _membership.LocalSilo.Id, _catalog.Count);
        await _catalog.DeactivateAllAsync(DeactivationReason.ShuttingDown).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Process exit code of a silo that stopped because it lost its membership (a supervisor restarts it as a new generation).</summary>
    public const int FencedExitCode = 3;

    private void OnFenced()
    {
        ClusterLog.Fenced(_logger, _membership.LocalSilo.Id);
        Environment.ExitCode = FencedExitCode;
    }

    private void OnMembershipChanged(MembershipSnapshot snapshot)
    {
        _leaves.Observe(snapshot);
        foreach (var silo in snapshot.Silos)
        {
            if (silo.Status == SiloStatus.Dead && silo.Address.Id != _membership.LocalSilo.Id)
            {
                bool first;
                lock (_cleaned)
                {
                    first = _cleaned.Add(silo.Address.Id);
                }

                if (first)
                {
                    _cache.RemoveSilo(silo.Address.Id);

                    // Calls waiting on a silo that died fail now (and re-route or report) instead of at a ping timeout.
                    // A silo that left gracefully answers what it has and closes its connections itself.
                    if (!_leaves.LeftGracefully(silo.Address.Id))
                    {
                        _ = _connections.RemoveAsync(silo.Address.EndPoint).AsTask();
                    }
                    _ = CleanUpAsync(silo.Address.Id);
                }
            }
        }
    }

    private async Task CleanUpAsync(string siloId)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var entries = await _directory.RemoveSiloAsync(siloId, timeout.Token).ConfigureAwait(false);
            await _locks.ReleaseSiloAsync(siloId, timeout.Token).ConfigureAwait(false);
            ClusterLog.DeadSiloCleaned(_logger, siloId, entries);
        }
        catch (Exception exception)
        {
            ClusterLog.DeadSiloCleanupFailed(_logger, exception, siloId);
        }
    }
}
