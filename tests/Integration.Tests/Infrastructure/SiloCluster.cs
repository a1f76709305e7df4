using System.Data.Common;
using System.Security.Cryptography;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansPlatform.Silo.Hosting;
using OrleansPlatform.Testing;
using OrleansPlatform.Workflows.Data;

namespace OrleansPlatform.Integration.Tests.Infrastructure;

/// <summary>
/// A cluster of real silo processes (the Silo executable) on one PostgreSQL test database, with its own cluster id and
/// secret, plus an Orleans cluster client hosted in the test process (composed as the Gateway composes its own).
/// Processes are ended by their own pids on dispose.
/// </summary>
public sealed class SiloCluster : IAsyncDisposable
{
    private readonly Dictionary<string, string> settings;
    private readonly TempDirectory workDir = new();
    private readonly ServiceProvider databaseServices;
    private readonly List<PlatformProcess> silos = [];
    private IHost? client;

    private SiloCluster(TestDatabase database, Dictionary<string, string> settings)
    {
        Database = database;
        this.settings = settings;
        databaseServices = database.BuildServices();
    }

    public TestDatabase Database { get; }

    public string ClusterId => settings["Silo__ClusterId"];

    /// <summary>The settings every process of this cluster gets (environment variable names without the ORLEANSPLATFORM_ prefix).</summary>
    public IReadOnlyDictionary<string, string> Settings => settings;

    public IReadOnlyList<PlatformProcess> Silos => silos;

    public IClusterClient Client => client!.Services.GetRequiredService<IClusterClient>();

