using Orleans.Concurrency;

namespace OrleansPlatform.Grains.Sessions;

/// <summary>See <see cref="ISessionStatisticsGrain"/>: a stateless worker, answered by the silo that receives the call.</summary>
[StatelessWorker]
[GrainType("op-session-statistics")]
internal sealed class SessionStatisticsGrain(ISessionStatistics statistics) : Grain, ISessionStatisticsGrain
{
    public Task<SessionStatistics> Read() => statistics.ReadAsync();
}
