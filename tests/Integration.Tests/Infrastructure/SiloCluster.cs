using System.Security.Cryptography;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansPlatform.Runtime;
using OrleansPlatform.Runtime.Client;
using OrleansPlatform.Runtime.Database;
using OrleansPlatform.Runtime.Membership;
using OrleansPlatform.Testing;

namespace OrleansPlatform.Integration.Tests.Infrastructure;

/// <summary>
/// A cluster of real silo processes (the Silo executable) on one test database, with its own cluster id and secret,
/// plus a cluster client hosted in the test process. Processes are ended by their own pids on dispose.
/// </summary>
public sealed class SiloCluster : IAsyncDisposable
{
    private readonly TestDatabase _database;
    private readonly Dictionary<string, string> _settings;
    private readonly TempDirectory _workDir = new();
    private readonly ServiceProvider _databaseServices;
    private readonly List<PlatformProcess> _silos = [];
    private IHost? _client;

    private SiloCluster(TestDatabase database, Dictionary<string, string> settings)
    {
        _database = database;
        _settings = settings;
        _databaseServices = database.BuildServices();
    }

    public string ClusterId => _settings["Silo__ClusterId"];

    /// <summary>The settings every process of this cluster gets (environment variable names without the ORLEANSPLATFORM_ prefix).</summary>
    public IReadOnlyDictionary<string, string> Settings => _settings;

    public string Secret => _settings["Transport__ClusterSecret"];

    public IReadOnlyList<PlatformProcess> Silos => _silos;

    public IClusterClient Client => _client!.Services.GetRequiredService<IClusterClient>();

    public IServiceProvider ClientServices => _client!.Services;

    /// <summary>Starts <paramref name="silos"/> silo processes and a client, and waits until all silos are Active.</summary>
    public static async Task<SiloCluster> StartAsync(TestDatabase database, int silos, IDictionary<string, string>? settings = null)
    {
        var all = new Dictionary<string, string>(database.EnvironmentVariables)
        {
            ["Silo__ClusterId"] = "c" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant(),
            ["Transport__ClusterSecret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)),
            ["Logging__LogLevel__Default"] = Environment.GetEnvironmentVariable("ORLEANSPLATFORM_TEST_LOG_LEVEL") ?? "Warning",
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        var cluster = new SiloCluster(database, all);
        try
        {
            for (var i = 0; i < silos; i++)
            {
                cluster.StartSilo();
            }

            await cluster.WaitForActiveAsync(silos);
            await cluster.StartClientAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts one more silo process named silo-N.</summary>
    public PlatformProcess StartSilo()
    {
        var name = $"silo-{_silos.Count + 1}";
        var process = PlatformProcess.Start(
            RepoPaths.SiloDll,
            ["--silo-name", name],
            _workDir.Path,
            _settings.ToDictionary(kv => "ORLEANSPLATFORM_" + kv.Key, kv => kv.Value));
        _silos.Add(process);
        return process;
    }

    /// <summary>Reads the membership table directly.</summary>
    public async Task<IReadOnlyList<(string SiloId, string Name, SiloStatus Status, int Pid)>> ReadMembershipAsync()
    {
        await using var connection = await OpenDatabaseAsync();
        var rows = await connection.QueryAsync<(string SiloId, string Name, int Status, int Pid)>(
            "SELECT silo_id, silo_name, status, pid FROM membership WHERE cluster_id = @Cluster",
            new { Cluster = ClusterId });
        return rows.Select(r => (r.SiloId, r.Name, (SiloStatus)r.Status, r.Pid)).ToList();
    }

    /// <summary>Waits until at least <paramref name="count"/> silos are Active in the table.</summary>
    public async Task WaitForActiveAsync(int count, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            foreach (var silo in _silos.Where(s => s.HasExited))
            {
                throw new InvalidOperationException($"silo pid {silo.Pid} exited: {silo.StandardError}\n{silo.StandardOutput}");
            }

            try
            {
                if ((await ReadMembershipAsync()).Count(r => r.Status == SiloStatus.Active) >= count)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException)
            {
                // The table does not exist until the first silo migrated the schema.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{count} active silos not reached in time.");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Waits until the silo with process id <paramref name="pid"/> is Dead in the table; returns when it was seen.</summary>
    public async Task WaitForDeadAsync(int pid, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while ((await ReadMembershipAsync()).Any(r => r.Pid == pid && r.Status != SiloStatus.Dead))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"silo pid {pid} was not declared dead within {within}.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Opens a connection to the cluster database.</summary>
    public async Task<System.Data.Common.DbConnection> OpenDatabaseAsync() =>
        await _databaseServices.GetRequiredService<IClusterDatabase>().OpenConnectionAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync();
            _client.Dispose();
        }

        foreach (var silo in _silos)
        {
            try
            {
                silo.Signal(18);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }

        await Task.WhenAll(_silos.Select(s => s.DisposeAsync().AsTask()));
        await _databaseServices.DisposeAsync();
        if (Environment.GetEnvironmentVariable("ORLEANSPLATFORM_TEST_LOGS") is { Length: > 0 } logDirectory)
        {
            // Diagnostics for a failing run: every silo's output, by silo.
            Directory.CreateDirectory(logDirectory);
            for (var i = 0; i < _silos.Count; i++)
            {
                await File.WriteAllTextAsync(
                    Path.Combine(logDirectory, $"{ClusterId}-silo-{i + 1}.log"),
                    _silos[i].StandardOutput + "\n--- stderr ---\n" + _silos[i].StandardError);
            }
        }
        _workDir.Dispose();
    }

    private async Task StartClientAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(_settings.Select(kv => KeyValuePair.Create(kv.Key.Replace("__", ":", StringComparison.Ordinal), (string?)kv.Value)));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddClusterClient();
        _client = builder.Build();
        await _client.StartAsync();
    }
}
