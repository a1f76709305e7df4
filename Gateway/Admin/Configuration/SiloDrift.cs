namespace OrleansPlatform.Gateway.Admin.Configuration;

/// <summary>How one active silo's settings in force compare with the cluster's.</summary>
/// <param name="SiloId">The silo's id.</param>
/// <param name="SiloName">The silo's name.</param>
/// <param name="Digest">The digest of its settings in force.</param>
/// <param name="MatchesCluster">True when the digest is the cluster's.</param>
/// <param name="Differences">Each setting whose value in force differs from the cluster's.</param>
public sealed record SiloDrift(string SiloId, string SiloName, string Digest, bool MatchesCluster, IReadOnlyList<SettingDifference> Differences)
{
    /// <summary>How the console and the CLI name the silo: <c>name (host:port)</c>.</summary>
    public string SiloLabel => Grains.Silos.SiloLabels.Of(SiloName, SiloId);
}

/// <summary>One setting a silo runs with a value other than the cluster's.</summary>
/// <param name="Key">The setting.</param>
/// <param name="Cluster">The cluster's value.</param>
/// <param name="Silo">The silo's value in force.</param>
/// <param name="Source">Why: <c>silo override</c> (stored for this silo), <c>restart needed</c> (changed since it started), or <c>local configuration</c> (its environment, command line or appsettings).</param>
public sealed record SettingDifference(string Key, string Cluster, string Silo, string Source);
