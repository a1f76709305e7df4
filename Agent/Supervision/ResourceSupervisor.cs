using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.Logging;
using OrleansPlatform.Agent.Configuration;
using OrleansPlatform.Agent.Resources;

namespace OrleansPlatform.Agent.Supervision;

/// <summary>
/// Keeps one resource running: starts it through its plugin, monitors it every <see cref="SupervisionOptions.MonitorInterval"/>,
/// restarts it with exponential backoff when its process exits with a non-zero code or its monitor says failed, leaves it
/// down after a clean exit (code 0), and marks it <see cref="ResourceState.Failed"/> after a crash loop. Every state change
/// is logged and recorded. One loop task per resource; start and stop requests are serialised.
/// </summary>
internal sealed class ResourceSupervisor : IAsyncDisposable
{
    private static readonly TimeSpan FirstMonitorDelay = TimeSpan.FromMilliseconds(250);

    private readonly IResourcePlugin plugin;
    private readonly SupervisionOptions options;
    private readonly string nodeId;
    private readonly TimeProvider time;
    private readonly ITransitionRecorder recorder;
    private readonly ILogger logger;
    private readonly RestartBackoff backoff;
    private readonly CrashLoopDetector crashLoop;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly ImmutableDictionary<string, string> description;
    private ResourceStatus status;
    private TaskCompletionSource changed = NewSignal();
    private Task loop = Task.CompletedTask;
    private CancellationTokenSource? loopStop;
    private string stopReason = "stopped";
    private bool killOnStop;

    public ResourceSupervisor(ResourceSpec spec, IResourcePlugin plugin, SupervisionOptions options, string nodeId, TimeProvider time, ITransitionRecorder recorder, ILogger logger)
    {
        Spec = spec;
        this.plugin = plugin;
        this.options = options;
        this.nodeId = nodeId;
        this.time = time;
        this.recorder = recorder;
        this.logger = logger;
        backoff = new RestartBackoff(options.InitialBackoff, options.MaxBackoff);
        crashLoop = new CrashLoopDetector(options.CrashLoopFailures, options.CrashLoopWindow);
        description = ImmutableDictionary<string, string>.Empty.Add("type", plugin.Describe(spec));
        status = new ResourceStatus(spec.Id, spec.Type, spec.Group, ResourceState.Stopped, null, null, 0, null, time.GetUtcNow(), description);
    }

    /// <summary>The resource.</summary>
    public ResourceSpec Spec { get; }

    /// <summary>The resource's state now.</summary>
    public ResourceStatus Status => Volatile.Read(ref status);

    /// <summary>Who may start it (a failover group's lock); set before the first start.</summary>
    public IRunPermit Permit { get; set; } = AlwaysPermitted.Instance;

    /// <summary>
    /// Makes the resource run: starts its loop unless it is already running (a resource in a crash loop, or stopped,
    /// starts afresh with its failures forgotten). Returns once the request is taken.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (!loop.IsCompleted)
            {
                return;
            }

            crashLoop.Reset();
            backoff.Reset();
            loopStop?.Dispose();
            loopStop = new CancellationTokenSource();
            killOnStop = false;
            var stop = loopStop.Token;
            loop = Task.Run(() => RunAsync(stop), CancellationToken.None);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Marks a resource that is about to wait for its dependencies (shown as <c>waiting</c>).</summary>
    public void MarkWaiting(string reason)
    {
        if (Status.State is ResourceState.Stopped or ResourceState.Failed)
        {
            Set(ResourceState.Waiting, reason);
        }
    }

