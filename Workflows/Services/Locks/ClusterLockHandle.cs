namespace OrleansPlatform.Workflows.Locks;

/// <summary>
/// A cluster lock held by its owner. Disposing releases it. <see cref="IsHeld"/> turns false on release, or when lease
/// renewal finds the lock lost (lease expired, silo declared dead, or released by the owner's deactivation); code
/// guarding external resources should pass <see cref="FencingToken"/> along rather than rely on <see cref="IsHeld"/>.
/// </summary>
public abstract class ClusterLockHandle : IAsyncDisposable
{
    /// <summary>The lock's name.</summary>
    public abstract string Name { get; }

    /// <summary>How it is held.</summary>
    public abstract LockMode Mode { get; }

    /// <summary>Greater than every token issued for <see cref="Name"/> before this grant.</summary>
    public abstract long FencingToken { get; }

    /// <summary>The owner that holds it.</summary>
    public abstract string OwnerId { get; }

    /// <summary>True until released or found lost.</summary>
    public abstract bool IsHeld { get; }

    /// <summary>
    /// Releases the lock. Idempotent: later calls (and disposal) do nothing more. Should the database be unreachable,
    /// the failure is logged and the lock frees itself when its lease, no longer renewed, runs out.
    /// </summary>
    public abstract Task ReleaseAsync();

    /// <summary>Releases the lock (<see cref="ReleaseAsync"/>).</summary>
    public async ValueTask DisposeAsync()
    {
        await ReleaseAsync();
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Mode} lock '{Name}' (token {FencingToken}, owner {OwnerId}{(IsHeld ? "" : ", not held")})";
}
