using System.Globalization;
using Dapper;
using OrleansPlatform.Testing;

namespace OrleansPlatform.Integration.Tests.Infrastructure;

/// <summary>
/// What the README tells a user to run, <c>./run.sh --silos N --postgres ... --port P --no-build</c> (and any further
/// flags), started for one test: <see cref="StartAsync"/> returns once N silos are Active in Orleans' membership and the
/// Gateway answers /health. The silos, their pids and statuses are read from the database (what the node agent
/// itself reads), never from the anonymous cluster API. Disposing stops run.sh (and with it everything it started).
/// </summary>
public sealed class RunShCluster : IAsyncDisposable
{
    // Orleans' SiloStatus values as the membership table stores them.
    public const int Active = 3;
    public const int Dead = 6;

    private const string SilosQuery =
        "SELECT p.silo_id AS Id, p.silo_name AS Name, p.pid AS Pid, m.Status AS Status, m.Address AS Address FROM platform_silos p "
        + "JOIN OrleansMembershipTable m ON p.silo_id = m.Address || ':' || m.Port::text || '@' || m.Generation::text";

    private RunShCluster(PlatformProcess process, string connectionString, int port)
    {
        Process = process;
        ConnectionString = connectionString;
        Port = port;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>run.sh itself (its output is the agent's).</summary>
    public PlatformProcess Process { get; }

    /// <summary>The Gateway, at <c>http://127.0.0.1:{port}</c>.</summary>
    public HttpClient Http { get; }

    /// <summary>The cluster's database.</summary>
    public string ConnectionString { get; }

    /// <summary>The Gateway's port (the agent's API is on the next one).</summary>
    public int Port { get; }

    /// <summary>The node agent's API, as run.sh serves it.</summary>
    public string AgentUrl => $"http://127.0.0.1:{(Port + 1).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The admin password run.sh generated into ./data/admin-password.</summary>
    public static string AdminPasswordFile => Path.Combine(RepoPaths.Root, "data", "admin-password");

    /// <summary>Starts run.sh with <paramref name="silos"/> silos on <paramref name="connectionString"/>, then waits for the cluster.</summary>
    public static async Task<RunShCluster> StartAsync(string connectionString, int silos = 3, IEnumerable<string>? flags = null)
    {
        var port = FreePort.Next();
        var process = PlatformProcess.StartCommand(
            "bash",
            [Path.Combine(RepoPaths.Root, "run.sh"), "--silos", silos.ToString(CultureInfo.InvariantCulture), "--postgres", connectionString,
                "--port", port.ToString(CultureInfo.InvariantCulture), "--no-build", .. flags ?? []],
            RepoPaths.Root,
            new Dictionary<string, string> { ["ORLEANSPLATFORM_Logging__LogLevel__Default"] = "Warning" });
        var cluster = new RunShCluster(process, connectionString, port);
        try
        {
            await Eventually.ReturnsAsync(async () => (await cluster.SilosAsync()).Count(s => s.Status == Active), n => n == silos, TimeSpan.FromSeconds(120));
            await Eventually.ReturnsAsync(cluster.HealthyAsync, up => up, TimeSpan.FromSeconds(60));
            return cluster;
        }
        catch (Exception exception)
        {
            await cluster.DisposeAsync();
            throw new InvalidOperationException($"run.sh did not bring up {silos} Active silos and the Gateway; its output:\n{process.StandardError}", exception);
        }
    }

    /// <summary>Every silo process the cluster has registered, with its Orleans status (empty while the database is away).</summary>
    public async Task<IReadOnlyList<Silo>> SilosAsync()
    {
        try
        {
            await using var connection = await OpenAsync();
            return [.. await connection.QueryAsync<Silo>(SilosQuery)];
        }
        catch (Npgsql.NpgsqlException)
        {
            return [];
        }
    }

    /// <summary>The silo (Orleans address) that last wrote each session's record.</summary>
    public async Task<Dictionary<string, string>> RecordedSilosAsync(IEnumerable<string> sessions)
    {
        await using var connection = await OpenAsync();
        var hosts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in sessions)
        {
            hosts[id] = await connection.QuerySingleAsync<string>("SELECT silo FROM session_records WHERE session_id = @Key", new { Key = id });
        }

        return hosts;
    }

    /// <summary>Each session's record as the database holds it: the silo (Orleans address) that wrote it and its seq.</summary>
    public async Task<Dictionary<string, (string? Silo, long Seq)>> RecordsAsync(IEnumerable<string> sessions)
    {
        await using var connection = await OpenAsync();
        var records = new Dictionary<string, (string? Silo, long Seq)>(StringComparer.Ordinal);
        foreach (var id in sessions)
        {
            var row = await connection.QuerySingleAsync<(string? Silo, long Seq)>("SELECT silo, seq FROM session_records WHERE session_id = @Key", new { Key = id });
            records[id] = row;
        }

        return records;
    }

    /// <summary>The environment for <c>oplat</c> commands to this cluster's agent (its URL and the admin password run.sh generated).</summary>
    public async Task<Dictionary<string, string>> AgentCliAsync() => new(StringComparer.Ordinal)
    {
        ["OPLAT_AGENT_URL"] = AgentUrl,
        ["OPLAT_PASSWORD"] = (await File.ReadAllTextAsync(AdminPasswordFile)).Trim(),
    };

    /// <summary>The agent's resources (<c>oplat resources list --json</c>) by id; empty while the agent does not answer.</summary>
    public async Task<Dictionary<string, Resource>> ResourcesAsync()
    {
        var listed = await OplatProcess.RunAsync(await AgentCliAsync(), RepoPaths.Root, "resources", "list", "--json");
        if (listed.ExitCode != 0)
        {
            return [];
        }

        return System.Text.Json.JsonDocument.Parse(listed.Stdout).RootElement.EnumerateArray().ToDictionary(
            r => r.GetProperty("id").GetString()!,
            r => new Resource(
                r.GetProperty("type").GetString()!,
                r.GetProperty("state").GetString()!,
                r.TryGetProperty("pid", out var pid) && pid.ValueKind == System.Text.Json.JsonValueKind.Number ? pid.GetInt32() : 0,
                r.GetProperty("restarts").GetInt32()),
            StringComparer.Ordinal);
    }

    /// <summary>The silo that hosts most of <paramref name="hosts"/> (session -> silo), by the records they wrote.</summary>
    public static string Busiest(IReadOnlyDictionary<string, string> hosts) =>
        hosts.Values.GroupBy(h => h, StringComparer.Ordinal).OrderByDescending(g => g.Count()).First().Key;

    /// <summary>The items the catalog-search "router" session shows on <paramref name="page"/>, from the products table.</summary>
    public async Task<long[]> ExpectedItemsAsync(int page)
    {
        await using var connection = await OpenAsync();
        return [.. await connection.QueryAsync<long>("SELECT id FROM products WHERE lower(name) LIKE '%router%' ORDER BY id LIMIT 5 OFFSET @Offset", new { Offset = (page - 1) * 5 })];
    }

    /// <summary>Orleans' status of <paramref name="siloId"/> in the membership table.</summary>
    public async Task<int> MembershipStatusAsync(string siloId)
    {
        await using var connection = await OpenAsync();
        return await connection.QuerySingleAsync<int>(
            "SELECT Status FROM OrleansMembershipTable WHERE Address || ':' || Port::text || '@' || Generation::text = @Id", new { Id = siloId });
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Process.DisposeAsync();
    }

    private async Task<Npgsql.NpgsqlConnection> OpenAsync()
    {
        var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private async Task<bool> HealthyAsync()
    {
        try
        {
            using var response = await Http.GetAsync("/health");
            return response.IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>A registered silo process: its Orleans address, resource name, pid, membership status and host address.</summary>
    public sealed record Silo(string Id, string Name, int Pid, int Status, string Address);

    /// <summary>A resource of the node agent: its type, state, pid (0 when not running) and restart count.</summary>
    public sealed record Resource(string Type, string State, int Pid, int Restarts);
}
