using OrleansPlatform.Runtime;

namespace OrleansPlatform.Grains.Sessions;

/// <summary>See <see cref="ISessionStatisticsGrain"/>.</summary>
[PreferLocalPlacement]
public sealed class SessionStatisticsGrain(ISessionStatistics statistics) : Grain, ISessionStatisticsGrain
{
    public Task<SessionStatistics> Read() => statistics.ReadAsync();
}
