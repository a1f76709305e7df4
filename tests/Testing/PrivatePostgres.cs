using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace OrleansPlatform.Testing;

/// <summary>
/// A throw-away PostgreSQL server of one test's own (the same set-up as <c>scripts/postgres.sh</c>: initdb into a temp
/// folder, trust authentication, fsync off), which the test may stop, restart or freeze. The shared test server is never
/// touched. As root, the server runs as the <c>postgres</c> OS user (PostgreSQL refuses root). Every process this
/// helper signals is one of this server's own, found by the postmaster's pid.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);
    private readonly string bin;
    private readonly string folder;
    private readonly string data;
    private readonly string listen;
    private bool running;
    private List<int> frozen = [];

    private PrivatePostgres(string bin, string folder, string listen, int port)
    {
        this.bin = bin;
        this.folder = folder;
        data = Path.Combine(folder, "data");
        this.listen = listen;
        Port = port;
    }

    /// <summary>The TCP port the server listens on.</summary>
    public int Port { get; }

    /// <summary>A superuser connection string to the server's <c>postgres</c> database through <paramref name="host"/>.</summary>
    public string ServerConnectionString(string host = "127.0.0.1") =>
        new NpgsqlConnectionStringBuilder { Host = host, Port = Port, Username = "postgres", Database = "postgres" }.ConnectionString;

    /// <summary>
    /// Creates and starts a server listening on <paramref name="listenAddresses"/> (default: loopback only), trusting
    /// clients from <paramref name="trustedNetworks"/> (CIDR) besides loopback. Fails (never skips) when the PostgreSQL
    /// server binaries are missing; <c>./test.sh</c> installs them.
    /// </summary>
    public static async Task<PrivatePostgres> StartAsync(IReadOnlyList<string>? listenAddresses = null, IReadOnlyList<string>? trustedNetworks = null)
    {
        var initdb = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "initdb")).Where(File.Exists).OrderBy(p => p, StringComparer.Ordinal).LastOrDefault()
            : null;
        if (initdb is null)
        {
            throw new InvalidOperationException("PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb) are missing: run ./test.sh, which installs them, or apt-get install postgresql.");
        }

        var folder = Path.Combine(Path.GetTempPath(), "orleansplatform-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        var server = new PrivatePostgres(Path.GetDirectoryName(initdb)!, folder, string.Join(',', listenAddresses ?? ["127.0.0.1"]), FreePort.Next());
        try
        {
            if (IsRoot)
            {
                await ToolCommand.RunAsync("chown", ["postgres:", folder], CommandTimeout);
            }

            await server.AsServerUserAsync(initdb, ["-D", server.data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C"]);

            // initdb trusts loopback only; e.g. silos in network namespaces connect from their own addresses.
            await File.AppendAllLinesAsync(
                Path.Combine(server.data, "pg_hba.conf"),
                (trustedNetworks ?? []).Select(network => $"host all all {network} trust"));
            await server.StartAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates an empty database on this server for one test (it goes with the server).</summary>
    public Task<TestDatabase> CreateDatabaseAsync(string host = "127.0.0.1") => TestDatabases.CreatePostgresAsync(ServerConnectionString(host), drop: false);

    /// <summary>Starts the (stopped) server and waits until it accepts connections.</summary>
    public async Task StartAsync()
    {
        await AsServerUserAsync(Path.Combine(bin, "pg_ctl"), [
            "-D", data, "-l", Path.Combine(folder, "postgres.log"), "-w", "-t", "60",
            "-o", $"-c listen_addresses={listen} -p {Port} -k {folder} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
            "start"]);
        running = true;
    }

    /// <summary>Stops the server (fast shutdown: sessions are disconnected, as in a restart or fail-over).</summary>
    public async Task StopAsync()
    {
        Thaw();
        await AsServerUserAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "fast", "-w", "-t", "60", "stop"]);
        running = false;
    }

    /// <summary>Stops and starts the server.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    /// <summary>Freezes the whole server (SIGSTOP to the postmaster and every backend): connections stay open, nothing answers.</summary>
    public void Freeze()
    {
        var postmaster = PostmasterPid();

        // The postmaster first, so that it forks no new backend while the others are stopped.
        frozen = [postmaster, .. ChildrenOf(postmaster)];
        foreach (var pid in frozen)
        {
            Signal(pid, 19);
        }
    }

    /// <summary>Resumes a frozen server (SIGCONT, in the reverse order).</summary>
    public void Thaw()
    {
        foreach (var pid in Enumerable.Reverse(frozen))
        {
            Signal(pid, 18);
        }

        frozen = [];
    }

    /// <summary>The server's log so far (for diagnostics).</summary>
    public string Log()
    {
        var path = Path.Combine(folder, "postgres.log");
        return File.Exists(path) ? File.ReadAllText(path) : string.Empty;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (running)
            {
                await StopAsync();
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or TimeoutException)
        {
            // Already gone; the folder goes below either way.
        }

        if (Environment.GetEnvironmentVariable("ORLEANSPLATFORM_TEST_LOGS") is { Length: > 0 } logs)
        {
            Directory.CreateDirectory(logs);
            File.WriteAllText(Path.Combine(logs, $"postgres-{Port}.log"), Log());
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private int PostmasterPid() =>
        int.Parse(File.ReadLines(Path.Combine(data, "postmaster.pid")).First().Trim(), CultureInfo.InvariantCulture);

    private static List<int> ChildrenOf(int parent)
    {
        var children = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                // "pid (comm) state ppid ...": the name may hold spaces, so read after its closing parenthesis.
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], CultureInfo.InvariantCulture) == parent)
                {
                    children.Add(pid);
                }
            }
            catch (IOException)
            {
                // Exited while we looked.
            }
        }

        return children;
    }

    private static void Signal(int pid, int signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", $"-{signal} {pid}") { RedirectStandardError = true, UseShellExecute = false })!;
        kill.WaitForExit();
    }

    private Task AsServerUserAsync(string program, IReadOnlyList<string> args) =>
        IsRoot ? ToolCommand.RunAsync("runuser", ["-u", "postgres", "--", program, .. args], CommandTimeout) : ToolCommand.RunAsync(program, args, CommandTimeout);
}
