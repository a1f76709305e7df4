namespace OrleansPlatform.Grains.Sessions;

/// <summary>Session event counters for cluster clients (any key; a stateless worker, so the silo that receives the call answers).</summary>
[Alias("op.session-statistics-grain")]
public interface ISessionStatisticsGrain : IGrainWithStringKey
{
    /// <summary>The counters.</summary>
    [Alias("read")]
    Task<SessionStatistics> Read();
}
