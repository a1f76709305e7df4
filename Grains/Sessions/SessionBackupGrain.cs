using Microsoft.Extensions.DependencyInjection;
using OrleansPlatform.Runtime;
using OrleansPlatform.Runtime.Membership;

namespace OrleansPlatform.Grains.Sessions;

/// <summary>See <see cref="ISessionBackupGrain"/>. Memory only: it exists to outlive the primary silo, not the cluster.</summary>
public sealed class SessionBackupGrain : Grain, ISessionBackupGrain
{
    private SessionBackup? _copy;

    public Task<string> Store(SessionBackup backup)
    {
        ArgumentNullException.ThrowIfNull(backup);
        if (_copy is null || backup.Seq >= _copy.Seq)
        {
            _copy = backup;
        }

        return Task.FromResult(ServiceProvider.GetService<ISiloMembership>()?.LocalSilo.Id ?? string.Empty);
    }

    public Task<SessionBackup?> Fetch() => Task.FromResult(_copy);

    public Task Drop()
    {
        _copy = null;
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
