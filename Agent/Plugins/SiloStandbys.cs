using System.Globalization;
using Microsoft.Extensions.Logging;
using OrleansPlatform.Agent.Processes;
using OrleansPlatform.Agent.Resources;

namespace OrleansPlatform.Agent.Plugins;

/// <summary>
/// Warm standbys of silo resources (setting <c>WarmStandby</c>): for each such silo, one more process of the same
/// command, started once the silo is healthy and held by the silo's <c>Silo:StandbyGate</c> just before it would join
/// the cluster. When the silo has to be started again (it died), the standby is released instead of a cold start, and
/// the runtime, configuration and host start it has already done are off the restart's path. A standby goes when its
/// silo is stopped or drained, and with the agent.
/// </summary>
internal sealed class SiloStandbys(ProcessLauncher launcher, TimeProvider time, ILogger<SiloStandbys> logger) : IAsyncDisposable
{
    /// <summary>The environment variable that makes a silo process wait (the silo's <c>Silo:StandbyGate</c>).</summary>
    public const string GateVariable = "ORLEANSPLATFORM_Silo__StandbyGate";

    // A standby that exited by itself is not started again for this long: it would likely fail the same way.
    private static readonly TimeSpan RetryAfterExit = TimeSpan.FromSeconds(30);

    private readonly Lock sync = new();
    private readonly Dictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly Lazy<DirectoryInfo> gates = new(() => Directory.CreateTempSubdirectory("oplat-standby-"));
    private bool disposed;

    /// <summary>The ready standby of <paramref name="resource"/>, taken out of the pool, or null (then start cold).</summary>
    public Standby? TryTake(ResourceSpec resource, ResourceStartContext context)
    {
        lock (sync)
        {
            if (!entries.TryGetValue(resource.Id, out var entry) || entry.Ready is not { } standby)
            {
                return null;
            }

            // From here on it is the silo, not a standby: its exit is the supervisor's to see.
            entries.Remove(resource.Id);
            entry.Ready = null;
            if (standby.Process.Exited.IsCompleted || standby.FencingToken != context.FencingToken)
            {
                _ = DisposeQuietlyAsync(standby);
                return null;
            }

            return standby;
        }
    }

    /// <summary>Makes sure <paramref name="resource"/> has a standby, starting one in the background when it has none.</summary>
    public void Ensure(ResourceSpec resource, ResourceStartContext context, string fileName, IReadOnlyList<string> args)
    {
        Entry entry;
        lock (sync)
        {
            if (disposed || (entries.TryGetValue(resource.Id, out var existing)
                && (existing.Ready is not null || existing.Starting || time.GetUtcNow() < existing.RetryAt)))
            {
                return;
            }

            entry = new Entry { Starting = true };
            entries[resource.Id] = entry;
        }

        _ = StartAsync(resource, context, fileName, args, entry);
    }

    /// <summary>The standby of <paramref name="resourceId"/>'s pid, if one is ready (shown beside the silo).</summary>
    public int? ReadyPid(string resourceId)
    {
        lock (sync)
        {
            return entries.TryGetValue(resourceId, out var entry) ? entry.Ready?.Process.Pid : null;
        }
    }

    /// <summary>
    /// Kills the standby of <paramref name="resourceId"/> before it returns (it holds nothing: it is in no cluster table),
    /// and one still starting once it has started; the task completes when the process is gone.
    /// </summary>
    public Task DiscardAsync(string resourceId)
    {
        Standby? standby;
        lock (sync)
        {
            if (!entries.Remove(resourceId, out var entry))
            {
                return Task.CompletedTask;
            }

            entry.Discarded = true;
            standby = entry.Ready;
        }

        if (standby is null)
        {
            return Task.CompletedTask;
        }

        standby.Process.Kill();
        return DisposeQuietlyAsync(standby);
    }

    /// <summary>Lets <paramref name="standby"/>, taken for <paramref name="resourceId"/>, join the cluster.</summary>
    public void Release(string resourceId, Standby standby)
    {
        ArgumentNullException.ThrowIfNull(standby);
        using (File.Create(standby.GatePath))
        {
        }

        StandbyLog.Released(logger, resourceId, standby.Process.Pid);
    }

    public async ValueTask DisposeAsync()
    {
        List<Standby> all;
        lock (sync)
        {
            disposed = true;
            all = [.. entries.Values.Select(e => e.Ready).OfType<Standby>()];
            foreach (var entry in entries.Values)
            {
                entry.Discarded = true;
            }

            entries.Clear();
        }

        await Task.WhenAll(all.Select(DisposeQuietlyAsync));
        if (gates.IsValueCreated)
        {
            try
            {
                gates.Value.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A temporary directory; the system cleans it up.
            }
        }
    }

    private async Task StartAsync(ResourceSpec resource, ResourceStartContext context, string fileName, IReadOnlyList<string> args, Entry entry)
    {
        var gate = Path.Combine(gates.Value.FullName, $"{resource.Id}-{time.GetTimestamp().ToString(CultureInfo.InvariantCulture)}");
        ChildProcess process;
        try
        {
            process = await launcher.StartAsync(resource with { Environment = resource.Environment.SetItem(GateVariable, gate) }, context, fileName, args, CancellationToken.None);
        }
        catch (Exception exception)
        {
            StandbyLog.StartFailed(logger, exception, resource.Id);
            lock (sync)
            {
                (entry.Starting, entry.RetryAt) = (false, time.GetUtcNow() + RetryAfterExit);
            }

            return;
        }

        var standby = new Standby(process, gate, context.FencingToken);
        bool keep;
        lock (sync)
        {
            entry.Starting = false;
            keep = !entry.Discarded && !disposed;
            if (keep)
            {
                entry.Ready = standby;
            }
        }

        if (!keep)
        {
            await DisposeQuietlyAsync(standby);
            return;
        }

        StandbyLog.Ready(logger, resource.Id, process.Pid);
        _ = process.Exited.ContinueWith(exited => OnStandbyExited(resource.Id, entry, standby, exited.Result), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }

    private void OnStandbyExited(string resourceId, Entry entry, Standby standby, int exitCode)
    {
        lock (sync)
        {
            // Taken (it is the silo now) or discarded: not a standby's exit any more.
            if (!ReferenceEquals(entry.Ready, standby) || entry.Discarded)
            {
                return;
            }

            (entry.Ready, entry.RetryAt) = (null, time.GetUtcNow() + RetryAfterExit);
        }

        StandbyLog.Exited(logger, resourceId, standby.Process.Pid, exitCode, RetryAfterExit);
        _ = DisposeQuietlyAsync(standby);
    }

    private async Task DisposeQuietlyAsync(Standby standby)
    {
        try
        {
            await standby.Process.DisposeAsync();
            File.Delete(standby.GatePath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            StandbyLog.DisposeFailed(logger, exception, standby.Process.Pid);
        }
    }

    /// <summary>A started standby process, the file that releases it, and the fencing token it was started under.</summary>
    internal sealed record Standby(ChildProcess Process, string GatePath, long? FencingToken);

    private sealed class Entry
    {
        public Standby? Ready { get; set; }

        public bool Starting { get; set; }

        public bool Discarded { get; set; }

        public DateTimeOffset RetryAt { get; set; }
    }
}
