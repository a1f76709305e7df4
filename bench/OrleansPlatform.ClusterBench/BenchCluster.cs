using System.Diagnostics;
using System.Security.Cryptography;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OrleansPlatform.Silo.Hosting;

namespace OrleansPlatform.ClusterBench;

/// <summary>
/// A cluster of real silo processes on the benchmark's PostgreSQL database, with a fresh cluster id and secret, plus an
/// Orleans cluster client hosted in this process and composed as the Gateway composes it
/// (<c>AddOrleansPlatformClient</c>). Silos are named silo-1, silo-2, ... in start order.
/// </summary>
internal sealed class BenchCluster : IAsyncDisposable
{
    // The membership row of every silo incarnation of this cluster with the pid the silo registered.
    private const string MembersQuery = """
        SELECT m.Address || ':' || m.Port || '@' || m.Generation AS SiloId, m.Address, m.Port, m.Generation, m.SiloName AS Name,
               m.Status, coalesce(p.pid, 0) AS Pid
        FROM OrleansMembershipTable m
        LEFT JOIN platform_silos p ON p.silo_id = m.Address || ':' || m.Port || '@' || m.Generation
        WHERE m.DeploymentId = @Cluster
        """;

    private readonly BenchSettings _bench;
    private readonly Dictionary<string, string> _settings;
    private readonly DirectoryInfo _workDir = Directory.CreateTempSubdirectory("clusterbench-");
    private readonly List<SiloProcess> _silos = [];
    private IHost? _client;

    private BenchCluster(BenchSettings bench, Dictionary<string, string> settings)
    {
        _bench = bench;
        _settings = settings;
    }

    public string ClusterId => _settings["Silo__ClusterId"];

    public string Postgres => _bench.Postgres;

    public IReadOnlyList<SiloProcess> Silos => _silos;

    public IClusterClient Client => _client?.Services.GetRequiredService<IClusterClient>()
        ?? throw new InvalidOperationException("The client is not started.");

    /// <summary>
    /// Starts <paramref name="silos"/> silos (with <paramref name="siloSettings"/> on top of the cluster's, in
    /// environment-variable form without the prefix, e.g. <c>Membership__ProbeTimeout</c>), waits until they are all
    /// Active in the membership table, then starts the client.
    /// </summary>
    public static async Task<BenchCluster> StartAsync(BenchSettings bench, int silos, IReadOnlyDictionary<string, string>? siloSettings, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Database__Provider"] = "Postgres",
            ["Database__ConnectionString"] = bench.Postgres,
            ["Silo__ClusterId"] = "cb" + RandomNumberGenerator.GetHexString(10, lowercase: true),
            ["Transport__ClusterSecret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)),
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
        };
        foreach (var (key, value) in siloSettings ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        var cluster = new BenchCluster(bench, settings);
        try
        {
            for (var i = 0; i < silos; i++)
            {
                cluster.StartSilo();
            }

            await cluster.WaitForActiveAsync(silos, TimeSpan.FromSeconds(90), cancellationToken).ConfigureAwait(false);
            await cluster.StartClientAsync(cancellationToken).ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts one more silo process, named silo-N (N = how many were started before, plus one).</summary>
    public SiloProcess StartSilo()
    {
        var silo = SiloProcess.Start(_bench.SiloDll, $"silo-{_silos.Count + 1}", _workDir.FullName, _settings);
        _silos.Add(silo);
        return silo;
    }

    /// <summary>
    /// Waits until at least <paramref name="count"/> silos of this cluster are Active in the membership table and every
    /// Active one has registered its pid.
    /// </summary>
    public async Task WaitForActiveAsync(int count, TimeSpan within, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (_silos.FirstOrDefault(s => s.HasExited && !s.IsStopping) is { } exited)
            {
                throw new InvalidOperationException($"{exited.Name} (pid {exited.Pid}) exited unexpectedly:\n{exited.OutputTail}");
            }

            var active = (await ReadMembersAsync(cancellationToken).ConfigureAwait(false)).Where(m => m.Status == ClusterMember.Active).ToList();
            if (active.Count >= count && active.All(m => m.Pid != 0))
            {
                return;
            }

            if (waited.Elapsed > within)
            {
                throw new TimeoutException($"{count} active silos not reached within {within.TotalSeconds:0} s (active: {string.Join(", ", active.Select(m => m.Name))}).");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Every silo incarnation of this cluster in the membership table (none before the first silo migrated the schema).</summary>
    public async Task<IReadOnlyList<ClusterMember>> ReadMembersAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(_bench.Postgres);
            var rows = await connection.QueryAsync<ClusterMember>(new CommandDefinition(MembersQuery, new { Cluster = ClusterId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return rows.ToList();
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return [];
        }
    }

    /// <summary>The silo process this tool started whose pid the member registered.</summary>
    public SiloProcess ProcessOf(ClusterMember member) =>
        _silos.SingleOrDefault(s => s.Pid == member.Pid)
        ?? throw new InvalidOperationException($"{member.Name} ({member.SiloId}) has pid {member.Pid}, which is not a silo this tool started.");

    /// <summary>The silo's name for a silo id, from the membership rows given.</summary>
    public static string NameOf(IEnumerable<ClusterMember> members, string siloId) =>
        members.FirstOrDefault(m => m.SiloId == siloId)?.Name ?? siloId;

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _client.StopAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Bounded; the process ends soon anyway.
            }

            _client.Dispose();
        }

        // Graceful leave of all silos at once (bounded), then SIGKILL of any that did not exit.
        await Task.WhenAll(_silos.Select(s => s.DisposeAsync().AsTask())).ConfigureAwait(false);
        try
        {
            _workDir.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private async Task StartClientAsync(CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(
            _settings.Where(kv => !kv.Key.StartsWith("Logging__", StringComparison.Ordinal))
                .Select(kv => KeyValuePair.Create(kv.Key.Replace("__", ":", StringComparison.Ordinal), (string?)kv.Value)));

        // The client's own complaints (a gateway gone in the failover runs) are expected; errors only.
        builder.Logging.AddSimpleConsole(options => options.SingleLine = true).SetMinimumLevel(LogLevel.Error);
        builder.AddOrleansPlatformClient();
        _client = builder.Build();
        await _client.StartAsync(cancellationToken).ConfigureAwait(false);
    }
}
