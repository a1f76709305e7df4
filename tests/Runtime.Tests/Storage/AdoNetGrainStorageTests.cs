using Dapper;
using Microsoft.Extensions.DependencyInjection;
using OrleansPlatform.Runtime.Database;
using OrleansPlatform.Runtime.Database.Migrations;
using OrleansPlatform.Runtime.Storage;
using OrleansPlatform.Runtime.Tests.Infrastructure;
using OrleansPlatform.Testing;

namespace OrleansPlatform.Runtime.Tests.Storage;

public sealed class AdoNetGrainStorageTests(TestDatabaseFixture databases) : IClassFixture<TestDatabaseFixture>
{
    private const string StateName = "profile";

    private static readonly CancellationToken Ct = CancellationToken.None;

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Reading_missing_state_gives_a_default_instance_and_no_etag(string provider)
    {
        await using var services = await BuildAsync(provider);
        var storage = Storage(services);

        var state = new TestGrainState<ProfileState> { ETag = "junk", RecordExists = true };
        await storage.ReadStateAsync(StateName, NewGrainId(), state, Ct);

        Assert.NotNull(state.State);
        Assert.Equal("", state.State.Name);
        Assert.Equal(0, state.State.Visits);
        Assert.Null(state.State.Home);
        Assert.Empty(state.State.Lines);
        Assert.Empty(state.State.Quantities);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Written_state_reads_back_equal(string provider)
    {
        await using var services = await BuildAsync(provider);
        var storage = Storage(services);
        var grainId = NewGrainId();
        var written = SampleProfile("Ada");

        var state = new TestGrainState<ProfileState> { State = written };
        await storage.WriteStateAsync(StateName, grainId, state, Ct);
        Assert.Equal("1", state.ETag);
        Assert.True(state.RecordExists);

        var read = new TestGrainState<ProfileState>();
        await storage.ReadStateAsync(StateName, grainId, read, Ct);
        Assert.Equal("1", read.ETag);
        Assert.True(read.RecordExists);
        AssertSameProfile(written, read.State);

        state.State = written with { Visits = 8 };
        await storage.WriteStateAsync(StateName, grainId, state, Ct);
        Assert.Equal("2", state.ETag);
        await storage.ReadStateAsync(StateName, grainId, read, Ct);
        Assert.Equal(8, read.State.Visits);
        Assert.Equal("2", read.ETag);

        if (provider == TestDatabases.Postgres)
        {
            // Stored as jsonb, queryable by path, in the web (camelCase) shape.
            await using var connection = await services.GetRequiredService<IClusterDatabase>().OpenConnectionAsync(Ct);
            var row = await connection.QuerySingleAsync<(string Type, string? Apples, string? City)>(
                "SELECT pg_typeof(payload)::text, payload->'quantities'->>'apple', payload->'home'->>'city' FROM grain_state WHERE grain_type = @Type AND grain_key = @Key",
                new { grainId.Type, grainId.Key });
            Assert.Equal(("jsonb", "3", "London"), row);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Of_two_activations_holding_one_etag_the_first_write_wins(string provider)
    {
        await using var services = await BuildAsync(provider);
        var storage = Storage(services);
        var grainId = NewGrainId();
        await storage.WriteStateAsync(StateName, grainId, new TestGrainState<ProfileState> { State = SampleProfile("initial") }, Ct);

        var first = new TestGrainState<ProfileState>();
        var second = new TestGrainState<ProfileState>();
        await storage.ReadStateAsync(StateName, grainId, first, Ct);
        await storage.ReadStateAsync(StateName, grainId, second, Ct);

        first.State = SampleProfile("first");
        await storage.WriteStateAsync(StateName, grainId, first, Ct);
        second.State = SampleProfile("second");
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grainId, second, Ct));

        Assert.Equal("2", conflict.StoredETag);
        Assert.Equal("1", conflict.CurrentETag);
        Assert.Contains(grainId.ToString(), conflict.Message, StringComparison.Ordinal);
        Assert.Equal("1", second.ETag);

        var stored = new TestGrainState<ProfileState>();
        await storage.ReadStateAsync(StateName, grainId, stored, Ct);
        Assert.Equal("first", stored.State.Name);
        Assert.Equal("2", stored.ETag);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Of_concurrent_first_writes_exactly_one_inserts(string provider)
    {
        await using var services = await BuildAsync(provider);
        var storage = Storage(services);
        var grainId = NewGrainId();
        const int Writers = 8;

        var attempts = Enumerable.Range(0, Writers).Select(i => Task.Run(async () =>
        {
            var state = new TestGrainState<ProfileState> { State = SampleProfile($"writer {i}") };
            try
            {
                await storage.WriteStateAsync(StateName, grainId, state, Ct);
                return (Writer: i, Won: true);
            }
            catch (InconsistentStateException exception)
            {
                Assert.Null(exception.CurrentETag);
                Assert.Equal("1", exception.StoredETag);
                return (Writer: i, Won: false);
            }
        })).ToList();
        var results = await Task.WhenAll(attempts);

        var winner = Assert.Single(results, result => result.Won);
        var stored = new TestGrainState<ProfileState>();
        await storage.ReadStateAsync(StateName, grainId, stored, Ct);
        Assert.Equal($"writer {winner.Writer}", stored.State.Name);
        Assert.Equal("1", stored.ETag);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Clearing_state_never_written_is_a_no_op(string provider)
    {
        await using var services = await BuildAsync(provider);
        var storage = Storage(services);
        var grainId = NewGrainId();

        var state = new TestGrainState<ProfileState>();
        await storage.ReadStateAsync(StateName, grainId, state, Ct);
        await storage.ClearStateAsync(StateName, grainId, state, Ct);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);

        // No tombstone was left: a first write with no ETag still succeeds.
        var read = new TestGrainState<ProfileState>();
        await storage.ReadStateAsync(StateName, grainId, read, Ct);
        Assert.Null(read.ETag);
        state.State = SampleProfile("after");
        await storage.WriteStateAsync(StateName, grainId, state, Ct);
        Assert.Equal("1", state.ETag);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Cleared_state_reads_as_default_and_can_be_written_again(string provider)
    {
        await using var services = await BuildAsync(provider);
        var storage = Storage(services);
        var grainId = NewGrainId();
        var state = new TestGrainState<ProfileState> { State = SampleProfile("before") };
        await storage.WriteStateAsync(StateName, grainId, state, Ct);

        await storage.ClearStateAsync(StateName, grainId, state, Ct);
        Assert.Equal("2", state.ETag);
        Assert.False(state.RecordExists);
        Assert.Equal("", state.State.Name);

        var read = new TestGrainState<ProfileState>();
        await storage.ReadStateAsync(StateName, grainId, read, Ct);
        Assert.Equal("2", read.ETag);
        Assert.False(read.RecordExists);
        Assert.Equal("", read.State.Name);
        Assert.Empty(read.State.Lines);

        read.State = SampleProfile("again");
        await storage.WriteStateAsync(StateName, grainId, read, Ct);
        Assert.Equal("3", read.ETag);
        Assert.True(read.RecordExists);

        var again = new TestGrainState<ProfileState>();
        await storage.ReadStateAsync(StateName, grainId, again, Ct);
        AssertSameProfile(SampleProfile("again"), again.State);
        Assert.True(again.RecordExists);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_stale_activation_cannot_write_or_clear_after_a_clear(string provider)
    {
        await using var services = await BuildAsync(provider);
        var storage = Storage(services);
        var grainId = NewGrainId();
        var current = new TestGrainState<ProfileState> { State = SampleProfile("current") };
        await storage.WriteStateAsync(StateName, grainId, current, Ct);
        var stale = new TestGrainState<ProfileState>();
        await storage.ReadStateAsync(StateName, grainId, stale, Ct);

        await storage.ClearStateAsync(StateName, grainId, current, Ct);

        stale.State = SampleProfile("stale");
        var write = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grainId, stale, Ct));
        Assert.Equal("2", write.StoredETag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, grainId, stale, Ct));

        // Nor can an activation that never read: the tombstone blocks the insert, and an ETag-less clear of a stored record.
        var blind = new TestGrainState<ProfileState> { State = SampleProfile("blind") };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grainId, blind, Ct));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, grainId, blind, Ct));

        var stored = new TestGrainState<ProfileState>();
        await storage.ReadStateAsync(StateName, grainId, stored, Ct);
        Assert.False(stored.RecordExists);
        Assert.Equal("2", stored.ETag);
        Assert.Equal("", stored.State.Name);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_malformed_etag_is_an_inconsistent_state_not_a_format_error(string provider)
    {
        await using var services = await BuildAsync(provider);
        var storage = Storage(services);
        var grainId = NewGrainId();
        var state = new TestGrainState<ProfileState> { State = SampleProfile("kept") };
        await storage.WriteStateAsync(StateName, grainId, state, Ct);

        foreach (var malformed in new[] { "abc", "-1", " 1", "1.0", "99999999999999999999" })
        {
            var held = new TestGrainState<ProfileState> { State = SampleProfile("never"), ETag = malformed };
            var write = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grainId, held, Ct));
            Assert.Contains($"'{malformed}'", write.Message, StringComparison.Ordinal);
            Assert.Contains("not a version", write.Message, StringComparison.Ordinal);
            Assert.Equal("1", write.StoredETag);
            await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, grainId, held, Ct));
        }

        var stored = new TestGrainState<ProfileState>();
        await storage.ReadStateAsync(StateName, grainId, stored, Ct);
        Assert.Equal("kept", stored.State.Name);
        Assert.Equal("1", stored.ETag);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Value_types_default_and_types_without_a_parameterless_constructor_fail_clearly(string provider)
    {
        await using var services = await BuildAsync(provider);
        var storage = Storage(services);

        var counter = new TestGrainState<int> { State = 5 };
        await storage.ReadStateAsync("counter", NewGrainId(), counter, Ct);
        Assert.Equal(0, counter.State);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => storage.ReadStateAsync("other", NewGrainId(), new TestGrainState<NoDefaultState>(), Ct));
        Assert.Contains(nameof(NoDefaultState), error.Message, StringComparison.Ordinal);
        Assert.Contains("parameterless constructor", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Named_storages_are_keyed_services_over_the_same_table(string provider)
    {
        await using var services = await BuildAsync(provider, extra => extra.AddAdoNetGrainStorage("Archive"));
        var grainId = NewGrainId();
        await Storage(services).WriteStateAsync(StateName, grainId, new TestGrainState<ProfileState> { State = SampleProfile("shared") }, Ct);

        var read = new TestGrainState<ProfileState>();
        await services.GetRequiredKeyedService<IGrainStorage>("Archive").ReadStateAsync(StateName, grainId, read, Ct);
        Assert.Equal("shared", read.State.Name);
        Assert.NotSame(Storage(services), services.GetRequiredKeyedService<IGrainStorage>("Archive"));
    }

    private static IGrainStorage Storage(IServiceProvider services) => services.GetRequiredKeyedService<IGrainStorage>("Default");

    private static GrainId NewGrainId() => new("profile", Guid.NewGuid().ToString("N"));

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

    private async Task<ServiceProvider> BuildAsync(string provider, Action<IServiceCollection>? configure = null)
    {
        var database = await databases.GetAsync(provider);
        var services = database.BuildServices(collection =>
        {
            collection.AddAdoNetGrainStorage();
            configure?.Invoke(collection);
        });
        await services.GetRequiredService<ISchemaMigrator>().MigrateAsync(Ct);
        return services;
    }
}
