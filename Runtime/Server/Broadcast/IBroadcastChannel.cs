namespace OrleansPlatform.Runtime.Broadcast;

/// <summary>
/// The cluster's stateless message channel: a message published on one silo reaches every live silo (this one
/// included) once, in no guaranteed order, and is never stored. A silo that restarts just subscribes again: there is
/// nothing to recover. Used for cache invalidation and configuration or application changes.
/// </summary>
public interface IBroadcastChannel
{
    /// <summary>Delivers <paramref name="payload"/> to the <paramref name="topic"/> subscribers of every live silo; returns when each silo answered or failed.</summary>
    Task<BroadcastResult> PublishAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default);

    /// <summary>Subscribes to a topic on this silo; dispose to unsubscribe.</summary>
    IDisposable Subscribe(string topic, Func<ReadOnlyMemory<byte>, CancellationToken, Task> handler);
}
