using Microsoft.Extensions.DependencyInjection;
using OrleansPlatform.Runtime.Catalog;
using OrleansPlatform.Runtime.Database;
using OrleansPlatform.Runtime.Storage;
using OrleansPlatform.Runtime.Tests.Grains;
using OrleansPlatform.Runtime.Tests.Infrastructure;
using OrleansPlatform.Testing;

namespace OrleansPlatform.Runtime.Tests.Persistence;

public sealed class PersistentGrainTests
{
    private static Task<TestSilo> StartSiloAsync(TestDatabase database, string collectionAge = "00:15:00", string quantum = "00:01:00") =>
        TestSilo.StartAsync(
            new Dictionary<string, string?>
            {
                ["GrainCollection:CollectionAge"] = collectionAge,
                ["GrainCollection:CollectionQuantum"] = quantum,
            },
            services =>
            {
                services.AddClusterDatabase(database.Configure);
                services.AddAdoNetGrainStorage();
            });

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Idle_collection_then_reactivation_reloads_the_persisted_state(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        await using var silo = await StartSiloAsync(database, collectionAge: "00:00:01", quantum: "00:00:00.200");
        var grain = silo.GrainFactory.GetGrain<IPersistentCounterGrain>("idle-" + provider);
        await grain.Add(5);
        Assert.Equal(12, await grain.Add(7));
        var firstActivation = await grain.GetActivationId();
        var catalog = silo.Services.GetRequiredService<ActivationCatalog>();

        await Eventually.ReturnsAsync(
            () => Task.FromResult(catalog.TryGet(new GrainId("persistentcounter", "idle-" + provider), out _)),
            present => !present);

        Assert.Equal(12, await grain.Get());
        Assert.NotEqual(firstActivation, await grain.GetActivationId());
        Assert.Equal(("2", true), await grain.GetStorageInfo());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_stale_activation_cannot_overwrite_a_newer_write(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        await using var siloA = await StartSiloAsync(database);
        await using var siloB = await StartSiloAsync(database);
        var onA = siloA.GrainFactory.GetGrain<IPersistentCounterGrain>("contended");
        var onB = siloB.GrainFactory.GetGrain<IPersistentCounterGrain>("contended");

        // Both activations read the empty state; A writes first, so B's ETag is stale.
        Assert.Equal(0, await onA.Get());
        Assert.Equal(0, await onB.Get());
        Assert.Equal(10, await onA.Add(10));

        await Assert.ThrowsAsync<InconsistentStateException>(() => onB.Add(1));

        await using var fresh = await StartSiloAsync(database);
        Assert.Equal(10, await fresh.GrainFactory.GetGrain<IPersistentCounterGrain>("contended").Get());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Clearing_state_never_written_is_not_an_error_and_clear_then_write_works(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        await using var silo = await StartSiloAsync(database);
        var grain = silo.GrainFactory.GetGrain<IPersistentCounterGrain>("clear-first");

        await grain.Clear();
        Assert.Equal((null, false), await grain.GetStorageInfo());

        Assert.Equal(3, await grain.Add(3));
        await grain.Clear();
        Assert.Equal(0, await grain.Get());
        Assert.Equal(4, await grain.Add(4));
        Assert.True((await grain.GetStorageInfo()).RecordExists);
    }

    [Fact]
    public async Task A_grain_naming_an_unregistered_storage_fails_its_calls_with_a_clear_error()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var silo = await StartSiloAsync(database);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => silo.GrainFactory.GetGrain<IMisconfiguredGrain>("m").Get());

        Assert.Contains("'NoSuchStorage'", error.Message, StringComparison.Ordinal);
    }
}
