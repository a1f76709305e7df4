using OrleansPlatform.Integration.Tests.Infrastructure;
using OrleansPlatform.Testing;

namespace OrleansPlatform.Integration.Tests.Gateway;

/// <summary>One Gateway process (SQLite, embedded silo) shared by a test class.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    private TestDatabase? _database;

    public GatewayProcess Gateway { get; private set; } = null!;

    /// <summary>The Gateway's database (e.g. to add users: <see cref="TestUsers"/>).</summary>
    public TestDatabase Database => _database!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        Gateway = await GatewayProcess.StartAsync(_database, new Dictionary<string, string>
        {
            // Small capacity and a short wait, so "cluster busy" can be provoked.
            ["Placement__Capacity"] = "40",
            ["Placement__WaitTimeout"] = "00:00:01",
        });
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
