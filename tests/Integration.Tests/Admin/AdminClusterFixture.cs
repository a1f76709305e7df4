using OrleansPlatform.Integration.Tests.Infrastructure;
using OrleansPlatform.Testing;

namespace OrleansPlatform.Integration.Tests.Admin;

/// <summary>
/// Three silo processes on PostgreSQL (silo-3 started with a local override of a managed setting, so its settings
/// drift from the cluster's) and two Gateway processes in cluster mode with an admin password.
/// </summary>
public sealed class AdminClusterFixture : IAsyncLifetime
{
    /// <summary>The setting silo-3 overrides in its own environment, and the value.</summary>
    public const string LocalOverrideKey = "Sessions:WriteBehindDelay";

    public const string LocalOverrideValue = "00:00:02";

    private TestDatabase? database;

    public SiloCluster Cluster { get; private set; } = null!;

    public GatewayProcess Gateway { get; private set; } = null!;

    /// <summary>A second Gateway of the same cluster: what one Gateway changes, every Gateway must enforce.</summary>
    public GatewayProcess OtherGateway { get; private set; } = null!;

    public AdminApi Admin { get; private set; } = null!;

    public TestDatabase Database => database!;

    public async Task InitializeAsync()
    {
        database = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        Cluster = await SiloCluster.StartAsync(database, 2);
        Cluster.StartSilo(new Dictionary<string, string> { [LocalOverrideKey.Replace(":", "__", StringComparison.Ordinal)] = LocalOverrideValue });
        await Cluster.WaitForActiveAsync(3);
        Gateway = await GatewayProcess.StartForClusterAsync(database, Cluster, AdminApi.GatewaySettings());
        OtherGateway = await GatewayProcess.StartForClusterAsync(database, Cluster, AdminApi.GatewaySettings());
        Admin = new AdminApi(Gateway.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        Admin?.Dispose();
        if (Gateway is not null)
        {
            await Gateway.DisposeAsync();
        }

        if (OtherGateway is not null)
        {
            await OtherGateway.DisposeAsync();
        }

        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }
}
