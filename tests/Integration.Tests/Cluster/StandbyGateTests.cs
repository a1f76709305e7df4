using OrleansPlatform.Integration.Tests.Infrastructure;
using OrleansPlatform.Testing;

namespace OrleansPlatform.Integration.Tests.Cluster;

/// <summary>
/// A warm-standby silo process (<c>Silo:StandbyGate</c>) on a real cluster: while it waits it is in no cluster table,
/// and the live silo of the same name it stands by for is left alone; the gate file lets it join; SIGTERM while it
/// waits is a clean stop.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StandbyGateTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_standby_with_the_live_silos_name_waits_outside_the_cluster_until_its_gate_opens_then_joins()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        await using var cluster = await SiloCluster.StartAsync(database, 1, withClient: false);
        using var gates = new TempDirectory();
        var gate = Path.Combine(gates.Path, "silo-1.open");

        var standby = cluster.StartSilo(Standby(gate), name: "silo-1");
        await Eventually.ReturnsAsync(() => Task.FromResult(standby.StandardOutput), o => o.Contains("is a warm standby", StringComparison.Ordinal), Generous);

        // Waiting: the live silo-1 is still the only member, Active (Orleans would mark it dead, "migrated", if the
        // standby had started its membership), and the standby has written nothing.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var waiting = await cluster.ReadMembershipAsync();
        var live = Assert.Single(waiting);
        Assert.Equal(Orleans.Runtime.SiloStatus.Active, live.Status);
        Assert.False(standby.HasExited);

        await File.WriteAllBytesAsync(gate, []);
        await Eventually.ReturnsAsync(
            () => cluster.ReadMembershipAsync(),
            m => m.Any(x => x.Pid == standby.Pid && x.Status == Orleans.Runtime.SiloStatus.Active),
            Generous);
        Assert.Contains("was released from standby", standby.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SIGTERM_to_a_waiting_standby_stops_it_cleanly_without_joining()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        await using var cluster = await SiloCluster.StartAsync(database, 1, withClient: false);
        using var gates = new TempDirectory();

        var standby = cluster.StartSilo(Standby(Path.Combine(gates.Path, "never.open")), name: "standby-only");
        await Eventually.ReturnsAsync(() => Task.FromResult(standby.StandardOutput), o => o.Contains("is a warm standby", StringComparison.Ordinal), Generous);

        standby.Signal(15);
        Assert.Equal(0, await standby.WaitForExitAsync(Generous));
        Assert.DoesNotContain("Unhandled exception", standby.StandardError + standby.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(await cluster.ReadMembershipAsync(), m => m.Name == "standby-only");
    }

    private static Dictionary<string, string> Standby(string gate) => new()
    {
        ["Silo__StandbyGate"] = gate,
        ["Logging__LogLevel__OrleansPlatform.Silo.Hosting"] = "Information",
    };
}
