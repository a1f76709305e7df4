using Dapper;
using OrleansPlatform.Agent.Resources;
using OrleansPlatform.Workflows.Data;

namespace OrleansPlatform.Agent.Plugins;

/// <summary>
/// A silo's Orleans status, found by its process: the silo registers its pid and host in <c>platform_silos</c> under its
/// Orleans address, and Orleans' membership table holds that address's status.
/// </summary>
internal sealed class SiloMembershipProbe(IClusterDatabase database)
{
    // Orleans' SiloStatus values as the membership table stores them.
    private const int Joining = 2;
    private const int Active = 3;
    private const int ShuttingDown = 4;
    private const int Stopping = 5;
    private const int Dead = 6;

    private const string StatusByProcess =
        "SELECT m.Status FROM platform_silos p JOIN OrleansMembershipTable m "
        + "ON p.silo_id = m.Address || ':' || m.Port::text || '@' || m.Generation::text "
        + "WHERE p.pid = @Pid AND p.host_name = @Host ORDER BY p.started_at DESC LIMIT 1";

    private static readonly string Host = System.Net.Dns.GetHostName();

    public async Task<HealthReport> ProbeAsync(int pid, CancellationToken cancellationToken)
    {
        if (database.Provider != DatabaseProvider.Postgres)
        {
            // The embedded SQLite deployment has no membership table: a running process is all there is to see.
            return HealthReport.Healthy;
        }

        int? status;
        try
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            status = await connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(StatusByProcess, new { Pid = pid, Host }, cancellationToken: cancellationToken));
        }
        catch (System.Data.Common.DbException exception)
        {
            // The database is away, not the silo: restarting silos would not bring it back.
            return HealthReport.Degraded("cannot read the membership table: " + exception.Message);
        }

        return status switch
        {
            Active => HealthReport.Healthy,
            null => HealthReport.Failed("not in the cluster's membership yet"),
            <= Joining => HealthReport.Failed("joining the cluster"),
            ShuttingDown or Stopping => HealthReport.Degraded("leaving the cluster"),
            Dead => HealthReport.Failed("declared dead by the cluster"),
            _ => HealthReport.Failed($"membership status {status}"),
        };
    }
}
