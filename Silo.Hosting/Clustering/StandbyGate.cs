using Microsoft.Extensions.Logging;

namespace OrleansPlatform.Silo.Hosting.Clustering;

/// <summary>
/// Holds a warm-standby silo (<see cref="SiloHostOptions.StandbyGate"/>) just before the Orleans runtime initialises:
/// membership has not been read, and nothing of this silo is in the cluster's tables yet. It must wait before
/// membership starts, because Orleans marks older silos of the same name dead ("migrated") as soon as it does, and
/// the silo this process stands by for is still alive while it waits.
/// </summary>
internal sealed class StandbyGate(string gatePath, ILocalSiloDetails silo, TimeProvider time, ILogger<StandbyGate> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    // How often the gate file is looked for: its cost is a stat call, and the delay adds to a restart.
    private static readonly TimeSpan LookInterval = TimeSpan.FromMilliseconds(20);

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(StandbyGate), ServiceLifecycleStage.RuntimeInitialize - 1, WaitForReleaseAsync);

    private async Task WaitForReleaseAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(gatePath))
        {
            return;
        }

        HostingLog.StandingBy(logger, silo.Name, gatePath);
        var started = time.GetTimestamp();
        while (!File.Exists(gatePath))
        {
            await Task.Delay(LookInterval, time, cancellationToken);
        }

        var waited = time.GetElapsedTime(started);
        HostingLog.ReleasedFromStandby(logger, silo.Name, waited);
    }
}
