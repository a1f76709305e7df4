using System.Collections.Concurrent;
using OrleansPlatform.Grains.Sessions;

namespace OrleansPlatform.Grains.Isolation;

/// <summary>
/// What the session grains of this silo consult: whether the silo holds its database lease, and the live session
/// activations to deactivate when it loses it. A silo that cannot reach the database cannot write a session's record,
/// and may be declared dead by the others at any moment: it stops serving first, so that a session is never active on
/// both sides of a partition and no interaction is acknowledged that the database does not hold.
/// </summary>
internal sealed class SiloIsolation(DatabaseLease lease)
{
    private static readonly DeactivationReason s_isolated = new(DeactivationReasonCode.ApplicationRequested, "this silo cannot reach the cluster database");
    private readonly ConcurrentDictionary<GrainId, IGrainContext> sessions = new();

    /// <summary>True while this silo cannot reach the cluster database.</summary>
    public bool IsIsolated => lease.IsIsolated;

    /// <summary>Session activations on this silo now.</summary>
    public int Sessions => sessions.Count;

    /// <summary>Throws <see cref="SiloIsolatedException"/> while the silo is isolated.</summary>
    public void EnsureServing(string sessionId)
    {
        if (lease.IsIsolated)
        {
            throw new SiloIsolatedException($"Session {sessionId}: this silo cannot reach the cluster database; nothing was applied. Retry the same request.");
        }
    }

    public void Track(IGrainContext session) => sessions[session.GrainId] = session;

    public void Untrack(IGrainContext session) => sessions.TryRemove(session.GrainId, out _);

    /// <summary>Deactivates every session activation: their in-memory state goes, the records in the database stay the truth.</summary>
    public void DeactivateAll()
    {
        foreach (var session in sessions.Values)
        {
            // Safe from any thread: the activation queues its own deactivation.
            session.Deactivate(s_isolated, CancellationToken.None);
        }
    }
}
