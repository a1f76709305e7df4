using Microsoft.Extensions.DependencyInjection;
using OrleansPlatform.Grains.Applications;
using OrleansPlatform.Grains.Broadcast;
using OrleansPlatform.Testing;
using OrleansPlatform.Workflows.Registry;

namespace OrleansPlatform.Grains.Tests.Broadcast;

/// <summary>A broadcast whose delivery is taken but never answered gives up after its attempts instead of holding the caller.</summary>
public sealed class SiloBroadcasterTests
{
    [Fact]
    public async Task An_admin_change_answers_when_a_silo_takes_its_broadcast_and_never_finishes_it()
    {
        var stuck = new StuckHandler();
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var silo = await PlatformSilo.StartAsync(database, fakeClock: true, configureServices: services => services.AddSingleton<IPlatformChangeHandler>(stuck));
        try
        {
            var disabling = silo.GrainFactory.GetGrain<IApplicationAdminGrain>("admin").Disable("catalog-search", graceful: false);
            await stuck.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

            // Only the platform clock moves the attempts on: each one times out after SiloBroadcaster.AttemptTimeout, then
            // the broadcaster gives that silo up (its periodic reload heals it) and the change is answered.
            var answered = await Eventually.ReturnsAsync(
                () =>
                {
                    silo.Clock!.Advance(SiloBroadcaster.AttemptTimeout);
                    return Task.FromResult(disabling.IsCompleted);
                },
                completed => completed,
                TimeSpan.FromSeconds(20));
            Assert.True(answered);
            Assert.Equal(ApplicationState.Disabled, (await disabling).State);
            Assert.Equal(1, stuck.Calls);
        }
        finally
        {
            stuck.Release.TrySetResult();
        }
    }

    /// <summary>Takes application-state changes and finishes none until released (the subscriber grain is busy meanwhile, so later deliveries queue).</summary>
    private sealed class StuckHandler : IPlatformChangeHandler
    {
        private int calls;

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Calls => Volatile.Read(ref calls);

        public string Kind => PlatformChangeKinds.ApplicationStates;

        public Task ApplyAsync(PlatformChange change, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref calls);
            Entered.TrySetResult();
            return Release.Task;
        }
    }
}
