using System.Collections.Concurrent;

namespace OrleansPlatform.Runtime.Membership;

/// <summary>
/// Remembers which silos were seen ShuttingDown, to tell a graceful leave (ShuttingDown, then Dead: the silo answers
/// its calls in flight and closes its connections itself) from a death (Active, then Dead: calls in flight are lost
/// and should fail at once).
/// </summary>
public sealed class GracefulLeaves
{
    private readonly ConcurrentDictionary<string, bool> _shuttingDown = new(StringComparer.Ordinal);

    /// <summary>Records the silos shutting down in <paramref name="snapshot"/>.</summary>
    public void Observe(MembershipSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        foreach (var silo in snapshot.Silos)
        {
            if (silo.Status == SiloStatus.ShuttingDown)
            {
                _shuttingDown.TryAdd(silo.Address.Id, true);
            }
        }
    }

    /// <summary>True when the silo was seen ShuttingDown before it was Dead.</summary>
    public bool LeftGracefully(string siloId) => _shuttingDown.ContainsKey(siloId);
}
