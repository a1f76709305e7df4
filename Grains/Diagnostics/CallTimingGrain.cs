using Microsoft.Extensions.DependencyInjection;
using OrleansPlatform.Workflows.Time;

namespace OrleansPlatform.Grains.Diagnostics;

/// <summary>See <see cref="ICallTimingGrain"/>.</summary>
[GrainType("op-call-timing")]
internal sealed class CallTimingGrain(ILocalSiloDetails silo, [FromKeyedServices(PlatformClock.Key)] TimeProvider time) : Grain, ICallTimingGrain
{
    private const int MaxCalls = 10_000;

    public async Task<CallTimings> TimeCounterReads(string counterKey, int calls)
    {
        ArgumentException.ThrowIfNullOrEmpty(counterKey);
        ArgumentOutOfRangeException.ThrowIfLessThan(calls, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(calls, MaxCalls);
        var counter = GrainFactory.GetGrain<ICounterGrain>(counterKey);
        var elapsed = new double[calls];
        var target = string.Empty;
        for (var i = 0; i < calls; i++)
        {
            var started = time.GetTimestamp();
            target = (await counter.Read()).Silo;
            elapsed[i] = time.GetElapsedTime(started).TotalMicroseconds;
        }

        return new CallTimings(silo.SiloAddress.ToParsableString(), target, elapsed);
    }
}
