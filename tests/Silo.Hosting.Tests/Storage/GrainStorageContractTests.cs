using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using OrleansPlatform.Testing;
using OrleansPlatform.Workflows.Data;

namespace OrleansPlatform.Silo.Hosting.Tests.Storage;

/// <summary>
/// The grain storage contract as the platform composes it: Orleans' ADO.NET provider running the platform's SQL
/// (migration 0003), resolved from a real in-process platform silo on each provider. ETags are the stored version.
/// </summary>
public sealed class GrainStorageContractTests(PlatformSiloFixture silos) : IClassFixture<PlatformSiloFixture>
{
    private const string StateName = "profile";
    private const string GrainType = "test-type";

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Reading_state_never_written_gives_a_default_instance_and_no_etag(string provider)
    {
        var storage = await StorageAsync(provider);

        var state = new GrainState<ProfileState> { ETag = "junk", RecordExists = true };
        await storage.ReadStateAsync(StateName, NewGrainId(), state);

        Assert.NotNull(state.State);
        Assert.Equal("", state.State.Name);
        Assert.Null(state.State.Home);
        Assert.Empty(state.State.Lines);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_first_write_inserts_with_etag_1_and_each_write_with_the_current_etag_bumps_it(string provider)
    {
        var storage = await StorageAsync(provider);
        var grainId = NewGrainId();
        var written = SampleProfile("Ada");

        var state = new GrainState<ProfileState>(written);
        await storage.WriteStateAsync(StateName, grainId, state);
        Assert.Equal("1", state.ETag);
        Assert.True(state.RecordExists);

        var read = new GrainState<ProfileState>();
        await storage.ReadStateAsync(StateName, grainId, read);
        Assert.Equal("1", read.ETag);
        Assert.True(read.RecordExists);
        AssertSameProfile(written, read.State!);

        state.State = written with { Visits = 8 };
        await storage.WriteStateAsync(StateName, grainId, state);
        Assert.Equal("2", state.ETag);
        await storage.WriteStateAsync(StateName, grainId, state);
        Assert.Equal("3", state.ETag);

        await storage.ReadStateAsync(StateName, grainId, read);
        Assert.Equal(8, read.State!.Visits);
        Assert.Equal("3", read.ETag);
        Assert.Equal((3, false), await StoredAsync(provider, grainId));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_write_with_a_stale_etag_is_refused_and_changes_nothing(string provider)
    {
        var storage = await StorageAsync(provider);
        var grainId = NewGrainId();
        await storage.WriteStateAsync(StateName, grainId, new GrainState<ProfileState>(SampleProfile("initial")));

        var first = new GrainState<ProfileState>();
        var second = new GrainState<ProfileState>();
        await storage.ReadStateAsync(StateName, grainId, first);
        await storage.ReadStateAsync(StateName, grainId, second);

        first.State = SampleProfile("first");
        await storage.WriteStateAsync(StateName, grainId, first);
        second.State = SampleProfile("second");
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grainId, second));

        Assert.Contains("ETag=1", conflict.Message, StringComparison.Ordinal);
        Assert.Equal("1", second.ETag);
        var stored = new GrainState<ProfileState>();
        await storage.ReadStateAsync(StateName, grainId, stored);
        Assert.Equal("first", stored.State!.Name);
        Assert.Equal("2", stored.ETag);
        Assert.Equal((2, false), await StoredAsync(provider, grainId));

        // An ETag ahead of the stored version is as stale as one behind it.
        var ahead = new GrainState<ProfileState>(SampleProfile("ahead")) { ETag = "7" };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grainId, ahead));
        Assert.Equal((2, false), await StoredAsync(provider, grainId));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Of_concurrent_first_writes_exactly_one_wins(string provider)
    {
        var storage = await StorageAsync(provider);
        var grainId = NewGrainId();
        const int Writers = 8;

        using var start = new Barrier(Writers);
        var results = await Task.WhenAll(Enumerable.Range(0, Writers).Select(i => Task.Run(async () =>
        {
            var state = new GrainState<ProfileState>(SampleProfile($"writer {i}"));
            start.SignalAndWait(TimeSpan.FromSeconds(60));
            try
            {
                await storage.WriteStateAsync(StateName, grainId, state);
                return (Writer: i, Won: true, state.ETag);
            }
            catch (InconsistentStateException)
            {
                return (Writer: i, Won: false, state.ETag);
            }
        })));

        var winner = Assert.Single(results, result => result.Won);
        Assert.Equal("1", winner.ETag);
        Assert.All(results.Where(result => !result.Won), loser => Assert.Null(loser.ETag));
        var stored = new GrainState<ProfileState>();
        await storage.ReadStateAsync(StateName, grainId, stored);
        Assert.Equal($"writer {winner.Writer}", stored.State!.Name);
        Assert.Equal("1", stored.ETag);
        Assert.Equal(1, await RowCountAsync(provider, grainId));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Clearing_leaves_a_tombstone_so_a_stale_etag_can_never_write_again(string provider)
    {
        var storage = await StorageAsync(provider);
        var grainId = NewGrainId();
        var current = new GrainState<ProfileState>(SampleProfile("current"));
        await storage.WriteStateAsync(StateName, grainId, current);
        var stale = new GrainState<ProfileState>();
        await storage.ReadStateAsync(StateName, grainId, stale);

        await storage.ClearStateAsync(StateName, grainId, current);

        Assert.Equal("2", current.ETag);
        Assert.False(current.RecordExists);
        Assert.Equal("", current.State!.Name);
        Assert.Equal((2, true), await StoredAsync(provider, grainId));

        // Neither the stale activation (ETag 1) nor one that never read (no ETag: an insert) can write or clear.
        stale.State = SampleProfile("stale");
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grainId, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, grainId, stale));
        var blind = new GrainState<ProfileState>(SampleProfile("blind"));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grainId, blind));
        Assert.Equal((2, true), await StoredAsync(provider, grainId));
        Assert.Equal(1, await RowCountAsync(provider, grainId));

        // A cleared state reads as a default with the tombstone's ETag, and the holder of that ETag writes on.
        var read = new GrainState<ProfileState>();
        await storage.ReadStateAsync(StateName, grainId, read);
        Assert.Equal("2", read.ETag);
        Assert.False(read.RecordExists);
        Assert.Equal("", read.State!.Name);
        read.State = SampleProfile("again");
        await storage.WriteStateAsync(StateName, grainId, read);
        Assert.Equal("3", read.ETag);
        var again = new GrainState<ProfileState>();
        await storage.ReadStateAsync(StateName, grainId, again);
        Assert.True(again.RecordExists);
        AssertSameProfile(SampleProfile("again"), again.State!);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Clearing_state_never_written_is_a_no_op(string provider)
    {
        var storage = await StorageAsync(provider);
        var grainId = NewGrainId();

        var state = new GrainState<ProfileState>();
        await storage.ClearStateAsync(StateName, grainId, state);

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.Equal(0, await RowCountAsync(provider, grainId));

        // No tombstone was left: a first write with no ETag still inserts.
        state.State = SampleProfile("after");
        await storage.WriteStateAsync(StateName, grainId, state);
        Assert.Equal("1", state.ETag);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task State_is_stored_as_readable_json_under_its_state_name_and_string_key(string provider)
    {
        var storage = await StorageAsync(provider);
        var key = "profiles/Ünïcode key " + Guid.NewGuid().ToString("N")[..8];
        var grainId = GrainId.Create(GrainType, key);
        await storage.WriteStateAsync(StateName, grainId, new GrainState<ProfileState>(SampleProfile("Ada")));

        await using var connection = await OpenAsync(provider);
        var row = await connection.QuerySingleAsync<(string Text, long Version, string ServiceId)>(
            "SELECT CAST(state AS text), CAST(version AS bigint), service_id FROM grain_state WHERE state_name = @StateName AND grain_key = @Key",
            new { StateName, Key = key });
        Assert.Equal(1, row.Version);
        Assert.Equal("orleansplatform", row.ServiceId);
        using var json = JsonDocument.Parse(row.Text);
        Assert.Equal("Ada", json.RootElement.GetProperty("Name").GetString());
        Assert.Equal("London", json.RootElement.GetProperty("Home").GetProperty("City").GetString());
        Assert.Equal(3, json.RootElement.GetProperty("Quantities").GetProperty("apple").GetInt32());
        Assert.Equal(120m, json.RootElement.GetProperty("Lines")[1].GetProperty("Price").GetDecimal());

        // Queryable in SQL: jsonb operators on PostgreSQL, json functions on SQLite.
        var city = await connection.ExecuteScalarAsync<string>(
            provider == TestDatabases.Postgres
                ? "SELECT state->'Home'->>'City' FROM grain_state WHERE state_name = @StateName AND grain_key = @Key"
                : "SELECT json_extract(state, '$.Home.City') FROM grain_state WHERE state_name = @StateName AND grain_key = @Key",
            new { StateName, Key = key });
        Assert.Equal("London", city);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Session_ids_and_guid_keys_come_back_exactly_as_the_grain_key(string provider)
    {
        var storage = await StorageAsync(provider);

        // Session ids (32 lowercase hex digits) are GUID keys to Orleans, stored only as GrainIdN0/N1; the view rebuilds
        // them. Edge values cover every sign and byte position of both halves.
        var stateName = "keys-" + Guid.NewGuid().ToString("N")[..8];
        var ids = Enumerable.Range(0, 40).Select(_ => PlatformSilo.NewSessionId()).Concat(
        [
            "00000000000000000000000000000000",
            "ffffffffffffffffffffffffffffffff",
            "00112233445566778899aabbccddeeff",
            "80000000000000008000000000000000",
            "7fffffffffffffff7fffffffffffffff",
            "000000000000000000000000000000ff",
            "ff000000000000000000000000000000",
            Guid.NewGuid().ToString("N"),
        ]).ToList();
        foreach (var id in ids)
        {
            await storage.WriteStateAsync(stateName, GrainId.Create("session", id), new GrainState<ProfileState>(SampleProfile(id)));
        }

        await using var connection = await OpenAsync(provider);
        var rows = (await connection.QueryAsync<(string Key, string Text)>(
            "SELECT grain_key, CAST(state AS text) FROM grain_state WHERE state_name = @StateName", new { StateName = stateName })).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), rows.Select(row => row.Key).Order(StringComparer.Ordinal));
        Assert.All(rows, row => Assert.Equal(row.Key, JsonDocument.Parse(row.Text).RootElement.GetProperty("Name").GetString()));

        // And the key found in the view reads the state back through Orleans.
        var sample = rows[0].Key;
        var read = new GrainState<ProfileState>();
        await storage.ReadStateAsync(stateName, GrainId.Create("session", sample), read);
        Assert.Equal(sample, read.State!.Name);
    }

    private static GrainId NewGrainId() => GrainId.Create(GrainType, "profile/" + Guid.NewGuid().ToString("N")[..12] + "-k");

    private static ProfileState SampleProfile(string name) => new()
    {
        Name = name,
        Visits = 7,
        Home = new ProfileState.Address("221B Baker Street", "London"),
        Lines = [new("p-1", 2, 9.99m), new("p-2", 1, 120m)],
        Quantities = new() { ["apple"] = 3, ["Pear Tree"] = 1 },
    };

    private static void AssertSameProfile(ProfileState expected, ProfileState actual)
    {
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Visits, actual.Visits);
        Assert.Equal(expected.Home, actual.Home);
        Assert.Equal(expected.Lines, actual.Lines);
        Assert.Equal(expected.Quantities.OrderBy(pair => pair.Key), actual.Quantities.OrderBy(pair => pair.Key));
    }

    private async Task<IGrainStorage> StorageAsync(string provider) =>
        (await silos.SiloAsync(provider)).Services.GetRequiredKeyedService<IGrainStorage>("Default");

    private async Task<System.Data.Common.DbConnection> OpenAsync(string provider) =>
        await (await silos.SiloAsync(provider)).Services.GetRequiredService<IClusterDatabase>().OpenConnectionAsync(CancellationToken.None);

    /// <summary>The stored row of a string-keyed grain: its version, and whether its payload is NULL (a tombstone).</summary>
    private async Task<(long Version, bool Tombstone)> StoredAsync(string provider, GrainId grainId)
    {
        await using var connection = await OpenAsync(provider);
        var (version, tombstone) = await connection.QuerySingleAsync<(long, long)>(
            "SELECT CAST(Version AS bigint), CASE WHEN PayloadBinary IS NULL THEN 1 ELSE 0 END FROM OrleansStorage WHERE GrainTypeString = @StateName AND GrainIdExtensionString = @Key",
            new { StateName, Key = grainId.Key.ToString() });
        return (version, tombstone == 1);
    }

    private async Task<long> RowCountAsync(string provider, GrainId grainId)
    {
        await using var connection = await OpenAsync(provider);
        return await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM OrleansStorage WHERE GrainTypeString = @StateName AND GrainIdExtensionString = @Key",
            new { StateName, Key = grainId.Key.ToString() });
    }
}
