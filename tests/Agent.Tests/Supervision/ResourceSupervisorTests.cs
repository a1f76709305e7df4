using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OrleansPlatform.Agent.Configuration;
using OrleansPlatform.Agent.Resources;
using OrleansPlatform.Agent.Supervision;

namespace OrleansPlatform.Agent.Tests.Supervision;

/// <summary>
/// The supervisor's restart loop on a fake clock: a resource that exits at once is restarted after 1 s, 2 s, 4 s ...
/// and marked failed at the crash-loop limit; one that fails less often than the window allows goes on being restarted.
/// </summary>
public sealed class ResourceSupervisorTests
{
    private static readonly ResourceSpec Spec = new(
        "crasher", "fake", "g", "Agent:Groups:g:Resources:0", null, [], System.Collections.Immutable.ImmutableDictionary<string, string>.Empty,
        null, null, [], System.Collections.Immutable.ImmutableDictionary<string, string>.Empty);

    [Fact]
    public async Task A_resource_that_keeps_exiting_is_restarted_with_doubling_pauses_then_marked_failed()
    {
        var time = new FakeTimeProvider();
        var plugin = new ExitingPlugin(time);
        var options = new SupervisionOptions { InitialBackoff = TimeSpan.FromSeconds(1), MaxBackoff = TimeSpan.FromSeconds(30), CrashLoopFailures = 4, CrashLoopWindow = TimeSpan.FromMinutes(2) };
        await using var supervisor = new ResourceSupervisor(Spec, plugin, options, "node", time, new NoRecorder(), NullLogger.Instance);

        await supervisor.StartAsync();
        await RunClockUntilAsync(time, () => supervisor.Status.State == ResourceState.Failed);

        Assert.Equal(4, plugin.Starts.Count);
        var gaps = plugin.Starts.Zip(plugin.Starts.Skip(1), (a, b) => b - a).ToList();

        // Each gap is the backoff plus the moment it takes to see the exit (the first monitor look, 250 ms).
        Assert.Equal([1, 2, 4], gaps.Select(g => Math.Floor(g.TotalSeconds)));
        Assert.Equal(7, supervisor.Status.LastExitCode);

        // Failed stays failed: no start however long the clock runs.
        for (var i = 0; i < 100; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
        }

        Assert.Equal(4, plugin.Starts.Count);
    }

    [Fact]
    public async Task Failures_spread_wider_than_the_window_are_no_crash_loop()
    {
        var time = new FakeTimeProvider();
        var plugin = new ExitingPlugin(time);
        var options = new SupervisionOptions { InitialBackoff = TimeSpan.FromSeconds(10), MaxBackoff = TimeSpan.FromSeconds(10), CrashLoopFailures = 3, CrashLoopWindow = TimeSpan.FromSeconds(15) };
        await using var supervisor = new ResourceSupervisor(Spec, plugin, options, "node", time, new NoRecorder(), NullLogger.Instance);

        await supervisor.StartAsync();
        await RunClockUntilAsync(time, () => plugin.Starts.Count >= 8);

        Assert.NotEqual(ResourceState.Failed, supervisor.Status.State);
        await supervisor.StopAsync("test over");
    }

    // Moves the fake clock 50 ms at a time, letting the supervisor's loop run between steps (bounded).
    private static async Task RunClockUntilAsync(FakeTimeProvider time, Func<bool> done)
    {
        for (var step = 0; step < 20_000 && !done(); step++)
        {
            time.Advance(TimeSpan.FromMilliseconds(50));
            await Task.Delay(1);
        }

        Assert.True(done(), "the condition was not reached on the fake clock");
    }

    private sealed class NoRecorder : ITransitionRecorder
    {
        public void Record(ResourceTransition transition)
        {
        }
    }

    private sealed class ExitingPlugin(TimeProvider time) : IResourcePlugin
    {
        public List<DateTimeOffset> Starts { get; } = [];

        public string Describe(ResourceSpec resource) => "fake";

        public IEnumerable<string> Validate(ResourceSpec resource) => [];

        public Task<IRunningResource> StartAsync(ResourceSpec resource, ResourceStartContext context, CancellationToken cancellationToken)
        {
            lock (Starts)
            {
                Starts.Add(time.GetUtcNow());
            }

            return Task.FromResult<IRunningResource>(new ExitedAtOnce());
        }
    }

    private sealed class ExitedAtOnce : IRunningResource
    {
        public int? ProcessId => 4242;

        public Task<int> Exited => Task.FromResult(7);

        public Task<HealthReport> MonitorAsync(CancellationToken cancellationToken) => Task.FromResult(HealthReport.Failed("exited"));

        public IReadOnlyDictionary<string, string> Describe() => new Dictionary<string, string>();

        public Task StopAsync(TimeSpan timeout, CancellationToken cancellationToken) => Task.CompletedTask;

        public void Kill()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
