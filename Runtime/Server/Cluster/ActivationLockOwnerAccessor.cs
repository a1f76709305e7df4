using OrleansPlatform.Runtime.Locks;
using OrleansPlatform.Runtime.Membership;
using OrleansPlatform.Runtime.Scheduling;

namespace OrleansPlatform.Runtime.Cluster;

/// <summary>Inside a grain turn, locks belong to the current activation (released when it deactivates).</summary>
internal sealed class ActivationLockOwnerAccessor(ISiloMembership membership) : ILockOwnerAccessor
{
    public LockOwner Current
    {
        get
        {
            var activation = RuntimeContext.CurrentTurn?.Activation
                ?? throw new InvalidOperationException("Cluster locks taken through IClusterLocks belong to the calling grain; call from inside a grain, or use IClusterLockStore with an explicit owner.");
            activation.MayHoldLocks = true;
            return new LockOwner(activation.ActivationId, membership.LocalSilo.Id);
        }
    }
}
