using OrleansPlatform.Grains.Placement;

namespace OrleansPlatform.Grains.Sessions;

/// <summary>See <see cref="ISessionBackupGrain"/>. Memory only: it exists to outlive the primary silo, not the cluster.</summary>
[GrainType("op-session-backup")]
[AwayFromCallerPlacement]
internal sealed class SessionBackupGrain(ILocalSiloDetails silo) : Grain, ISessionBackupGrain
{
    private SessionBackup? copy;

    public Task<string> Store(SessionBackup backup)
    {
        ArgumentNullException.ThrowIfNull(backup);
        if (copy is null || backup.Seq >= copy.Seq)
        {
            copy = backup;
        }

        return Task.FromResult(silo.SiloAddress.ToParsableString());
    }

    public Task<SessionBackup?> Fetch() => Task.FromResult(copy);

    public Task Drop()
    {
        copy = null;
        this.DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
