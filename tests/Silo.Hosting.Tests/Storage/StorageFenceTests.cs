using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OrleansPlatform.Silo.Hosting.Storage;
using OrleansPlatform.Testing;
using OrleansPlatform.Workflows.Data;
using OrleansPlatform.Workflows.Data.Migrations;

namespace OrleansPlatform.Silo.Hosting.Tests.Storage;

/// <summary>
/// The fence of grain persistence on PostgreSQL (migration 0003): the write and clear queries land only while the
/// writing silo incarnation, named by its connection's session settings, is a live member in Orleans' membership
/// table. Run here without a live silo (a silo declared dead stops itself): a connection set up as
/// <see cref="StorageFenceDataSource"/> sets it up, for a membership row the test writes, and the query text exactly as
/// Orleans reads it from <c>OrleansQuery</c>, with the parameters Orleans binds.
/// </summary>
public sealed class StorageFenceTests : IAsyncLifetime
{
    private const string ServiceId = "orleansplatform";
    private const string GrainType = "counter";

    private TestDatabase database = null!;
    private string writeQuery = "";
    private string clearQuery = "";
    private string readQuery = "";

    public async Task InitializeAsync()
    {
        database = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        await using var services = database.BuildServices(collection => collection.AddMigrationsFrom(PlatformMigrations.SiloHosting));
        await services.GetRequiredService<ISchemaMigrator>().MigrateAsync(CancellationToken.None);
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        var queries = (await connection.QueryAsync<(string Key, string Text)>("SELECT QueryKey, QueryText FROM OrleansQuery"))
            .ToDictionary(query => query.Key, query => query.Text, StringComparer.Ordinal);
        writeQuery = queries["WriteToStorageKey"];
        clearQuery = queries["ClearStorageKey"];
        readQuery = queries["ReadFromStorageKey"];
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Writes_land_while_the_silo_is_a_live_member_and_are_refused_once_it_is_declared_dead()
    {
        var silo = MembershipRows.NewSilo();
        await MembershipRows.InsertAsync(database, silo, MembershipRows.Active);
        var grain = FakeGrain.New();
        await using var connection = await OpenAsSiloAsync(silo);

        Assert.Equal([1], await WriteAsync(connection, grain, version: null, "v1"));
        Assert.Equal([2], await WriteAsync(connection, grain, version: 1, "v2"));

        // Stopping (graceful shutdown) is still a member: its last writes land.
        await MembershipRows.SetStatusAsync(database, silo, MembershipRows.Stopping);
        Assert.Equal([3], await WriteAsync(connection, grain, version: 2, "v3"));

        await MembershipRows.SetStatusAsync(database, silo, MembershipRows.Dead);

        // Holding the current ETag is not enough: no row comes back (Orleans' InconsistentStateException), nothing changes.
        Assert.Empty(await WriteAsync(connection, grain, version: 3, "after death"));
        Assert.Equal((3, "v3"), await StoredAsync(grain));

        // Nor can the dead silo insert the first state of another grain.
        var other = FakeGrain.New();
        Assert.Empty(await WriteAsync(connection, other, version: null, "never"));
        Assert.Null(await StoredOrNullAsync(other));
    }

    [Fact]
    public async Task Clears_land_while_the_silo_is_a_live_member_and_are_refused_once_it_is_declared_dead()
    {
        var silo = MembershipRows.NewSilo();
        await MembershipRows.InsertAsync(database, silo, MembershipRows.Active);
        var cleared = FakeGrain.New();
        var kept = FakeGrain.New();
        await using var connection = await OpenAsSiloAsync(silo);
        Assert.Equal([1], await WriteAsync(connection, cleared, version: null, "to clear"));
        Assert.Equal([1], await WriteAsync(connection, kept, version: null, "to keep"));

        Assert.Equal([2], await ClearAsync(connection, cleared, version: 1));
        Assert.Equal((2, (string?)null), await StoredAsync(cleared));

        await MembershipRows.SetStatusAsync(database, silo, MembershipRows.Dead);

        Assert.Empty(await ClearAsync(connection, kept, version: 1));
        Assert.Equal((1, "to keep"), await StoredAsync(kept));
    }

    [Fact]
    public async Task The_fence_is_per_incarnation_and_needs_the_silo_identity_on_the_connection()
    {
        var dead = MembershipRows.NewSilo();
        var restarted = dead with { Generation = dead.Generation + 1 };
        await MembershipRows.InsertAsync(database, dead, MembershipRows.Dead);
        await MembershipRows.InsertAsync(database, restarted, MembershipRows.Active);
        var grain = FakeGrain.New();

        // The restarted silo (same address and port, next generation) writes; the dead incarnation does not.
        await using (var successor = await OpenAsSiloAsync(restarted))
        {
            Assert.Equal([1], await WriteAsync(successor, grain, version: null, "by the successor"));
        }

        await using (var predecessor = await OpenAsSiloAsync(dead))
        {
            Assert.Empty(await WriteAsync(predecessor, grain, version: 1, "by the dead one"));
        }

        // An Active row of another cluster does not count.
        await using (var foreign = await OpenAsSiloAsync(restarted with { ClusterId = restarted.ClusterId + "-other" }))
        {
            Assert.Empty(await WriteAsync(foreign, grain, version: 1, "from another cluster"));
        }

        // A connection that does not say which silo it is (any process but a silo) writes nothing.
        await using (var anonymous = new NpgsqlConnection(database.ConnectionString))
        {
            await anonymous.OpenAsync();
            Assert.Empty(await WriteAsync(anonymous, grain, version: 1, "anonymous"));
            Assert.Empty(await WriteAsync(anonymous, FakeGrain.New(), version: null, "anonymous insert"));
            Assert.Empty(await ClearAsync(anonymous, grain, version: 1));
        }

        Assert.Equal((1, "by the successor"), await StoredAsync(grain));
    }

    [Fact]
    public async Task A_running_silos_storage_connections_carry_its_own_identity_as_a_live_member()
    {
        await using var siloDatabase = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        await using var silo = await PlatformSilo.StartAsync(siloDatabase, new Dictionary<string, string?> { ["Catalog:SeedProducts"] = "0" });
        var details = silo.Services.GetRequiredService<ILocalSiloDetails>();
        var fence = silo.Services.GetRequiredService<StorageFenceDataSource>();

        await using var connection = await fence.DataSource.OpenConnectionAsync();
        var settings = await connection.QuerySingleAsync<(string ClusterId, string Address, string Port, string Generation)>(
            "SELECT current_setting('orleansplatform.cluster_id'), current_setting('orleansplatform.silo_address'), "
            + "current_setting('orleansplatform.silo_port'), current_setting('orleansplatform.silo_generation')");
        Assert.Equal(details.ClusterId, settings.ClusterId);
        Assert.Equal(details.SiloAddress.Endpoint.Address.ToString(), settings.Address);
        Assert.Equal(details.SiloAddress.Endpoint.Port.ToString(CultureInfo.InvariantCulture), settings.Port);
        Assert.Equal(details.SiloAddress.Generation.ToString(CultureInfo.InvariantCulture), settings.Generation);

        // Those settings name the silo's own membership row, Active: the fence lets its writes through.
        var status = await connection.ExecuteScalarAsync<int>(
            "SELECT Status FROM OrleansMembershipTable WHERE DeploymentId = current_setting('orleansplatform.cluster_id') "
            + "AND Address = current_setting('orleansplatform.silo_address') AND Port = current_setting('orleansplatform.silo_port')::integer "
            + "AND Generation = current_setting('orleansplatform.silo_generation')::integer");
        Assert.Equal(MembershipRows.Active, status);
        var storage = silo.Services.GetRequiredKeyedService<Orleans.Storage.IGrainStorage>("Default");
        var state = new GrainState<int>(5);
        await storage.WriteStateAsync(GrainType, GrainId.Create("fence-live", "k-" + Guid.NewGuid().ToString("N")), state);
        Assert.Equal("1", state.ETag);
    }

    /// <summary>A connection that says it is <paramref name="silo"/>, as <see cref="StorageFenceDataSource"/> sets it up.</summary>
    private async Task<NpgsqlConnection> OpenAsSiloAsync(FakeSilo silo)
    {
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString)
        {
            Options = $"-c orleansplatform.cluster_id={silo.ClusterId} -c orleansplatform.silo_address={silo.Address} "
                + $"-c orleansplatform.silo_port={silo.Port} -c orleansplatform.silo_generation={silo.Generation}",
        };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Runs WriteToStorageKey as Orleans does; returns the NewGrainStateVersion rows (none: not written).</summary>
    private async Task<List<int>> WriteAsync(NpgsqlConnection connection, FakeGrain grain, int? version, string payload)
    {
        await using var command = Command(connection, writeQuery, grain, version);
        Add(command, "PayloadBinary", DbType.Binary, System.Text.Encoding.UTF8.GetBytes(payload));
        return await VersionsAsync(command);
    }

    private async Task<List<int>> ClearAsync(NpgsqlConnection connection, FakeGrain grain, int version)
    {
        await using var command = Command(connection, clearQuery, grain, version);
        return await VersionsAsync(command);
    }

    private async Task<(int Version, string? Payload)> StoredAsync(FakeGrain grain) =>
        await StoredOrNullAsync(grain) ?? throw new InvalidOperationException($"No stored state of {grain}.");

    /// <summary>What ReadFromStorageKey returns for <paramref name="grain"/>, read as Orleans reads it.</summary>
    private async Task<(int Version, string? Payload)?> StoredOrNullAsync(FakeGrain grain)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(readQuery, connection);
        AddKey(command, grain);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        var payload = await reader.IsDBNullAsync(0) ? null : System.Text.Encoding.UTF8.GetString((byte[])reader.GetValue(0));
        var result = (reader.GetInt32(1), payload);
        Assert.False(await reader.ReadAsync());
        return result;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string query, FakeGrain grain, int? version)
    {
        var command = new NpgsqlCommand(query, connection);
        AddKey(command, grain);
        Add(command, "GrainStateVersion", DbType.Int32, version);
        return command;
    }