    /// <summary>Stops the resource (gracefully, or at once with <paramref name="kill"/>) and waits until it is down.</summary>
    public async Task StopAsync(string reason, bool kill = false)
    {
        await gate.WaitAsync();
        try
        {
            stopReason = reason;
            killOnStop = kill;
            if (loopStop is not null)
            {
                await loopStop.CancelAsync();
            }

            await loop;
            if (Status.State is ResourceState.Waiting)
            {
                Set(ResourceState.Stopped, reason);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Stops the resource (gracefully) and starts it again, with its failures forgotten.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync("restart requested");
        await StartAsync(cancellationToken);
    }

    /// <summary>Waits until the resource's status satisfies <paramref name="condition"/>.</summary>
    public async Task<ResourceStatus> WaitUntilAsync(Func<ResourceStatus, bool> condition, CancellationToken cancellationToken)
    {
        while (true)
        {
            var signal = Volatile.Read(ref changed);
            var current = Status;
            if (condition(current))
            {
                return current;
            }

            await signal.Task.WaitAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync("the agent is stopping", kill: true);
        loopStop?.Dispose();
        gate.Dispose();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static string Seconds(TimeSpan delay) => delay.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    private async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            if (!Permit.MayRun)
            {
                Set(ResourceState.Stopped, "its group's cluster lock is not held by this node");
                return;
            }

            var outcome = await RunOnceAsync(stop);
            if (outcome.Kind is OutcomeKind.StopRequested or OutcomeKind.CleanExit)
            {
                return;
            }

            // A failure: restart after the backoff, unless it has become a crash loop.
            if (outcome.RanFor >= options.BackoffResetAfter)
            {
                backoff.Reset();
            }

            if (crashLoop.RecordFailure(time.GetUtcNow()))
            {
                SupervisionLog.CrashLoop(logger, Spec.Id, crashLoop.Count, options.CrashLoopWindow);
                Set(ResourceState.Failed, $"crash loop: {crashLoop.Count} failures within {options.CrashLoopWindow}; last: {outcome.Reason}", exitCode: outcome.ExitCode);
                return;
            }

            var delay = backoff.Next();
            if (outcome.ExitCode is { } code)
            {
                SupervisionLog.ExitedRestarting(logger, Spec.Id, outcome.Pid, code, Seconds(delay));
            }
            else
            {
                SupervisionLog.FailedRestarting(logger, Spec.Id, outcome.Pid, outcome.Reason, Seconds(delay));
            }

            Set(ResourceState.Restarting, $"{outcome.Reason}; restarting in {Seconds(delay)}", exitCode: outcome.ExitCode, restarted: true);
            try
            {
                await Task.Delay(delay, time, stop);
            }
            catch (OperationCanceledException)
            {
                Set(ResourceState.Stopped, stopReason);
                return;
            }
        }

        Set(ResourceState.Stopped, stopReason);
    }

    private async Task<Outcome> RunOnceAsync(CancellationToken stop)
    {
        var startedAt = time.GetTimestamp();
        Set(ResourceState.Starting, null, pid: null);
        IRunningResource run;
        try
        {
            using var startTimeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
            startTimeout.CancelAfter(options.StartTimeout);
            var context = new ResourceStartContext(nodeId, Permit.FencingToken, logger);
            run = await plugin.StartAsync(Spec, context, startTimeout.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Set(ResourceState.Stopped, stopReason);
            return new Outcome(OutcomeKind.StopRequested, stopReason, null, null, TimeSpan.Zero);
        }
        catch (Exception exception)
        {
            var reason = exception is OperationCanceledException ? $"not started within {options.StartTimeout}" : "start failed: " + exception.Message;
            SupervisionLog.StartFailed(logger, exception, Spec.Id, reason);
            return new Outcome(OutcomeKind.Failure, reason, null, null, time.GetElapsedTime(startedAt));
        }

        await using (run)
        {
            SupervisionLog.Started(logger, Spec.Id, description["type"], run.ProcessId);
            Set(ResourceState.Starting, "started", pid: run.ProcessId, facts: run.Describe());
            var outcome = await WatchAsync(run, startedAt, stop);
            if (outcome.Kind == OutcomeKind.StopRequested)
            {
                await StopRunAsync(run);
            }
            else if (outcome.Kind == OutcomeKind.Failure && !run.Exited.IsCompleted)
            {
                // Failing its monitor while still running: it goes before it is started again.
                await run.StopAsync(options.StopTimeout, CancellationToken.None);
            }

            return outcome;
        }
    }

    private async Task<Outcome> WatchAsync(IRunningResource run, long startedAt, CancellationToken stop)
    {
        var everHealthy = false;
        var failedChecks = 0;

        // The first look comes soon (a dependent waits for it), but not at once: a process that dies at start shows as such.
        var wait = options.MonitorInterval < FirstMonitorDelay ? options.MonitorInterval : FirstMonitorDelay;
        while (true)
        {
            await Task.WhenAny(run.Exited, Task.Delay(wait, time, stop));
            wait = options.MonitorInterval;
            if (stop.IsCancellationRequested)
            {
                return new Outcome(OutcomeKind.StopRequested, stopReason, run.ProcessId, null, time.GetElapsedTime(startedAt));
            }

            if (run.Exited.IsCompleted)
            {
                return Exited(run, await run.Exited, startedAt);
            }

            var report = await MonitorOnceAsync(run, stop);
            if (stop.IsCancellationRequested || run.Exited.IsCompleted)
            {
                continue;
            }

            var runningFor = time.GetElapsedTime(startedAt);
            failedChecks = report.Health == ResourceHealth.Failed ? failedChecks + 1 : 0;
            switch (report.Health)
            {
                case ResourceHealth.Healthy:
                    if (Status.State != ResourceState.Healthy)
                    {
                        SupervisionLog.Healthy(logger, Spec.Id, report.Detail is null ? string.Empty : $" ({report.Detail})");
                    }

                    everHealthy = true;
                    Set(ResourceState.Healthy, report.Detail, facts: run.Describe());
                    break;
                case ResourceHealth.Degraded when everHealthy || runningFor < options.StartTimeout:
                    Set(everHealthy ? ResourceState.Degraded : ResourceState.Starting, report.Detail, facts: run.Describe());
                    break;
                case ResourceHealth.Failed when !everHealthy && runningFor < options.StartTimeout:
                    // Not up yet (a Gateway not listening, a silo still joining): that is what starting means.
                    Set(ResourceState.Starting, report.Detail);
                    break;
                case ResourceHealth.Failed when everHealthy && failedChecks < options.FailedChecksToRestart:
                    Set(ResourceState.Degraded, $"{report.Detail} ({failedChecks} of {options.FailedChecksToRestart} failed checks before a restart)");
                    break;
                default:
                    var reason = everHealthy
                        ? $"health check failed ({report.Detail})"
                        : $"not healthy within {options.StartTimeout} ({report.Detail})";
                    return new Outcome(OutcomeKind.Failure, reason, run.ProcessId, null, runningFor);
            }
        }
    }

    private Outcome Exited(IRunningResource run, int exitCode, long startedAt)
    {
        if (exitCode == 0)
        {
            SupervisionLog.StoppedCleanly(logger, Spec.Id, run.ProcessId, run.CleanExitMeaning);
            Set(ResourceState.Stopped, $"stopped cleanly ({run.CleanExitMeaning})", pid: null, exitCode: 0);
            return new Outcome(OutcomeKind.CleanExit, run.CleanExitMeaning, run.ProcessId, 0, time.GetElapsedTime(startedAt));
        }

        return new Outcome(OutcomeKind.Failure, $"exited with code {exitCode}", run.ProcessId, exitCode, time.GetElapsedTime(startedAt));
    }

    private async Task<HealthReport> MonitorOnceAsync(IRunningResource run, CancellationToken stop)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(options.MonitorTimeout);
        try
        {
            return await run.MonitorAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            return HealthReport.Failed($"no answer within {options.MonitorTimeout}");
        }
        catch (OperationCanceledException)
        {
            return HealthReport.Degraded("stopping");
        }
        catch (Exception exception)
        {
            return HealthReport.Failed(exception.Message);
        }
    }

    private async Task StopRunAsync(IRunningResource run)
    {
        Set(ResourceState.Stopping, stopReason);
        if (killOnStop)
        {
            SupervisionLog.Killed(logger, Spec.Id, stopReason);
            run.Kill();
            await run.Exited.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        else
        {
            await run.StopAsync(options.StopTimeout, CancellationToken.None);
        }

        Set(ResourceState.Stopped, stopReason, pid: null, exitCode: run.Exited.IsCompletedSuccessfully ? run.Exited.Result : null);
    }

    private void Set(ResourceState to, string? detail, int? pid = -1, int? exitCode = null, bool restarted = false, IReadOnlyDictionary<string, string>? facts = null)
    {
        var previous = Status;
        var next = previous with
        {
            State = to,
            Detail = detail,
            Pid = pid == -1 ? (to.IsUp() || to == ResourceState.Stopping ? previous.Pid : null) : pid,
            LastExitCode = exitCode ?? previous.LastExitCode,
            Restarts = previous.Restarts + (restarted ? 1 : 0),
            Since = previous.State == to ? previous.Since : time.GetUtcNow(),
            Description = facts is null ? previous.Description : description.SetItems(facts),
        };
        Volatile.Write(ref status, next);
        if (previous.State != to)
        {
            SupervisionLog.Transition(logger, Spec.Id, previous.State, to, detail ?? string.Empty);

            recorder.Record(new ResourceTransition(nodeId, Spec.Group, Spec.Id, previous.State, to, detail, next.Pid ?? previous.Pid, exitCode, next.Since));
        }

        Interlocked.Exchange(ref changed, NewSignal()).TrySetResult();
    }

    private enum OutcomeKind
    {
        StopRequested,
        CleanExit,
        Failure,
    }

    private sealed record Outcome(OutcomeKind Kind, string Reason, int? Pid, int? ExitCode, TimeSpan RanFor);
}
