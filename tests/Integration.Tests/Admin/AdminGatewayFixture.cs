using OrleansPlatform.Integration.Tests.Infrastructure;
using OrleansPlatform.Testing;

namespace OrleansPlatform.Integration.Tests.Admin;

/// <summary>One embedded Gateway process (SQLite) with an admin password.</summary>
public sealed class AdminGatewayFixture : IAsyncLifetime
{
    private TestDatabase? database;

    public GatewayProcess Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        Gateway = await GatewayProcess.StartAsync(database, AdminApi.GatewaySettings());
    }

    public async Task DisposeAsync()
    {
        if (Gateway is not null)
        {
            await Gateway.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }
}
