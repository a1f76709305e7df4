using Dapper;
using OrleansPlatform.Gateway.Admin.Configuration;
using OrleansPlatform.Grains.Silos;
using OrleansPlatform.Workflows.Data;
using OrleansPlatform.Workflows.Time;

namespace OrleansPlatform.Gateway.Admin.Silos;

/// <summary>
/// The silos for the admin console and API: Orleans' membership and runtime statistics (management grain), joined
/// with the platform's own rows (<c>platform_silos</c>: pid, version, start time, settings digest) and the membership
/// history (<c>platform_silo_events</c>); and the graceful drain of one silo.
/// </summary>
public sealed class SiloDirectory(
    IGrainFactory grains,
    IClusterDatabase database,
    SettingsDirectory settings,
    [FromKeyedServices(PlatformClock.Key)] TimeProvider time)
{
    private const string SessionGrainClass = "OrleansPlatform.Grains.Sessions.SessionGrain";
    private static readonly TimeSpan SiloAnswerTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Every silo, the cluster's settings digest and the membership history.</summary>
    public async Task<SilosOverview> ReadAsync(CancellationToken cancellationToken)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var members = await management.GetDetailedHosts(onlyActive: false, cancellationToken);
        var active = members.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress).ToArray();
        // One silo at a time, each bounded: a silo that is frozen or dead but not yet declared so must not hold up the
        // whole view (Orleans would wait out its response timeout); it is shown without figures.
        var answers = await Task.WhenAll(active.Select(silo => ReadFiguresAsync(management, silo, cancellationToken)));
        var statistics = answers.Where(a => a.Statistics is not null).ToDictionary(a => a.Silo, a => a.Statistics!);
        var sessions = answers.ToDictionary(a => a.Silo, a => a.Sessions);
        var grainActivations = answers.ToDictionary(a => a.Silo, a => a.Grains);

        var clusterDigest = await settings.ClusterDigestAsync(cancellationToken);
        var (rows, history) = await ReadPlatformRowsAsync(cancellationToken);
        var now = time.GetUtcNow();
        var silos = members
            .Select(member =>
            {
                var id = member.SiloAddress.ToParsableString();
                var row = rows.GetValueOrDefault(id);
                var stats = statistics.GetValueOrDefault(member.SiloAddress);
                var isActive = member.Status == SiloStatus.Active;
                return new SiloView(
                    id,
                    member.SiloName,
                    member.SiloAddress.Endpoint.ToString(),
                    member.Status.ToString(),
                    row?.Pid ?? 0,
                    row?.HostName ?? member.HostName,
                    row?.Version ?? string.Empty,
                    row?.StartedAt,
                    isActive && row is not null ? Math.Max(0, (now - row.StartedAt).TotalSeconds) : null,
                    grainActivations.GetValueOrDefault(member.SiloAddress),
                    stats?.ActivationCount ?? 0,
                    sessions.GetValueOrDefault(member.SiloAddress),
                    stats is null ? null : stats.EnvironmentStatistics.FilteredCpuUsagePercentage,
                    stats is null ? null : stats.EnvironmentStatistics.FilteredMemoryUsageBytes,
                    row?.ConfigDigest ?? string.Empty,
                    row is null || string.Equals(row.ConfigDigest, clusterDigest, StringComparison.Ordinal));
            })
            .OrderBy(s => s.Status == "Active" ? 0 : 1).ThenBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.Id, StringComparer.Ordinal)
            .ToList();
        return new SilosOverview(clusterDigest, silos, history);
    }

    private static async Task<(SiloAddress Silo, SiloRuntimeStatistics? Statistics, int Sessions, int Grains)> ReadFiguresAsync(IManagementGrain management, SiloAddress silo, CancellationToken cancellationToken)
    {
        try
        {
            var runtime = await management.GetRuntimeStatistics([silo], cancellationToken).WaitAsync(SiloAnswerTimeout, cancellationToken);
            var grains = await management.GetSimpleGrainStatistics([silo], cancellationToken).WaitAsync(SiloAnswerTimeout, cancellationToken);
            return (silo, runtime[0], grains.Where(g => IsSessionGrain(g.GrainType)).Sum(g => g.ActivationCount), grains.Sum(g => g.ActivationCount));
        }
        catch (Exception exception) when (exception is TimeoutException or OrleansException)
        {
            return (silo, null, 0, 0);
        }
    }

    // Orleans names a grain class with its assembly: "OrleansPlatform.Grains.Sessions.SessionGrain,OrleansPlatform.Grains".
    private static bool IsSessionGrain(string grainClass) =>
        grainClass.StartsWith(SessionGrainClass, StringComparison.Ordinal)
        && (grainClass.Length == SessionGrainClass.Length || grainClass[SessionGrainClass.Length] == ',');

    /// <summary>The name of every silo in membership (dead ones too, until Orleans cleans them up), by parsable id.</summary>
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(CancellationToken cancellationToken)
    {
        var members = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false, cancellationToken);
        return members.ToDictionary(m => m.SiloAddress.ToParsableString(), m => m.SiloName, StringComparer.Ordinal);
    }

    /// <summary>The ids of the active silos.</summary>
    public async Task<IReadOnlyList<SiloAddress>> ActiveAsync(CancellationToken cancellationToken)
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true, cancellationToken);
        return hosts.Where(h => h.Value == SiloStatus.Active).Select(h => h.Key).OrderBy(s => s.ToParsableString(), StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Tells silo <paramref name="siloId"/> to shut down gracefully: Orleans deactivates its grains (sessions write their
    /// records) and the Gateway's calls go to the other silos. Refused for the last active silo.
    /// </summary>
    public async Task<DrainOutcome> DrainAsync(string siloId, CancellationToken cancellationToken)
    {
        var active = await ActiveAsync(cancellationToken);
        if (!active.Any(s => string.Equals(s.ToParsableString(), siloId, StringComparison.Ordinal)))
        {
            return DrainOutcome.NotFound;
        }

        if (active.Count < 2)
        {
            return DrainOutcome.LastSilo;
        }

        await grains.GetGrain<ISiloControlGrain>(siloId).Drain();
        return DrainOutcome.Draining;
    }

    private async Task<(Dictionary<string, PlatformSiloRow> Rows, IReadOnlyList<SiloHistoryEntry> History)> ReadPlatformRowsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string SiloId, string HostName, int Pid, string Version, string StartedAt, string ConfigDigest)>(new CommandDefinition(
            "SELECT silo_id, host_name, pid, version, CAST(started_at AS text), config_digest FROM platform_silos", cancellationToken: cancellationToken));
        var events = await connection.QueryAsync<(string At, string SiloId, string SiloName, string Kind)>(new CommandDefinition(
            "SELECT CAST(at AS text), silo_id, silo_name, kind FROM platform_silo_events ORDER BY at DESC LIMIT 200", cancellationToken: cancellationToken));
        return (
            rows.ToDictionary(r => r.SiloId, r => new PlatformSiloRow(r.HostName, r.Pid, r.Version, DatabaseTimestamps.Parse(r.StartedAt), r.ConfigDigest), StringComparer.Ordinal),
            events.Select(e => new SiloHistoryEntry(DatabaseTimestamps.Parse(e.At), e.SiloId, e.SiloName, e.Kind)).ToList());
    }

    private sealed record PlatformSiloRow(string HostName, int Pid, string Version, DateTimeOffset StartedAt, string ConfigDigest);
}
