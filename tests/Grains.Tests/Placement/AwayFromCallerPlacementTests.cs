using OrleansPlatform.Grains.Sessions;
using OrleansPlatform.Testing;
using OrleansPlatform.Workflows.Applications.CatalogSearch;

namespace OrleansPlatform.Grains.Tests.Placement;

/// <summary>
/// A write-behind session's backup copy is placed by <c>AwayFromCallerPlacement</c>: it must never sit on the
/// session's own silo, or it dies with it and the reply acknowledged before the database write is lost.
/// </summary>
public sealed class AwayFromCallerPlacementTests
{
    [Fact]
    public async Task Every_write_behind_sessions_first_backup_slot_is_on_a_silo_other_than_the_sessions()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var cluster = await PlatformTestCluster.StartAsync(database, 3, new Dictionary<string, string?>
        {
            ["Sessions:WriteBehindApplications:0"] = CatalogSearchApplication.Id,
            ["Sessions:WriteBehindDelay"] = "00:01:00",
        });
        var holders = new HashSet<string>();
        for (var i = 0; i < 24; i++)
        {
            var id = PlatformSilo.NewSessionId();
            var session = cluster.GrainFactory(i % 3).GetGrain<ISessionGrain>(id);
            await session.Start(CatalogSearchApplication.Id);
            await session.Interact(new SessionAction("search", new Dictionary<string, string?> { ["keyword"] = "router" }, 1));

            // With default placement a third of these would land on the session's silo and be dropped, leaving slot 0 empty.
            var slot0 = cluster.GrainFactory(0).GetGrain<ISessionBackupGrain>($"{id}/0");
            var copy = await slot0.Fetch();
            Assert.NotNull(copy);
            Assert.Equal(1, copy.Seq);

            // Storing the same copy again changes nothing and names the silo that holds it.
            var holder = await slot0.Store(copy);
            Assert.NotEqual(copy.PrimarySilo, holder);
            holders.Add(holder);
        }

        // The key's hash spreads copies over the other silos rather than piling them on one.
        Assert.True(holders.Count >= 2, $"backups were held by {holders.Count} silo(s)");
    }
}
