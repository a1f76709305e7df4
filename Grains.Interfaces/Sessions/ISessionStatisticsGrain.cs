using OrleansPlatform.Runtime;

namespace OrleansPlatform.Grains.Sessions;

/// <summary><see cref="ISessionStatistics"/> for cluster clients (any key; the silo that hosts it answers).</summary>
public interface ISessionStatisticsGrain : IGrainWithStringKey
{
    /// <summary>The counters.</summary>
    Task<SessionStatistics> Read();
}
