using OrleansPlatform.Runtime.Catalog;
using OrleansPlatform.Runtime.GrainDirectory;
using OrleansPlatform.Runtime.Membership;

namespace OrleansPlatform.Runtime.Cluster;

/// <summary>Claims activations in the database directory; an entry left by a dead silo or by a stale local activation is cleared and the claim retried.</summary>
internal sealed class ClusterActivationRegistrar(IGrainDirectory directory, DirectoryCache cache, ISiloMembership membership) : IActivationRegistrar
{
    public async Task<bool> TryRegisterAsync(ActivationData activation, CancellationToken cancellationToken)
    {
        var local = membership.LocalSilo.Id;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var entry = await directory.RegisterAsync(activation.GrainId, local, activation.ActivationId, cancellationToken).ConfigureAwait(false);
            if (entry is null)
            {
                return false;
            }

            if (entry.ActivationId == activation.ActivationId)
            {
                cache.Remove(activation.GrainId);
                return true;
            }

            if (entry.SiloId == local)
            {
                // Left by an earlier activation of this silo (the catalog holds one activation per grain at a time).
                await directory.UnregisterAsync(entry, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (membership.Current.IsDead(entry.SiloId))
            {
                await directory.UnregisterIfOwnerDeadAsync(entry, cancellationToken).ConfigureAwait(false);
                continue;
            }

            cache.Put(entry);
            return false;
        }

        return false;
    }

    public Task UnregisterAsync(ActivationData activation, CancellationToken cancellationToken) =>
        directory.UnregisterAsync(new DirectoryEntry(activation.GrainId, membership.LocalSilo.Id, activation.ActivationId), cancellationToken);
}
