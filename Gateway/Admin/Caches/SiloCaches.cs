using OrleansPlatform.Grains.Silos;

namespace OrleansPlatform.Gateway.Admin.Caches;

/// <summary>One active silo's object caches.</summary>
/// <param name="SiloId">The silo's id.</param>
/// <param name="SiloName">The silo's name.</param>
/// <param name="Caches">Each cache's counters (empty when the silo did not answer in time).</param>
/// <param name="Answered">False when the silo did not answer in time.</param>
public sealed record SiloCaches(string SiloId, string SiloName, IReadOnlyList<CacheStatisticsView> Caches, bool Answered)
{
    /// <summary>How the console and the CLI name the silo: <c>name (host:port)</c>.</summary>
    public string SiloLabel => Grains.Silos.SiloLabels.Of(SiloName, SiloId);
}
