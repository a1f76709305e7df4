using System.Collections.Immutable;

namespace OrleansPlatform.Runtime.Membership;

/// <summary>The membership table of the cluster as read at one moment.</summary>
/// <param name="Version">The table's version (bumped by every status change).</param>
/// <param name="Silos">Every row of the cluster, ordered by silo id.</param>
/// <param name="ReadAtMs">The database clock when the rows were read, Unix milliseconds.</param>
public sealed record MembershipSnapshot(long Version, ImmutableArray<SiloEntry> Silos, long ReadAtMs)
{
    /// <summary>Version 0, no silos: what a view holds before its first successful read.</summary>
    public static MembershipSnapshot Empty { get; } = new(0, [], 0);

    /// <summary>The silos whose status is <see cref="SiloStatus.Active"/>.</summary>
    public IEnumerable<SiloEntry> ActiveSilos => Silos.Where(silo => silo.Status == SiloStatus.Active);

    /// <summary>The row of <paramref name="siloId"/> (<see cref="SiloAddress.Id"/>), or null when absent.</summary>
    public SiloEntry? Find(string siloId)
    {
        foreach (var silo in Silos)
        {
            if (string.Equals(silo.Address.Id, siloId, StringComparison.Ordinal))
            {
                return silo;
            }
        }

        return null;
    }

    /// <summary>
    /// True when <paramref name="siloId"/> is <see cref="SiloStatus.Dead"/> or no longer in the table. A silo absent from
    /// <see cref="Empty"/> (nothing read yet) also counts as dead; callers that must not conclude anything before the
    /// first read check <see cref="Version"/> &gt; 0.
    /// </summary>
    public bool IsDead(string siloId) => Find(siloId) is not { } silo || silo.Status == SiloStatus.Dead;
}
