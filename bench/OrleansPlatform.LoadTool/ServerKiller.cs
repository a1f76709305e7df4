using System.Diagnostics;
using Npgsql;

namespace OrleansPlatform.LoadTool;

/// <summary>
/// Kills one server with SIGKILL at a given moment (<c>--kill-pid</c>, <c>--kill-after</c>): a pid from
/// <c>--server-pids</c>, or the silo among them hosting the most sessions, chosen 3 s before the kill from the
/// session records (each names the silo incarnation that wrote it last, i.e. where the session lives) and the silos'
/// registered pids. Nothing else is ever killed.
/// </summary>
public sealed class ServerKiller(LoadOptions options, CpuMeter cpu)
{
    // Live sessions (an ended one keeps its row with state NULL) per silo process among the candidates.
    private const string SessionsPerPidQuery = """
        SELECT p.pid, count(*) AS sessions
        FROM session_records r
        JOIN platform_silos p ON p.silo_id = r.silo
        WHERE r.state IS NOT NULL AND p.pid = ANY(@pids)
        GROUP BY p.pid
        ORDER BY sessions DESC, p.pid
        """;

    // Choosing opens a connection and queries; on a loaded machine that can take more than a second.
    private static readonly TimeSpan ChooseAhead = TimeSpan.FromSeconds(3);

    /// <summary>Waits until <paramref name="killAt"/> (a Stopwatch timestamp), kills, and says whom and when.</summary>
    public async Task<KillRecord> KillAtAsync(long killAt, CancellationToken cancellationToken)
    {
        await Wait.UntilAsync(killAt - (long)(ChooseAhead.TotalSeconds * Stopwatch.Frequency), cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var (pid, choice) = options.KillPid is { } given
            ? (given, "given")
            : await BusiestAsync(cancellationToken).ConfigureAwait(false);
        var name = options.ServerPids.First(p => p.Pid == pid).Name;

        using var process = Process.GetProcessById(pid);
        await Wait.UntilAsync(killAt, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();

        // Its CPU time up to now; the meter keeps it once the process is gone.
        if (cpu.Enabled)
        {
            _ = cpu.Read();
        }

        process.Kill(entireProcessTree: false);
        var at = Stopwatch.GetTimestamp();
        await Console.Error.WriteLineAsync($"loadtool: killed {name} (pid {pid}, {choice})").ConfigureAwait(false);
        return new KillRecord(name, pid, at, choice);
    }

    private async Task<(int Pid, string Choice)> BusiestAsync(CancellationToken cancellationToken)
    {
        var candidates = options.ServerPids.Select(p => p.Pid).ToArray();
        var counts = new List<(int Pid, long Sessions)>();
        await using (var connection = new NpgsqlConnection(options.PostgresConnection))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand(SessionsPerPidQuery, connection);
            command.Parameters.AddWithValue("pids", candidates);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                counts.Add((reader.GetInt32(0), reader.GetInt64(1)));
            }
        }

        if (counts.Count == 0)
        {
            throw new InvalidOperationException("--kill-pid busiest: no live session record names a silo of --server-pids (platform_silos has no such pid).");
        }

        return (counts[0].Pid, $"busiest: {counts[0].Sessions:N0} of {counts.Sum(c => c.Sessions):N0} live session records");
    }
}
