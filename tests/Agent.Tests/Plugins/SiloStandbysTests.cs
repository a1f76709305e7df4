using System.Collections.Immutable;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansPlatform.Agent.Configuration;
using OrleansPlatform.Agent.Plugins;
using OrleansPlatform.Agent.Processes;
using OrleansPlatform.Agent.Resources;
using OrleansPlatform.Testing;

namespace OrleansPlatform.Agent.Tests.Plugins;

/// <summary>
/// The warm-standby pool with real child processes: a stand-in "silo" (bash) that does what the silo's
/// <c>Silo:StandbyGate</c> does, waiting for the gate file before it reports that it joined.
/// </summary>
public sealed class SiloStandbysTests : IAsyncDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

    private readonly TempDirectory directory = new();
    private readonly ProcessWatchdog watchdog;
    private readonly SiloStandbys standbys;

    public SiloStandbysTests()
    {
        var options = Options.Create(new SupervisionOptions());
        watchdog = new ProcessWatchdog(options);
        standbys = new SiloStandbys(new ProcessLauncher(watchdog, options), TimeProvider.System, NullLogger<SiloStandbys>.Instance);
    }

    [Fact]
    public async Task A_standby_waits_at_its_gate_until_it_is_taken_and_released_and_then_runs_as_the_silo()
    {
        var (resource, context) = Silo("silo-1");
        standbys.Ensure(resource, context, "bash", StandIn("silo-1"));
        var pid = await ReadyPidAsync("silo-1");

        // Held at the gate: running, and not joined.
        await Task.Delay(300);
        Assert.True(ProcessLiveness.IsRunning(pid));
        Assert.False(File.Exists(Joined("silo-1")));

        // Asking again changes nothing: one standby per silo.
        standbys.Ensure(resource, context, "bash", StandIn("silo-1"));
        Assert.Equal(pid, standbys.ReadyPid("silo-1"));

        var standby = standbys.TryTake(resource, context);
        Assert.NotNull(standby);
        Assert.Equal(pid, standby.Process.Pid);
        Assert.Null(standbys.ReadyPid("silo-1"));
        Assert.Null(standbys.TryTake(resource, context));

        standbys.Release("silo-1", standby);
        await Eventually.ReturnsAsync(() => Task.FromResult(File.Exists(Joined("silo-1"))), joined => joined, Generous);
        Assert.Equal($"joined as silo-1 on node-a", (await File.ReadAllTextAsync(Joined("silo-1"))).Trim());

        // Taken, it is the silo's: discarding the silo's standby leaves it alone.
        await standbys.DiscardAsync("silo-1");
        Assert.True(ProcessLiveness.IsRunning(pid));
        await standby.Process.DisposeAsync();
    }

    [Fact]
    public async Task Discarding_kills_the_standby()
    {
        var (resource, context) = Silo("silo-2");
        standbys.Ensure(resource, context, "bash", StandIn("silo-2"));
        var pid = await ReadyPidAsync("silo-2");

        await standbys.DiscardAsync("silo-2");
        await Eventually.ReturnsAsync(() => Task.FromResult(ProcessLiveness.IsRunning(pid)), running => !running, Generous);
        Assert.Null(standbys.ReadyPid("silo-2"));
        Assert.Null(standbys.TryTake(resource, context));
        Assert.False(File.Exists(Joined("silo-2")));
    }

    [Fact]
    public async Task A_standby_started_under_another_fencing_token_is_not_used()
    {
        var (resource, context) = Silo("silo-3");
        standbys.Ensure(resource, context with { FencingToken = 7 }, "bash", StandIn("silo-3"));
        var pid = await ReadyPidAsync("silo-3");

        // The lock moved on (token 8): the old standby carries token 7 in its environment, so it goes.
        Assert.Null(standbys.TryTake(resource, context with { FencingToken = 8 }));
        await Eventually.ReturnsAsync(() => Task.FromResult(ProcessLiveness.IsRunning(pid)), running => !running, Generous);
        Assert.False(File.Exists(Joined("silo-3")));
    }

    [Fact]
    public async Task A_standby_that_dies_while_waiting_is_dropped_and_not_started_again_at_once()
    {
        var (resource, context) = Silo("silo-4");
        standbys.Ensure(resource, context, "bash", StandIn("silo-4"));
        var pid = await ReadyPidAsync("silo-4");

        ProcessSignals.Send(pid, ProcessSignals.Kill);
        await Eventually.ReturnsAsync(() => Task.FromResult(standbys.ReadyPid("silo-4")), ready => ready is null, Generous);
        Assert.Null(standbys.TryTake(resource, context));

        // It would likely die the same way: the next start waits (30 s), however often the silo asks.
        standbys.Ensure(resource, context, "bash", StandIn("silo-4"));
        await Task.Delay(500);
        Assert.Null(standbys.ReadyPid("silo-4"));
    }

    public async ValueTask DisposeAsync()
    {
        await standbys.DisposeAsync();
        watchdog.Dispose();
        directory.Dispose();
    }

    private static (ResourceSpec Resource, ResourceStartContext Context) Silo(string id) => (
        new ResourceSpec(id, SiloPlugin.TypeName, "platform", $"Agent:Groups:platform:Resources:{id}", "bash", [], ImmutableDictionary<string, string>.Empty, null, null, [], ImmutableDictionary<string, string>.Empty),
        new ResourceStartContext("node-a", null, NullLogger.Instance));

    private string Joined(string id) => Path.Combine(directory.Path, id + ".joined");

    // Waits for the gate the agent names in the environment, then "joins" (writes who it is, from the agent's variables).
    private string[] StandIn(string id) =>
    [
        "-c",
        $"while [ ! -e \"${SiloStandbys.GateVariable}\" ]; do sleep 0.02; done; echo \"joined as ${ProcessLauncher.ResourceVariable} on ${ProcessLauncher.NodeVariable}\" > '{Joined(id)}'; exec sleep 60",
    ];

    private async Task<int> ReadyPidAsync(string id) =>
        (await Eventually.ReturnsAsync(() => Task.FromResult(standbys.ReadyPid(id)), pid => pid is not null, Generous))!.Value;
}
