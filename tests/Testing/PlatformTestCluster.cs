using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;
using OrleansPlatform.Silo.Hosting;

namespace OrleansPlatform.Testing;

/// <summary>
/// Several platform silos in the test process (Orleans' <see cref="InProcessTestCluster"/>: in-memory transport and
/// membership), each composed with the platform's services and grains as a real silo is, on one test database. For
/// multi-silo behaviour that needs no real crash; crashes and freezes are tested with real processes.
/// </summary>
public sealed class PlatformTestCluster : IAsyncDisposable
{
    private PlatformTestCluster(InProcessTestCluster cluster) => Cluster = cluster;

    public InProcessTestCluster Cluster { get; }

    public IReadOnlyList<InProcessSiloHandle> Silos => Cluster.Silos;

    /// <summary>The grain factory of silo <paramref name="index"/> (calls made from inside that silo).</summary>
    public IGrainFactory GrainFactory(int index = 0) => Cluster.Silos[index].SiloHost.Services.GetRequiredService<IGrainFactory>();

    /// <summary>A service of silo <paramref name="index"/>.</summary>
    public T Service<T>(int index)
        where T : notnull => Cluster.Silos[index].SiloHost.Services.GetRequiredService<T>();

    /// <summary>
    /// Starts <paramref name="silos"/> silos. <paramref name="settings"/> apply to every silo; <paramref name="perSilo"/>
    /// (by silo index) adds or overrides settings of one silo, e.g. its <c>Placement:Capacity</c>.
    /// </summary>
    public static async Task<PlatformTestCluster> StartAsync(
        TestDatabase database,
        int silos,
        IDictionary<string, string?>? settings = null,
        Func<int, IDictionary<string, string?>>? perSilo = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        var common = PlatformSilo.BaseSettings(database);

        // In-process silos share one test process with the rest of a loaded run (./test.sh runs every test project at
        // once on 2 cores): with the product's 1-s probes a starved silo can be declared dead and calls to it hang. No
        // in-process test measures failure detection (real processes do), so these clusters use Orleans' defaults.
        common["Membership:ProbeTimeout"] = "00:00:05";
        common["Membership:NumMissedProbesLimit"] = "3";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            common[key] = value;
        }

        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.Options.ClusterId = common["Silo:ClusterId"]!;
        builder.Options.ServiceId = "orleansplatform";
        builder.Options.InitializeClientOnDeploy = false;
        builder.ConfigureSiloHost((options, host) =>
        {
            var index = int.Parse(options.SiloName.AsSpan(options.SiloName.LastIndexOf('_') + 1), System.Globalization.CultureInfo.InvariantCulture);
            var mine = new Dictionary<string, string?>(common) { ["Silo:SiloName"] = options.SiloName };
            foreach (var (key, value) in perSilo?.Invoke(index) ?? new Dictionary<string, string?>())
            {
                mine[key] = value;
            }

            host.Configuration.AddInMemoryCollection(mine);
            host.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
            host.AddOrleansPlatformServices();
        });
        builder.ConfigureSilo((_, silo) => silo.AddOrleansPlatform(silo.Configuration));
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return new PlatformTestCluster(cluster);
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