    // The parameters, names and DbTypes Orleans' AdoNetGrainStorage binds (typed by the value's static type).
    private static void AddKey(NpgsqlCommand command, FakeGrain grain)
    {
        Add(command, "GrainIdHash", DbType.Int32, grain.IdHash);
        Add(command, "GrainIdN0", DbType.Int64, 0L);
        Add(command, "GrainIdN1", DbType.Int64, 0L);
        Add(command, "GrainTypeHash", DbType.Int32, grain.TypeHash);
        Add(command, "GrainTypeString", DbType.String, GrainType);
        Add(command, "GrainIdExtensionString", DbType.String, grain.Key);
        Add(command, "ServiceId", DbType.String, ServiceId);
    }

    private static void Add(NpgsqlCommand command, string name, DbType type, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    private static async Task<List<int>> VersionsAsync(NpgsqlCommand command)
    {
        var versions = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        do
        {
            while (await reader.ReadAsync())
            {
                versions.Add(reader.GetInt32(reader.GetOrdinal("NewGrainStateVersion")));
            }
        }
        while (await reader.NextResultAsync());

        return versions;
    }

    /// <summary>A string-keyed grain as Orleans stores it (hashes are opaque to the queries; any stable values do).</summary>
    private sealed record FakeGrain(string Key, int IdHash, int TypeHash)
    {
        public static FakeGrain New() => new("fenced/" + Guid.NewGuid().ToString("N"), Random.Shared.Next(), 4242);
    }
}
