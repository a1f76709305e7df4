using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OrleansPlatform.Runtime;
using OrleansPlatform.Runtime.Client;
using OrleansPlatform.Runtime.Membership;

namespace OrleansPlatform.ClusterBench;

/// <summary>
/// A cluster of real silo processes on the benchmark's PostgreSQL database, with a fresh cluster id and secret, plus a
/// cluster client hosted in this process (as the Gateway hosts one). Silos are named silo-1, silo-2, ... in start order.
/// </summary>
internal sealed class BenchCluster : IAsyncDisposable
{
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

    public IReadOnlyList<SiloProcess> Silos => _silos;

    public IClusterClient Client => _client?.Services.GetRequiredService<IClusterClient>()
        ?? throw new InvalidOperationException("The client is not started.");

    /// <summary>Starts <paramref name="silos"/> silos, waits until they are all Active, then starts the client.</summary>
    public static async Task<BenchCluster> StartAsync(BenchSettings bench, int silos, IReadOnlyDictionary<string, string>? clientSettings, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Database__Provider"] = "Postgres",
            ["Database__ConnectionString"] = bench.Postgres,
            ["Silo__ClusterId"] = "cb" + Convert.ToHexString(RandomNumberGenerator.GetBytes(5)).ToLowerInvariant(),
            ["Transport__ClusterSecret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)),
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
        };
        var cluster = new BenchCluster(bench, settings);
        try
        {
            for (var i = 0; i < silos; i++)
            {
                cluster.StartSilo();
            }

            await cluster.WaitForActiveAsync(silos, TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            await cluster.StartClientAsync(clientSettings, cancellationToken).ConfigureAwait(false);
            await cluster.WaitForClientViewAsync(silos, TimeSpan.FromSeconds(20), cancellationToken).ConfigureAwait(false);
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

    /// <summary>Waits until at least <paramref name="count"/> silos of this cluster are Active in the membership table.</summary>
    public async Task WaitForActiveAsync(int count, TimeSpan within, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            if (_silos.FirstOrDefault(s => s.HasExited && !s.IsStopping) is { } exited)
            {
                throw new InvalidOperationException($"{exited.Name} (pid {exited.Pid}) exited unexpectedly:\n{exited.OutputTail}");
            }

            if (await CountActiveAsync(cancellationToken).ConfigureAwait(false) >= count)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{count} active silos not reached within {within.TotalSeconds:0} s.");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until the client's own membership view shows <paramref name="count"/> active silos.</summary>
    public async Task WaitForClientViewAsync(int count, TimeSpan within, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + within;
        while ((await Client.Membership.RefreshAsync(cancellationToken).ConfigureAwait(false)).ActiveSilos.Count() < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The client did not see {count} active silos within {within.TotalSeconds:0} s.");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The name of the silo with id <paramref name="siloId"/> in the client's view.</summary>
    public string NameOf(string siloId) => Client.Membership.Current.Find(siloId)?.Name ?? "?";

    /// <summary>
    /// The silo the cluster client sends a first attempt for <paramref name="grain"/> to. This mirrors
    /// <c>ClusterClient.ChooseSiloAsync</c> (attempt 0): the active silos ordered by id, indexed by the 32-bit FNV-1a hash
    /// of the grain id's UTF-8 text (<c>Placement.StableHash</c>, internal to the runtime). Keep the two in step.
    /// </summary>
    public SiloEntry GatewayFor(GrainId grain)
    {
        var active = Client.Membership.Current.ActiveSilos.OrderBy(s => s.Address.Id, StringComparer.Ordinal).ToList();
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(grain.ToString()))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return active[(int)(hash % (uint)active.Count)];
    }

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

    private async Task<int> CountActiveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(_bench.Postgres);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT count(*) FROM membership WHERE cluster_id = @cluster AND status = @active", connection);
            command.Parameters.AddWithValue("cluster", ClusterId);
            command.Parameters.AddWithValue("active", (int)SiloStatus.Active);
            return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // The first silo has not migrated the schema yet.
            return 0;
        }
    }

    private async Task StartClientAsync(IReadOnlyDictionary<string, string>? clientSettings, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(
            _settings.Concat(clientSettings ?? new Dictionary<string, string>())
                .Select(kv => KeyValuePair.Create(kv.Key.Replace("__", ":", StringComparison.Ordinal), (string?)kv.Value)));
        builder.Services.AddClusterClient();
        _client = builder.Build();
        await _client.StartAsync(cancellationToken).ConfigureAwait(false);
    }
}
