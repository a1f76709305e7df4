using OrleansPlatform.Workflows.Locks;

namespace OrleansPlatform.Gateway.Admin.Api;

/// <summary><c>GET /admin/api/locks</c>: every live cluster-lock holding with its owner, silo, fencing token and lease.</summary>
internal static class LocksApi
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/locks", async (IClusterLockStore locks, CancellationToken cancellationToken) =>
            Results.Ok((await locks.ListLiveAsync(cancellationToken)).Select(h => new LockView(
                h.Name, h.Mode, h.Owner.OwnerId, h.Owner.SiloId, h.FencingToken, h.AcquiredAt, h.LeaseExpiresAt, h.LeaseRemaining.TotalSeconds))));

    /// <summary>One holding.</summary>
    public sealed record LockView(string Name, LockMode Mode, string Owner, string Silo, long FencingToken, DateTimeOffset AcquiredAt, DateTimeOffset LeaseExpiresAt, double LeaseRemainingSeconds);
}
