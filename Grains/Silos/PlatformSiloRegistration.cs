using Microsoft.Extensions.DependencyInjection;
using System.Reflection;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using OrleansPlatform.Workflows.Settings;
using OrleansPlatform.Workflows.Data;

using OrleansPlatform.Workflows.Time;

namespace OrleansPlatform.Grains.Silos;

/// <summary>
/// Records this silo process in <c>platform_silos</c> (process id, version, start time: what Orleans' membership table
/// does not hold, and the digest of its managed settings) when the silo becomes active, refreshes the row while it runs
/// and when its settings reload, so the cluster view can show every silo, dead ones included, with its pid. Rows of silos
/// gone for a day are pruned.
/// </summary>
internal sealed partial class PlatformSiloRegistration(
    IClusterDatabase database,
    ILocalSiloDetails silo,
    IConfiguration configuration,
    SettingsInForce settings,
    [FromKeyedServices(PlatformClock.Key)] TimeProvider time,
    ILogger<PlatformSiloRegistration> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private static readonly TimeSpan RefreshPeriod = TimeSpan.FromSeconds(30);
    private static readonly string Version =
        typeof(PlatformSiloRegistration).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    private readonly DateTimeOffset startedAt = time.GetUtcNow();
    private ITimer? refresh;
    private IDisposable? reloads;

    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(nameof(PlatformSiloRegistration), ServiceLifecycleStage.Active, OnActiveAsync, _ => Task.CompletedTask);
    }

    public void Dispose()
    {
        refresh?.Dispose();
        reloads?.Dispose();
    }

    private async Task OnActiveAsync(CancellationToken cancellationToken)
    {
        await UpsertAsync(cancellationToken);
        refresh = time.CreateTimer(_ => _ = RefreshAsync(), null, RefreshPeriod, RefreshPeriod);

        // A reload of the stored settings changes the digest: publish it at once.
        reloads = ChangeToken.OnChange(configuration.GetReloadToken, () => _ = RefreshAsync());
    }

    private async Task RefreshAsync()
    {
        try
        {
            await UpsertAsync(CancellationToken.None);
        }
        catch (Exception exception)
        {
            LogRefreshFailed(logger, exception);
        }
    }

    private async Task UpsertAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var row = new
        {
            SiloId = silo.SiloAddress.ToParsableString(),
            ClusterId = silo.ClusterId,
            SiloName = silo.Name,
            HostName = silo.DnsHostName,
            Pid = Environment.ProcessId,
            Version,
            StartedAt = startedAt,
            RefreshedAt = now,
            Digest = settings.Digest,
            PruneBefore = now - TimeSpan.FromDays(1),
        };
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO platform_silos (silo_id, cluster_id, silo_name, host_name, pid, version, started_at, refreshed_at, config_digest)
            VALUES (@SiloId, @ClusterId, @SiloName, @HostName, @Pid, @Version, @StartedAt, @RefreshedAt, @Digest)
            ON CONFLICT (silo_id) DO UPDATE SET refreshed_at = excluded.refreshed_at, config_digest = excluded.config_digest;
            DELETE FROM platform_silos WHERE refreshed_at < @PruneBefore;
            """,
            row,
            cancellationToken: cancellationToken));
    }

    [LoggerMessage(EventId = 2100, Level = LogLevel.Warning, Message = "Refreshing this silo's row in platform_silos failed; retrying at the next refresh")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