    /// <summary>Starts <paramref name="count"/> silo processes and a client, and waits until all silos are Active.</summary>
    /// <param name="launch">per silo (by index): settings of its own and a command prefix (e.g. <c>ip netns exec NAME</c>).</param>
    public static async Task<SiloCluster> StartAsync(TestDatabase database, int count, IDictionary<string, string>? extra = null, bool withClient = true, Func<int, SiloLaunch>? launch = null)
    {
        var all = new Dictionary<string, string>(database.EnvironmentVariables)
        {
            ["Silo__ClusterId"] = "c" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)),
            ["Transport__ClusterSecret"] = "test-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            ["Logging__LogLevel__Default"] = Environment.GetEnvironmentVariable("ORLEANSPLATFORM_TEST_LOG_LEVEL") ?? "Warning",
            ["Logging__LogLevel__OrleansPlatform.Grains.Sessions"] = "Information",
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        var cluster = new SiloCluster(database, all);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var how = launch?.Invoke(i);
                cluster.StartSilo(how?.Only, how?.CommandPrefix);
            }

            await cluster.WaitForActiveAsync(count);
            if (withClient)
            {
                cluster.client = await StartClientAsync(all);
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>An Orleans client of this cluster with these settings (e.g. a wrong secret), started; the caller disposes it.</summary>
    public static async Task<IHost> StartClientAsync(IReadOnlyDictionary<string, string> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings.Select(kv => KeyValuePair.Create(kv.Key.Replace("__", ":", StringComparison.Ordinal), (string?)kv.Value)));
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.AddOrleansPlatformClient();
        var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.StartAsync(timeout.Token);
        return host;
    }

    /// <summary>
    /// Starts one more silo process named silo-N, or <paramref name="name"/> (with extra settings for this silo only), its command line after
    /// <paramref name="commandPrefix"/> when one is given (a program that execs the rest, so the pid stays the silo's).
    /// </summary>
    public PlatformProcess StartSilo(IDictionary<string, string>? only = null, IReadOnlyList<string>? commandPrefix = null, string? name = null)
    {
        name ??= $"silo-{silos.Count + 1}";
        var environment = settings.ToDictionary(kv => "ORLEANSPLATFORM_" + kv.Key, kv => kv.Value);
        foreach (var (key, value) in only ?? new Dictionary<string, string>())
        {
            environment["ORLEANSPLATFORM_" + key] = value;
        }

        var process = commandPrefix is { Count: > 0 }
            ? PlatformProcess.StartCommand(commandPrefix[0], [.. commandPrefix.Skip(1), "dotnet", RepoPaths.SiloDll, "--silo-name", name], workDir.Path, environment)
            : PlatformProcess.Start(RepoPaths.SiloDll, ["--silo-name", name], workDir.Path, environment);
        silos.Add(process);
        return process;
    }

    /// <summary>Orleans' membership rows of this cluster, with each silo's process id from <c>platform_silos</c> (0 until it is active).</summary>
    public async Task<IReadOnlyList<Member>> ReadMembershipAsync()
    {
        await using var connection = await OpenDatabaseAsync();
        var rows = await connection.QueryAsync<(string SiloId, string Name, int Status, int Pid)>(
            """
            SELECT m.Address || ':' || m.Port || '@' || m.Generation AS SiloId, m.SiloName AS Name, m.Status AS Status, coalesce(p.pid, 0) AS Pid
            FROM OrleansMembershipTable m
            LEFT JOIN platform_silos p ON p.silo_id = m.Address || ':' || m.Port || '@' || m.Generation
            WHERE m.DeploymentId = @Cluster
            """,
            new { Cluster = ClusterId });
        return rows.Select(r => new Member(r.SiloId, r.Name, (SiloStatus)r.Status, r.Pid)).ToList();
    }

    /// <summary>Waits until at least <paramref name="count"/> silos are Active (and have recorded their pid).</summary>
    public async Task WaitForActiveAsync(int count, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            foreach (var silo in silos.Where(s => s.HasExited && s.ExitCode is not (0 or null)))
            {
                throw new InvalidOperationException($"silo pid {silo.Pid} exited with {silo.ExitCode}: {silo.StandardError}\n{silo.StandardOutput}");
            }

            try
            {
                if ((await ReadMembershipAsync()).Count(r => r.Status == SiloStatus.Active && r.Pid != 0) >= count)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is DbException)
            {
                // The tables do not exist until the first silo migrated the schema.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{count} active silos not reached in time.");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Waits until the silo with process id <paramref name="pid"/> is Dead in the membership table.</summary>
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

    /// <summary>The silo id (<c>address:port@generation</c>) of the silo process <paramref name="process"/>.</summary>
    public async Task<string> SiloIdOfAsync(PlatformProcess process) =>
        (await ReadMembershipAsync()).Single(m => m.Pid == process.Pid).SiloId;

    /// <summary>The silo process whose silo id is <paramref name="siloId"/>.</summary>
    public async Task<PlatformProcess> ProcessOfAsync(string siloId)
    {
        var pid = (await ReadMembershipAsync()).Single(m => m.SiloId == siloId).Pid;
        return silos.Single(s => s.Pid == pid);
    }

    /// <summary>Opens a connection to the cluster database.</summary>
    public async Task<DbConnection> OpenDatabaseAsync() =>
        await databaseServices.GetRequiredService<IClusterDatabase>().OpenConnectionAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        if (client is not null)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await client.StopAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
            }

            client.Dispose();
        }

        foreach (var silo in silos.Where(s => !s.HasExited))
        {
            silo.Signal(18);
        }

        await Task.WhenAll(silos.Select(s => s.DisposeAsync().AsTask()));
        await databaseServices.DisposeAsync();
        if (Environment.GetEnvironmentVariable("ORLEANSPLATFORM_TEST_LOGS") is { Length: > 0 } logDirectory)
        {
            // Diagnostics for a failing run: every silo's output, by silo.
            Directory.CreateDirectory(logDirectory);
            for (var i = 0; i < silos.Count; i++)
            {
                await File.WriteAllTextAsync(
                    Path.Combine(logDirectory, $"{ClusterId}-silo-{i + 1}.log"),
                    silos[i].StandardOutput + "\n--- stderr ---\n" + silos[i].StandardError);
            }
        }

        workDir.Dispose();
    }

    /// <summary>How one silo process is started: settings of its own, and a command prefix.</summary>
    public sealed record SiloLaunch(IDictionary<string, string>? Only, IReadOnlyList<string>? CommandPrefix);

    /// <summary>A membership row.</summary>
    public sealed record Member(string SiloId, string Name, SiloStatus Status, int Pid);
}
