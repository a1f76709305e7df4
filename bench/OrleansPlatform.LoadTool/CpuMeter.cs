using System.Globalization;

namespace OrleansPlatform.LoadTool;

/// <summary>
/// CPU time (user + system) used by server processes, from <c>/proc/PID/stat</c> (Linux; ticks of 1/100 s, the
/// USER_HZ of every mainstream Linux build). A PostgreSQL server is counted as its postmaster plus all its child
/// processes (backends, writer, WAL writer, ...), found by their parent pid. A server that has exited since an
/// earlier reading keeps the CPU time it had then (read it just before killing one).
/// </summary>
public sealed class CpuMeter(IReadOnlyList<(string Name, int Pid)> serverPids, int? postmasterPid)
{
    private const double TicksPerSecond = 100;
    private readonly Dictionary<int, long> _lastServerTicks = [];

    public bool Enabled => serverPids.Count > 0 || postmasterPid is not null;

    /// <summary>CPU seconds used so far by each server and by PostgreSQL.</summary>
    public (Dictionary<string, double> Servers, double Postgres) Read()
    {
        var servers = new Dictionary<string, double>(StringComparer.Ordinal);
        lock (_lastServerTicks)
        {
            foreach (var (name, pid) in serverPids)
            {
                var ticks = Stat(pid)?.Ticks ?? _lastServerTicks.GetValueOrDefault(pid);
                _lastServerTicks[pid] = ticks;
                servers[name] = servers.GetValueOrDefault(name) + (ticks / TicksPerSecond);
            }
        }

        var postgres = 0L;
        if (postmasterPid is { } postmaster)
        {
            postgres = Ticks(postmaster);
            foreach (var directory in Directory.EnumerateDirectories("/proc"))
            {
                if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                    && Stat(pid) is { } stat && stat.ParentPid == postmaster)
                {
                    postgres += stat.Ticks;
                }
            }
        }

        return (servers, postgres / TicksPerSecond);
    }

    private static long Ticks(int pid) => Stat(pid)?.Ticks ?? 0;

    private static (int ParentPid, long Ticks)? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) state ppid ...": comm may contain spaces and parentheses; fields after the last ')' are fixed.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] = state (field 3), fields[1] = ppid (4), fields[11] = utime (14), fields[12] = stime (15).
        return fields.Length > 12
            && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent)
            && long.TryParse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture, out var user)
            && long.TryParse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture, out var system)
                ? (parent, user + system)
                : null;
    }
}
