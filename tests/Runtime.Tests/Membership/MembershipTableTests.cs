using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansPlatform.Runtime.Database;
using OrleansPlatform.Runtime.Database.Migrations;
using OrleansPlatform.Runtime.Membership;
using OrleansPlatform.Testing;

namespace OrleansPlatform.Runtime.Tests.Membership;

[Collection(MembershipCollection.Name)]
public sealed class MembershipTableTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(6);

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Concurrent_declarers_lose_no_update_and_the_version_grows_by_the_number_of_changes(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        await using var one = database.BuildServices();
        await using var two = database.BuildServices();
        await one.GetRequiredService<ISchemaMigrator>().MigrateAsync(CancellationToken.None);
        const string clusterId = "concurrency";
        var first = new MembershipTable(one.GetRequiredService<IClusterDatabase>(), clusterId, NullLogger.Instance);
        var second = new MembershipTable(two.GetRequiredService<IClusterDatabase>(), clusterId, NullLogger.Instance);

        // Both declarers race to create the version row and to insert rows.
        await Task.WhenAll(first.EnsureVersionRowAsync(CancellationToken.None), second.EnsureVersionRowAsync(CancellationToken.None));
        var silos = Enumerable.Range(1, 12).Select(i => new TestLocalSiloDetails(new SiloAddress("127.0.0.1", 10_000 + i, 7), "s" + i)).ToList();
        var inserted = await Task.WhenAll(silos.Select((silo, i) => (i % 2 == 0 ? first : second).InsertJoiningAsync(silo, SiloLoad.Empty, CancellationToken.None)));
        Assert.All(inserted, Assert.True);
        Assert.Equal(12, (await first.ReadAsync(Window, CancellationToken.None)).Version);

        // Both declare every silo dead at once: each silo changes once, whoever wins.
        var declarations = silos.SelectMany(silo => new[]
        {
            first.DeclareDeadAsync(silo.Address.Id, staleFor: null, CancellationToken.None),
            second.DeclareDeadAsync(silo.Address.Id, staleFor: null, CancellationToken.None),
        }).ToList();
        var results = await Task.WhenAll(declarations);

        Assert.Equal(12, results.Count(changed => changed));
        var snapshot = await second.ReadAsync(Window, CancellationToken.None);
        Assert.Equal(24, snapshot.Version);
        Assert.All(snapshot.Silos, silo => Assert.Equal(SiloStatus.Dead, silo.Status));

        // A change that touches no row does not bump the version.
        Assert.False(await first.DeclareDeadAsync(silos[0].Address.Id, staleFor: null, CancellationToken.None));
        Assert.False(await first.SetStatusAsync(silos[0].Address.Id, SiloStatus.Active, CancellationToken.None));
        Assert.Equal(24, (await first.ReadAsync(Window, CancellationToken.None)).Version);
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Suspicions_accumulate_per_silo_and_stale_ones_are_dropped(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        await using var services = database.BuildServices();
        await services.GetRequiredService<ISchemaMigrator>().MigrateAsync(CancellationToken.None);
        var db = services.GetRequiredService<IClusterDatabase>();
        var table = new MembershipTable(db, "suspicions", NullLogger.Instance);
        var target = new TestLocalSiloDetails(new SiloAddress("127.0.0.1", 20_000, 1), "target");
        Assert.True(await table.InsertJoiningAsync(target, SiloLoad.Empty, CancellationToken.None));
        var versionBefore = (await table.ReadAsync(Window, CancellationToken.None)).Version;

        var afterA = await table.AddSuspicionAsync(target.Address.Id, "a", Window, CancellationToken.None);
        var afterAAgain = await table.AddSuspicionAsync(target.Address.Id, "a", Window, CancellationToken.None);
        var afterB = await Task.WhenAll(
            table.AddSuspicionAsync(target.Address.Id, "b", Window, CancellationToken.None),
            table.AddSuspicionAsync(target.Address.Id, "c", Window, CancellationToken.None));

        Assert.Equal(["a"], afterA!.Select(s => s.By));
        Assert.Equal(["a"], afterAAgain!.Select(s => s.By));
        var snapshot = await table.ReadAsync(Window, CancellationToken.None);
        Assert.Equal(["a", "b", "c"], snapshot.Find(target.Address.Id)!.SuspectedBy.Order(StringComparer.Ordinal));
        Assert.Equal(versionBefore, snapshot.Version);

        // An old suspicion (older than the window) is dropped at the next write.
        await using (var connection = await db.OpenConnectionAsync(CancellationToken.None))
        {
            var json = provider == TestDatabases.Postgres ? "CAST(@Json AS jsonb)" : "@Json";
            await connection.ExecuteAsync(
                $"UPDATE membership SET suspicions = {json} WHERE silo_id = @Id",
                new { Json = "[{\"by\":\"old\",\"atMs\":1}]", Id = target.Address.Id });
        }

        var fresh = await table.AddSuspicionAsync(target.Address.Id, "d", Window, CancellationToken.None);
        Assert.Equal(["d"], fresh!.Select(s => s.By));

        Assert.True(await table.DeclareDeadAsync(target.Address.Id, staleFor: null, CancellationToken.None));
        Assert.Null(await table.AddSuspicionAsync(target.Address.Id, "e", Window, CancellationToken.None));
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_fresh_heartbeat_is_not_declared_dead_by_the_stale_rule(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        await using var services = database.BuildServices();
        await services.GetRequiredService<ISchemaMigrator>().MigrateAsync(CancellationToken.None);
        var table = new MembershipTable(services.GetRequiredService<IClusterDatabase>(), "stale", NullLogger.Instance);
        var silo = new TestLocalSiloDetails(new SiloAddress("127.0.0.1", 20_001, 1), "fresh");
        Assert.True(await table.InsertJoiningAsync(silo, SiloLoad.Empty, CancellationToken.None));

        Assert.False(await table.DeclareDeadAsync(silo.Address.Id, TimeSpan.FromSeconds(3), CancellationToken.None));
        Assert.True(await table.HeartbeatAsync(silo.Address.Id, new SiloLoad(1, 2, 3, 0.5), CancellationToken.None));
        await Task.Delay(300);
        Assert.True(await table.DeclareDeadAsync(silo.Address.Id, TimeSpan.FromMilliseconds(100), CancellationToken.None));
        Assert.False(await table.HeartbeatAsync(silo.Address.Id, SiloLoad.Empty, CancellationToken.None));
        var row = (await table.ReadAsync(Window, CancellationToken.None)).Find(silo.Address.Id)!;
        Assert.Equal(SiloStatus.Dead, row.Status);
        Assert.Equal(new SiloLoad(1, 2, 3, 0.5), row.Load);
    }
}
