using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansPlatform.Grains.Broadcast;
using OrleansPlatform.Grains.Sessions;
using OrleansPlatform.Workflows.Registry;
using OrleansPlatform.Workflows.Time;

namespace OrleansPlatform.Grains.Applications;

/// <summary>
/// This silo's copy of the application states: loaded from <c>application_states</c> before the silo serves, reloaded at
/// once when any silo announces a change, and every few seconds anyway (which also heals a missed announcement). The
/// periodic pass also ends drains: a draining application without live sessions becomes disabled, and the silo that
/// made that change announces it.
/// </summary>
internal sealed partial class ApplicationStatesService(
    ApplicationStateStore store,
    IServiceProvider services,
    [FromKeyedServices(PlatformClock.Key)] TimeProvider time,
    ILogger<ApplicationStatesService> logger) : IApplicationStates, IPlatformChangeHandler, ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private static readonly TimeSpan RefreshPeriod = TimeSpan.FromSeconds(3);

    private ImmutableDictionary<string, (ApplicationState State, DateTimeOffset ChangedAt)> states =
        ImmutableDictionary<string, (ApplicationState, DateTimeOffset)>.Empty.WithComparers(StringComparer.Ordinal);

    private ITimer? refresh;

    public string Kind => PlatformChangeKinds.ApplicationStates;

    public ApplicationState StateOf(string applicationId) =>
        Volatile.Read(ref states).TryGetValue(applicationId, out var stored) ? stored.State : ApplicationState.Enabled;

    public DateTimeOffset? ChangedAt(string applicationId) =>
        Volatile.Read(ref states).TryGetValue(applicationId, out var stored) ? stored.ChangedAt : null;

    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);

        // Before the silo takes grain calls, so that no session starts on a disabled application after a restart.
        lifecycle.Subscribe(nameof(ApplicationStatesService), ServiceLifecycleStage.ApplicationServices, async ct =>
        {
            await ReloadAsync(ct);
            refresh = time.CreateTimer(_ => _ = RefreshAsync(), null, RefreshPeriod, RefreshPeriod);
        });
    }

    public Task ApplyAsync(PlatformChange change, CancellationToken cancellationToken) => ReloadAsync(cancellationToken);

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var loaded = await store.ReadAsync(cancellationToken);
        Volatile.Write(ref states, loaded.ToImmutableDictionary(StringComparer.Ordinal));
    }

    public void Dispose() => refresh?.Dispose();

    private async Task RefreshAsync()
    {
        try
        {
            var drained = await store.CompleteDrainsAsync(time.GetUtcNow(), CancellationToken.None);
            await ReloadAsync(CancellationToken.None);
            foreach (var app in drained)
            {
                LogDrained(logger, app);
            }

            if (drained.Count > 0)
            {
                await services.GetRequiredService<SiloBroadcaster>().PublishAsync(
                    PlatformChangesGrain.Namespace, new PlatformChange(PlatformChangeKinds.ApplicationStates, null), includeLocal: false, CancellationToken.None);
            }
        }
        catch (Exception exception)
        {
            LogRefreshFailed(logger, exception);
        }
    }

    [LoggerMessage(EventId = 6110, Level = LogLevel.Information, Message = "Application {App} has no live sessions left: draining is over, it is disabled")]
    private static partial void LogDrained(ILogger logger, string app);

    [LoggerMessage(EventId = 6111, Level = LogLevel.Warning, Message = "Reloading the application states failed; the last ones stay in force until the next attempt")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
