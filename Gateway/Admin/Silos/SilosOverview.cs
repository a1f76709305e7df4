namespace OrleansPlatform.Gateway.Admin.Silos;

/// <summary>The silos of the cluster for operators: each silo, the digest of the cluster-wide settings, and the membership history.</summary>
/// <param name="ClusterDigest">The digest of the managed settings as the cluster sets them (defaults and cluster-wide stored values).</param>
/// <param name="Silos">Every silo in Orleans' membership (dead ones too, until Orleans cleans them up), by name.</param>
/// <param name="History">Joins, leaves and deaths, newest first.</param>
public sealed record SilosOverview(string ClusterDigest, IReadOnlyList<SiloView> Silos, IReadOnlyList<SiloHistoryEntry> History)
{
    /// <summary>The active silos.</summary>
    public int Active => Silos.Count(s => s.Status == "Active");
}
