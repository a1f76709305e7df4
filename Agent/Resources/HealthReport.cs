namespace OrleansPlatform.Agent.Resources;

/// <summary>A monitor's finding and why, e.g. <c>Failed</c>, "pg_isready: no response".</summary>
/// <param name="Health">Healthy, degraded or failed.</param>
/// <param name="Detail">A short reason, shown by <c>oplat resources list</c>; null when there is nothing to add.</param>
public sealed record HealthReport(ResourceHealth Health, string? Detail = null)
{
    /// <summary>Healthy, nothing to add.</summary>
    public static HealthReport Healthy { get; } = new(ResourceHealth.Healthy);

    /// <summary>Degraded, because of <paramref name="detail"/>.</summary>
    public static HealthReport Degraded(string detail) => new(ResourceHealth.Degraded, detail);

    /// <summary>Failed, because of <paramref name="detail"/>.</summary>
    public static HealthReport Failed(string detail) => new(ResourceHealth.Failed, detail);
}
