using OrleansPlatform.Integration.Tests.Infrastructure;
using OrleansPlatform.Testing;

namespace OrleansPlatform.Integration.Tests.Admin;

/// <summary>
/// Three silo processes on PostgreSQL (silo-3 started with a local override of a managed setting, so its settings
/// drift from the cluster's) and two Gateway processes in cluster mode with an admin password. Every silo is told by
/// the operator's setting <see cref="RoleRuleKey"/> that leave-request needs the role <see cref="RequiredRole"/>.
/// </summary>
public sealed class AdminClusterFixture : IAsyncLifetime
{
    /// <summary>The setting silo-3 overrides in its own environment, and the value.</summary>
    public const string LocalOverrideKey = "Sessions:WriteBehindDelay";

    public const string LocalOverrideValue = "00:00:02";

    /// <summary>The role the operator's setting requires for leave-request, which declares no access of its own.</summary>
    public const string RequiredRole = "approver";

    /// <summary>The setting (environment form) that requires it.</summary>
    public const string RoleRuleKey = "Applications__Access__leave-request__Roles";

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
        Cluster = await SiloCluster.StartAsync(database, 2, new Dictionary<string, string> { [RoleRuleKey] = RequiredRole });
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
